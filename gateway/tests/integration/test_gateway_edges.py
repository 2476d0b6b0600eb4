"""The gateway alone, with no service running: bounded 503s, rate limits, token and
key expiry and revocation, body limits, health and metrics. Small limits come from
the environment (GATEWAY_RPC_TIMEOUT_S, GATEWAY_RATE_*, GATEWAY_MAX_BODY_BYTES)."""
from __future__ import annotations

import secrets
import time
import uuid
from datetime import timedelta

import pytest
import requests

from gateway.auth import create_api_key, issue_token, revoke_api_key, revoke_token
from samskab_infra.context import Principal
from samskab_infra.mongo import make_client
from tests.harness import RABBIT_API, RABBIT_AUTH, ServiceProcess, free_port, wait_until
from tests.system import create_vhost, delete_vhost, put_grants

pytestmark = pytest.mark.integration
RPC_TIMEOUT_S = 0.5
BURST = 3


class LoneGateway:
    """One gateway process; ``replica_of`` starts another over the same broker vhost, store
    databases and JWT secret, as a second replica behind a load balancer would run."""

    def __init__(self, mongo_uri: str, env: dict[str, str] | None = None, replica_of: LoneGateway | None = None):
        self.replica_of = replica_of
        self.vhost = replica_of.vhost if replica_of else create_vhost()
        self.prefix = replica_of.prefix if replica_of else f"g{uuid.uuid4().hex[:10]}"
        self.secret = replica_of.secret if replica_of else secrets.token_urlsafe(48)
        self.url = f"http://127.0.0.1:{free_port()}"
        self.ops_port = free_port()
        self.ops_url = f"http://127.0.0.1:{self.ops_port}"
        self.db = make_client(mongo_uri)[f"{self.prefix}_gateway"]
        self.process = ServiceProcess("gateway.service:GatewayService", {
            "AMQP_URI": f"amqp://guest:guest@127.0.0.1:5672/{self.vhost}", "MONGO_URI": mongo_uri,
            "SAMSKAB_DB_PREFIX": self.prefix, "SAMSKAB_JWT_SECRET": self.secret,
            "WEB_SERVER_ADDRESS": self.url.removeprefix("http://"), "GATEWAY_RPC_TIMEOUT_S": str(RPC_TIMEOUT_S),
            "GATEWAY_RATE_BURST": str(BURST), "GATEWAY_RATE_PER_S": "0.2", "GATEWAY_MAX_BODY_BYTES": "2048",
            "METRICS_PORT": str(self.ops_port),
            **(env or {}),
        }, "gateway")

    def start(self) -> LoneGateway:
        self.process.start()
        wait_until(self._up, timeout=30, message="gateway up")
        return self

    def _up(self) -> bool:
        try:
            return (requests.get(f"{self.ops_url}/health/live", timeout=1).status_code == 200
                    and requests.get(f"{self.url}/openapi.json", timeout=1).status_code == 200)
        except requests.RequestException:
            return False

    def stop(self) -> None:
        self.process.stop()
        self.db.client.close()
        if self.replica_of is None:
            delete_vhost(self.vhost)

    def token(self, subject: str | None = None, ttl: timedelta = timedelta(minutes=5)) -> str:
        principal = Principal.of(subject or f"{uuid.uuid4().hex[:8]}@politi.dk", "district_operator",
                                 district="nordjylland")
        put_grants(self.db, principal)
        return issue_token(self.secret, principal.subject, ttl)

    def get(self, path: str, token: str | None = None, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.get(self.url + path, headers=headers, timeout=10, **kwargs)

    def queue_without_consumer(self, service: str) -> None:
        """The service's RPC queue exists but nobody consumes it: a service that hangs."""
        vhost = requests.utils.quote(self.vhost, safe="")
        api = f"{RABBIT_API}/api"
        requests.put(f"{api}/exchanges/{vhost}/nameko-rpc", auth=RABBIT_AUTH, timeout=10,
                     json={"type": "topic", "durable": True}).raise_for_status()
        requests.put(f"{api}/queues/{vhost}/rpc-{service}", auth=RABBIT_AUTH, timeout=10,
                     json={"durable": True}).raise_for_status()
        requests.post(f"{api}/bindings/{vhost}/e/nameko-rpc/q/rpc-{service}", auth=RABBIT_AUTH, timeout=10,
                      json={"routing_key": f"{service}.*"}).raise_for_status()


@pytest.fixture(scope="module")
def gateway(embedded_store):
    lone = LoneGateway(embedded_store.uri).start()
    yield lone
    lone.stop()


def _problem(response: requests.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["request_id"] == response.headers["X-Request-Id"]
    if code:
        assert body["code"] == code
    return body


def test_a_service_that_is_not_running_gives_503_with_retry_after_at_once(gateway):
    started = time.monotonic()
    response = gateway.get("/initiatives", gateway.token())
    assert time.monotonic() - started < 2
    _problem(response, 503, "service_unavailable")
    assert int(response.headers["Retry-After"]) > 0


def test_a_service_that_does_not_answer_gives_503_within_the_rpc_timeout(gateway):
    gateway.queue_without_consumer("actors")
    started = time.monotonic()
    response = gateway.get("/actors/a-1", gateway.token())
    elapsed = time.monotonic() - started
    _problem(response, 503, "service_unavailable")
    assert RPC_TIMEOUT_S <= elapsed < RPC_TIMEOUT_S + 2
    assert "did not answer in time" in response.json()["detail"]


def test_a_caller_past_its_burst_gets_429_and_others_do_not(gateway):
    token = gateway.token()
    statuses = [gateway.get("/initiatives", token).status_code for _ in range(BURST)]
    assert 429 not in statuses
    limited = gateway.get("/initiatives", token)
    _problem(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1
    assert gateway.get("/initiatives", gateway.token()).status_code == 503
    assert all(gateway.get("/openapi.json").status_code == 200 for _ in range(BURST + 2))


def test_expired_malformed_and_revoked_tokens_are_refused(gateway):
    _problem(gateway.get("/initiatives"), 401, "auth.missing")
    expired = gateway.token(ttl=timedelta(seconds=-60))  # beyond the clock leeway
    assert _problem(gateway.get("/initiatives", expired), 401, "auth.token_expired")
    _problem(gateway.get("/initiatives", "not.a.token"), 401, "auth.token_invalid")
    foreign = issue_token(secrets.token_urlsafe(48), "x@politi.dk")
    _problem(gateway.get("/initiatives", foreign), 401, "auth.token_invalid")
    token = gateway.token()
    assert gateway.get("/initiatives", token).status_code == 503
    revoke_token(gateway.db, token, gateway.secret)
    # Revoked behind the gateway's back (as the CLI does): refused within
    # GATEWAY_ACCESS_FRESHNESS_MS, and from then on.
    wait_until(lambda: gateway.get("/initiatives", token).status_code == 401, timeout=10,
               message="the revoked token refused")
    response = gateway.get("/initiatives", token)
    _problem(response, 401, "auth.token_revoked")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_api_keys_work_until_they_expire_or_are_revoked(gateway):
    partner = Principal.of(subject="kommune@hjoerring.dk", role="partner")
    put_grants(gateway.db, partner)
    key = create_api_key(gateway.db, partner.subject, timedelta(days=1), label="test")
    assert gateway.get("/webhook-endpoints", headers={"X-API-Key": key["key"]}).status_code == 503
    assert revoke_api_key(gateway.db, key["key_id"])
    wait_until(lambda: gateway.get("/webhook-endpoints", headers={"X-API-Key": key["key"]}).status_code == 401,
               timeout=10, message="the revoked key refused")
    _problem(gateway.get("/webhook-endpoints", headers={"X-API-Key": key["key"]}), 401, "auth.key_revoked")
    old = create_api_key(gateway.db, partner.subject, timedelta(seconds=-1))
    _problem(gateway.get("/webhook-endpoints", headers={"X-API-Key": old["key"]}), 401, "auth.key_expired")
    _problem(gateway.get("/webhook-endpoints", headers={"X-API-Key": "sk_guess"}), 401, "auth.key_invalid")


def test_a_body_over_the_limit_is_413_whether_its_length_is_declared_or_not(gateway):
    headers = {"Authorization": f"Bearer {gateway.token()}", "Content-Type": "application/json"}
    big = b'{"title": "' + b"x" * 4000 + b'"}'
    _problem(requests.post(f"{gateway.url}/initiatives", data=big, headers=headers, timeout=10), 413)
    chunked = requests.post(f"{gateway.url}/initiatives", data=iter([big[:2000], big[2000:]]), headers={
        **headers, "Authorization": f"Bearer {gateway.token()}"}, timeout=10)
    _problem(chunked, 413)


def test_unknown_paths_and_methods_are_problem_documents(gateway):
    _problem(gateway.get("/no/such/thing"), 404, "http.404")
    wrong = requests.delete(f"{gateway.url}/initiatives", timeout=10)
    _problem(wrong, 405, "http.405")
    assert "POST" in wrong.headers["Allow"]


def test_the_request_id_is_kept_when_sensible_and_replaced_otherwise(gateway):
    assert gateway.get("/openapi.json", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
    replaced = gateway.get("/openapi.json", headers={"X-Request-Id": "x" * 500}).headers["X-Request-Id"]
    assert len(replaced) == 36


def test_health_answers_without_credentials_on_the_ops_port(gateway):
    live = requests.get(f"{gateway.ops_url}/health/live", timeout=10)
    assert live.json() == {"status": "ok", "service": "gateway"}
    ready = requests.get(f"{gateway.ops_url}/health/ready", timeout=10)
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"broker": True, "store": True}


@pytest.mark.parametrize("path", ["/metrics", "/health/live", "/health/ready"])
def test_metrics_and_health_are_not_on_the_public_api_port(gateway, path):
    _problem(gateway.get(path), 404, "http.404")


def test_metrics_count_requests_by_route_template_never_by_raw_path(gateway):
    gateway.get("/initiatives/secret-initiative-4711", gateway.token())
    gateway.get("/no/such/personal-path")
    text = requests.get(f"{gateway.ops_url}/metrics", timeout=10).text
    assert 'samskab_http_requests_total{method="GET",route="/initiatives/{initiative_id}",status="503"}' in text
    assert 'route="unmatched"' in text
    assert "samskab_http_request_seconds_bucket" in text
    assert "secret-initiative-4711" not in text and "personal-path" not in text
