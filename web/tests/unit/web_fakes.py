"""Hand-written fakes of the web's own ports (the gateway client, the account store) for
the unit tier; the browser tests use the real ones against the whole system."""
from __future__ import annotations

import re

from samskab_web.gateway_client import GatewayError
from samskab_web.settings import WebSettings

SECRET = "s" * 48
PERSON = "anna@politi.dk"
PASSWORD = "a long enough password"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(client, path: str = "/sign-in") -> str:
    """The CSRF token of the form on ``path`` (a Flask test client)."""
    return CSRF.search(client.get(path).get_data(as_text=True)).group(1)


def settings(**overrides) -> WebSettings:
    return WebSettings(**{"host": "127.0.0.1", "port": 8090, "gateway_url": "http://gateway.test",
                          "session_secret": SECRET, "jwt_secret": SECRET, **overrides})


class FakeAccounts:
    def __init__(self, accounts: dict[str, str] | None = None):
        self.accounts = accounts or {}

    def verify(self, email: str, password: str) -> str | None:
        return email if self.accounts.get(email) == password else None


class FakeDocument:
    """A streamed gateway answer (what ``requests`` gives with ``stream=True``)."""

    def __init__(self, body: bytes, headers: dict[str, str]):
        self.body, self.headers, self.closed = body, headers, False

    def iter_content(self, chunk_size: int):
        for start in range(0, len(self.body), chunk_size):
            yield self.body[start:start + chunk_size]

    def close(self) -> None:
        self.closed = True


class FakeGateway:
    """Answers by (method, path); a GatewayError answer is raised. Records every call."""

    def __init__(self, answers: dict | None = None):
        self.answers = answers or {}
        self.calls: list[dict] = []

    def call(self, method, path, subject, request_id, json=None, params=None):
        self.calls.append({"method": method, "path": path, "subject": subject, "request_id": request_id,
                           "json": json, "params": params})
        answer = self.answers.get((method, path))
        if answer is None:
            raise GatewayError(404, "initiative.not_found", "not found")
        if isinstance(answer, GatewayError):
            raise answer
        return answer

    def download(self, path, subject, request_id, params=None):
        return self.call("DOWNLOAD", path, subject, request_id, params=params)
