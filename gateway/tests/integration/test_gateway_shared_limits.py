"""Rate limits hold across gateway replicas and cover callers who fail to authenticate:
two gateway processes over one store share every caller's limit, and a client address
that keeps presenting bad API keys is answered 429 without its keys being looked up."""
from __future__ import annotations

import re
import secrets

import pytest
import requests
from test_gateway_edges import LoneGateway

pytestmark = pytest.mark.integration
CALLER_LIMIT = 6
EXTRA = 4
AUTH_FAILURES = 10
BOGUS_KEYS = 150


@pytest.fixture
def replicas(embedded_store):
    env = {"GATEWAY_RATE_BURST": str(CALLER_LIMIT), "GATEWAY_RATE_PER_S": "0.001",
           "GATEWAY_AUTH_FAILURES": str(AUTH_FAILURES), "GATEWAY_AUTH_FAILURE_WINDOW_S": "600",
           # Exact across replicas: every request counted and checked in the store at once
           # (by default each replica adds its counts every 100 ms: ratelimit.BatchedCounters).
           "GATEWAY_RATE_FLUSH_MS": "0"}
    first = LoneGateway(embedded_store.uri, env)
    second = LoneGateway(embedded_store.uri, env, replica_of=first)
    started = []
    try:
        for gateway in (first, second):
            started.append(gateway.start())
        yield first, second
    finally:
        for gateway in reversed(started):
            gateway.stop()


def _key_lookups(gateway: LoneGateway) -> float:
    text = requests.get(f"{gateway.ops_url}/metrics", timeout=10).text
    found = re.search(r'^samskab_gateway_credential_lookups_total\{kind="key"\} (\S+)$', text, re.M)
    return float(found.group(1)) if found else 0.0


def test_two_replicas_share_one_limit_per_caller(replicas):
    token = replicas[0].token()
    answers = [replicas[i % 2].get("/initiatives", token) for i in range(CALLER_LIMIT + EXTRA)]
    limited = [r for r in answers if r.status_code == 429]
    assert [r.status_code for r in answers if r.status_code != 429] == [503] * CALLER_LIMIT
    assert len(limited) == EXTRA
    assert {r.json()["code"] for r in limited} == {"rate_limited"}
    assert all(int(r.headers["Retry-After"]) >= 1 for r in limited)
    assert {r.url.split("/initiatives")[0] for r in limited} == {g.url for g in replicas}
    assert replicas[1].get("/initiatives", replicas[1].token()).status_code == 503


def test_bogus_api_keys_from_one_address_are_refused_without_looking_them_up(replicas):
    before = sum(_key_lookups(g) for g in replicas)
    answers = [replicas[i % 2].get("/webhook-endpoints", headers={"X-API-Key": f"sk_{secrets.token_hex(8)}"})
               for i in range(BOGUS_KEYS)]
    statuses = [r.status_code for r in answers]
    assert set(statuses) == {401, 429}
    assert statuses.count(401) == AUTH_FAILURES
    assert statuses[AUTH_FAILURES:] == [429] * (BOGUS_KEYS - AUTH_FAILURES)
    refused = answers[-1]
    assert refused.json()["code"] == "auth.too_many_failures" and int(refused.headers["Retry-After"]) >= 1
    assert sum(_key_lookups(g) for g in replicas) - before == AUTH_FAILURES
