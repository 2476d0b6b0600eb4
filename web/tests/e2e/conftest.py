"""One real browser for every browser test module: Playwright's sync API starts once per
process (a second start after the first one's stop finds its event loop still marked running)."""
from __future__ import annotations

import pytest
from web_browser import RealBrowser

from tests.system import System


@pytest.fixture(scope="session")
def browser():
    real = RealBrowser()
    yield real
    real.stop()


@pytest.fixture(scope="module")
def system(embedded_store):
    """The whole system (services and gateway), once per browser test module."""
    running = System(embedded_store.uri).start()
    yield running
    running.stop()


@pytest.fixture
def page(browser, web):
    """A fresh Danish page; the test fails if the page ever broke its own Content-Security-Policy."""
    context = browser.browser.new_context(locale="da-DK", accept_downloads=True)
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert blocked == [], "the page broke its own Content-Security-Policy"


# The pages added after the first two modules share one system, one identity provider and one
# web process for the whole session (starting them is most of a browser module's time); each
# test makes its own initiatives and accounts, so tests do not depend on one another.
@pytest.fixture(scope="session")
def shared_system(embedded_store):
    # Webhooks may go to a receiver on this machine (the partner pages' test), and are sent
    # every half second rather than every two.
    running = System(embedded_store.uri, extra_env={"NOTIFY_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
                                                    "NOTIFY_DELIVERY_INTERVAL_S": "0.5"}).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def shared_idp():
    from web_system import OIDC_PEOPLE, IdentityProvider
    provider = IdentityProvider(*OIDC_PEOPLE)
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def shared_web(shared_system, shared_idp):
    from web_system import WebProcess
    process = WebProcess(shared_system, shared_idp)
    yield process
    process.stop()


@pytest.fixture(scope="session")
def account(shared_web):
    """``account(email, role=None, district=None)``: a local account with that administrative
    grant (once per email in the session), made with the operator command."""
    from web_browser import PASSWORD
    made: set[str] = set()

    def make(email: str, role: str | None = None, district: str | None = None) -> str:
        if email not in made:
            grant = (["--role", role] if role else []) + (["--district", district] if district else [])
            created = shared_web.create_account(email, PASSWORD, *grant)
            assert created.returncode == 0, created.stdout + created.stderr
            made.add(email)
        return email

    return make
