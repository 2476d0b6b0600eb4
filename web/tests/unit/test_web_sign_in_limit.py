"""Failed sign-ins are limited per e-mail address and per client address: after the limit
the form comes back with 429 and a plain message, before any password is checked, whether
the account exists or not; the lockout ends by itself and a right password starts afresh."""
from __future__ import annotations

import pytest
from web_fakes import PASSWORD, PERSON, FakeAccounts, csrf_of, settings

from samskab_web.app import create_app
from samskab_web.signin_limit import Limits, MemoryFailureCounts, SignInLimit

pytestmark = pytest.mark.unit
BLOCKED_DA = "For mange mislykkede forsøg på at logge ind. Prøv igen om 15 min."


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class CountingAccounts(FakeAccounts):
    def __init__(self, accounts: dict[str, str]):
        super().__init__(accounts)
        self.checked = 0

    def verify(self, email: str, password: str) -> str | None:
        self.checked += 1
        return super().verify(email, password)


@pytest.fixture
def accounts() -> CountingAccounts:
    return CountingAccounts({PERSON: PASSWORD})


@pytest.fixture
def client(accounts, gateway):
    app = create_app(settings(sign_in_max_failures=3), accounts, gateway)
    app.config["TESTING"] = True
    return app.test_client()


def attempt(client, email: str, password: str, address: str = "10.0.0.1"):
    return client.post("/sign-in", data={"email": email, "password": password, "csrf_token": csrf_of(client)},
                       environ_base={"REMOTE_ADDR": address})


def test_after_the_limit_even_the_right_password_is_refused_with_a_plain_message(client, accounts):
    for _ in range(3):
        assert attempt(client, PERSON, "wrong").status_code == 401
    checked = accounts.checked
    refused = attempt(client, PERSON, PASSWORD)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) == 15 * 60
    assert BLOCKED_DA in page and 'aria-describedby="sign-in-error"' in page
    assert 'name="email"' in page, "the form again"
    assert accounts.checked == checked, "no password is checked while blocked"


def test_an_address_without_an_account_is_answered_exactly_alike(client):
    answers = []
    for email in (PERSON, "nobody@politi.dk"):
        for n in range(4):
            answers.append((email, n, attempt(client, email, "wrong", address=f"10.0.{n}.{len(answers)}").status_code))
    assert [status for _, _, status in answers] == [401, 401, 401, 429] * 2


def test_the_block_is_per_e_mail_address(client):
    for _ in range(3):
        attempt(client, "someone.else@politi.dk", "wrong", address="10.0.0.9")
    assert attempt(client, "someone.else@politi.dk", "wrong", address="10.0.0.9").status_code == 429
    assert attempt(client, PERSON, PASSWORD, address="10.0.0.8").status_code == 303


def test_one_client_address_trying_many_e_mail_addresses_is_blocked_too(client):
    statuses = [attempt(client, f"guess{n}@politi.dk", "wrong", address="10.9.9.9").status_code for n in range(13)]
    assert statuses == [401] * 12 + [429], "4 x 3 failures from one address"
    assert attempt(client, PERSON, PASSWORD, address="10.9.9.9").status_code == 429
    assert attempt(client, PERSON, PASSWORD, address="10.9.9.10").status_code == 303


def test_the_english_page_says_it_in_english(client):
    client.set_cookie("samskab_lang", "en")
    for _ in range(3):
        attempt(client, PERSON, "wrong")
    page = attempt(client, PERSON, PASSWORD).get_data(as_text=True)
    assert "Too many failed attempts to sign in. Try again in 15 min." in page


def test_the_lockout_ends_by_itself_and_a_right_password_starts_afresh():
    clock = Clock()
    limit = SignInLimit(MemoryFailureCounts(), Limits(max_failures=3, window_s=600, lockout_s=300), clock)
    for _ in range(3):
        assert limit.wait_s(PERSON, "10.0.0.1") == 0
        limit.failed(PERSON, "10.0.0.1")
    assert limit.wait_s(PERSON, "10.0.0.1") == 300
    assert limit.wait_s("Anna@Politi.dk ", None) == 300, "the same address however it is written"
    clock.now += 299.5
    assert limit.wait_s(PERSON, "10.0.0.1") == 1
    clock.now += 1
    assert limit.wait_s(PERSON, "10.0.0.1") == 0
    limit.succeeded(PERSON)
    limit.failed(PERSON, "10.0.0.1")
    limit.failed(PERSON, "10.0.0.1")
    assert limit.wait_s(PERSON, None) == 0, "two failures after a success are under the limit"


def test_failures_spread_beyond_the_window_are_not_added_up():
    clock = Clock()
    limit = SignInLimit(MemoryFailureCounts(), Limits(max_failures=3, window_s=600, lockout_s=300), clock)
    for _ in range(5):
        limit.failed(PERSON, None)
        clock.now += 301  # two failures per window at most
    assert limit.wait_s(PERSON, None) == 0


def test_e_mail_addresses_are_counted_only_as_a_hash():
    counts = MemoryFailureCounts()
    SignInLimit(counts).failed(PERSON, "10.0.0.1")
    assert PERSON not in str(counts.records) and "10.0.0.1" in str(counts.records)
