"""Bearer tokens: the issuer is checked and clocks a few seconds apart are tolerated."""
from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from gateway import cli
from gateway.auth import Authenticator, issue_token
from samskab_infra.errors import Unauthorized

pytestmark = pytest.mark.unit
SECRET = secrets.token_urlsafe(48)


class NoRevocations:
    """The store's part in token checks (revocations) is not what these tests are about."""

    def __getitem__(self, name: str) -> NoRevocations:
        return self

    def find_one(self, *args, **kwargs) -> None:
        return None


class Checked(Exception):
    """Raised where the gateway would go on to resolve grants: the token itself was accepted."""


@pytest.fixture
def authenticator(monkeypatch) -> Authenticator:
    def accepted(db, subject):
        raise Checked(subject)

    monkeypatch.setattr("gateway.auth.resolve", accepted)
    return Authenticator(NoRevocations(), SECRET, issuer="samskab", leeway_s=5)


def _code_for(authenticator: Authenticator, token: str) -> str:
    try:
        authenticator.authenticate(f"Bearer {token}", None)
    except Checked:
        return "accepted"
    except Unauthorized as exc:
        return exc.code
    raise AssertionError("neither accepted nor refused")


def _signed(**claims) -> str:
    now = datetime.now(UTC)
    return jwt.encode({"sub": "x@politi.dk", "jti": secrets.token_hex(8), "iat": now,
                       "exp": now + timedelta(minutes=5), **claims}, SECRET, algorithm="HS256")


def test_tokens_name_their_issuer_and_ours_are_accepted(authenticator):
    token = issue_token(SECRET, "x@politi.dk")
    assert jwt.decode(token, SECRET, algorithms=["HS256"])["iss"] == "samskab"
    assert _code_for(authenticator, token) == "accepted"


def test_a_token_without_an_issuer_or_from_another_issuer_is_invalid(authenticator):
    assert _code_for(authenticator, _signed()) == "auth.token_invalid"
    assert _code_for(authenticator, _signed(iss="someone-else")) == "auth.token_invalid"
    assert _code_for(authenticator, issue_token(SECRET, "x@politi.dk", issuer="other")) == "auth.token_invalid"


def test_a_token_expired_within_the_leeway_is_accepted_and_beyond_it_is_expired(authenticator):
    now = datetime.now(UTC)
    assert _code_for(authenticator, _signed(iss="samskab", exp=now - timedelta(seconds=2))) == "accepted"
    assert _code_for(authenticator, _signed(iss="samskab", exp=now - timedelta(seconds=30))) == \
        "auth.token_expired"
    assert _code_for(authenticator, _signed(iss="samskab", nbf=now + timedelta(seconds=2))) == "accepted"


def test_without_leeway_a_just_expired_token_is_refused(monkeypatch):
    monkeypatch.setattr("gateway.auth.resolve", lambda db, subject: (_ for _ in ()).throw(Checked()))
    strict = Authenticator(NoRevocations(), SECRET, leeway_s=0)
    expired = _signed(iss="samskab", exp=datetime.now(UTC) - timedelta(seconds=2))
    assert _code_for(strict, expired) == "auth.token_expired"


def test_the_cli_issues_tokens_under_the_configured_issuer(monkeypatch, capsys):
    monkeypatch.setenv("SAMSKAB_JWT_SECRET", SECRET)
    monkeypatch.setenv("GATEWAY_JWT_ISSUER", "politi-test")
    assert cli.main(["issue-token", "--subject", "x@politi.dk"]) == 0
    token = capsys.readouterr().out.strip()
    assert jwt.decode(token, SECRET, algorithms=["HS256"], issuer="politi-test")["sub"] == "x@politi.dk"
