"""An Idempotency-Key holds across an RPC timeout: the gateway answers 503 with
Retry-After while the command still waits in the stalled service's queue, and the
client's retry with the same key gets the first run's answer instead of a second
initiative (the service records the command id with its write)."""
from __future__ import annotations

import uuid

import pytest

from samskab_infra.mongo import make_client
from tests.harness import wait_until
from tests.system import System

pytestmark = pytest.mark.e2e
RPC_TIMEOUT_S = "2"


@pytest.fixture(scope="module")
def system(embedded_store):
    running = System(embedded_store.uri, extra_env={"GATEWAY_RPC_TIMEOUT_S": RPC_TIMEOUT_S}).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def initiatives(system):
    client = make_client(system.mongo_uri)
    yield client[f"{system.db_prefix}_initiatives"]["initiatives"]
    client.close()


def initiative(title: str) -> dict:
    return {"title": title, "challenge": {"text": "Mange indbrud i private hjem"},
            "themes": ["burglary_prevention"], "district": "nordjylland", "municipalities": ["Hjørring"]}


def stalled(system, *requests_to_send):
    """Send requests while the initiatives service is stopped, so each RPC times out."""
    service = system.processes["initiatives"]
    service.pause()
    try:
        return [send() for send in requests_to_send]
    finally:
        service.resume()


def test_a_create_retried_after_an_rpc_timeout_creates_one_initiative(system, initiatives):
    operator = system.session()
    title = f"Tidsudløb {uuid.uuid4().hex[:8]}"
    key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}

    [timed_out] = stalled(system, lambda: operator.post(f"{system.url}/initiatives", json=initiative(title),
                                                        headers=key))
    assert timed_out.status_code == 503, timed_out.text
    assert timed_out.headers["Retry-After"]
    wait_until(lambda: initiatives.find_one({"title": title}), timeout=30,
               message="the queued command ran once the service carried on")

    retried = operator.post(f"{system.url}/initiatives", json=initiative(title), headers=key)
    assert retried.status_code == 201, retried.text
    stored = list(initiatives.find({"title": title}))
    assert [d["_id"] for d in stored] == [retried.json()["initiative_id"]]
    assert retried.json()["events"] == ["InitiativeCreated"]
    assert retried.headers["Location"] == f"/initiatives/{stored[0]['_id']}"


def test_retries_queued_behind_a_stalled_service_run_once(system, initiatives):
    """Both copies wait in the queue and may run at once: the initiative's id comes from
    the command id, so the second finds the first's record instead of creating again."""
    operator = system.session()
    title = f"Tidsudløb {uuid.uuid4().hex[:8]}"
    key = {"Idempotency-Key": f"create-{uuid.uuid4()}"}

    def send():
        return operator.post(f"{system.url}/initiatives", json=initiative(title), headers=key)

    assert [r.status_code for r in stalled(system, send, send)] == [503, 503]
    wait_until(lambda: initiatives.find_one({"title": title}), timeout=30, message="the commands ran")
    answered = send()
    assert answered.status_code == 201, answered.text
    assert [d["_id"] for d in initiatives.find({"title": title})] == [answered.json()["initiative_id"]]
