"""The web calls the gateway as the signed-in person: a token the gateway's own
authenticator accepts, the page's correlation id as X-Request-Id, problems as GatewayError."""
from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from gateway.auth import Authenticator
from samskab_web.gateway_client import GatewayClient, GatewayError, mint_token

pytestmark = pytest.mark.unit
SECRET = "k" * 48


class EmptyCollection:
    def find_one(self, *args, **kwargs):
        return None

    def find(self, *args, **kwargs):
        return []


class EmptyStore(dict):
    def __missing__(self, name):
        return EmptyCollection()


def test_the_gateway_accepts_the_token_for_the_person_it_names():
    token = mint_token(SECRET, "anna@politi.dk", "samskab-test", timedelta(minutes=2))
    principal, caller = Authenticator(EmptyStore(), SECRET, issuer="samskab-test").authenticate(
        f"Bearer {token}", None)
    assert principal.subject == "anna@politi.dk" and principal.grants == ()


@pytest.fixture
def gateway_stub():
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server hook's name
            seen.append(dict(self.headers))
            if self.path.startswith("/reports/exports/"):
                return self._document()
            status, body = (404, {"code": "initiative.not_found", "detail": "no"}) if "missing" in self.path \
                else (200, {"items": []})
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/problem+json" if status >= 400 else "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _document(self):
            payload = "initiative_id,title\nini_1,Hjørring\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/csv; charset=utf-8")
            self.send_header("Content-Disposition", 'attachment; filename="samskab-goals-national.csv"')
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()
    server.server_close()


def test_each_call_names_the_person_and_carries_the_correlation_id(gateway_stub):
    url, seen = gateway_stub
    client = GatewayClient(url, SECRET, "samskab")
    assert client.get("/initiatives", "anna@politi.dk", "req-42") == {"items": []}
    assert seen[0]["X-Request-Id"] == "req-42" and seen[0]["Authorization"].startswith("Bearer ")
    with pytest.raises(GatewayError) as problem:
        client.get("/initiatives/missing", "anna@politi.dk", "req-43")
    assert (problem.value.status, problem.value.code) == (404, "initiative.not_found")


def test_a_gateway_that_does_not_answer_is_503():
    with pytest.raises(GatewayError) as problem:
        GatewayClient("http://127.0.0.1:9", SECRET, "samskab", timeout_s=1).get("/me", "anna@politi.dk", "r")
    assert problem.value.status == 503


def test_a_document_comes_as_the_gateway_sends_it_and_a_problem_as_gateway_error(gateway_stub):
    url, seen = gateway_stub
    client = GatewayClient(url, SECRET, "samskab")
    document = client.download("/reports/exports/goals", "anna@politi.dk", "req-44", params={"format": "csv"})
    try:
        assert document.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert document.headers["Content-Disposition"] == 'attachment; filename="samskab-goals-national.csv"'
        assert b"".join(document.iter_content(4)) == "initiative_id,title\nini_1,Hjørring\n".encode()
    finally:
        document.close()
    assert seen[-1]["X-Request-Id"] == "req-44" and seen[-1]["Authorization"].startswith("Bearer ")
    with pytest.raises(GatewayError) as problem:
        client.download("/reports/missing", "anna@politi.dk", "req-45")
    assert (problem.value.status, problem.value.code) == (404, "initiative.not_found")
    with pytest.raises(GatewayError) as unreachable:
        GatewayClient("http://127.0.0.1:9", SECRET, "samskab", timeout_s=1).download("/reports/catalogue", "a", "r")
    assert unreachable.value.status == 503
