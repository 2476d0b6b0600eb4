"""A store outage is waited out, never a crash (issue 12, failure 1).

The whole system in real processes on its own nx-27017 with a data directory. The
store is killed with SIGKILL for longer than pymongo's 5 s server selection while an
event arrives for every consumer and a command is sent, then started again on the
same port with the same data. Every process must still run, the event must be
applied once and nothing parked, the gateway must have answered 503
``store_unavailable`` meanwhile, and readiness must follow the store down and up.
"""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import time
import uuid

import pytest
import requests

from samskab_contracts.events.initiatives import InitiativeCreated
from samskab_infra.envelope import Envelope
from samskab_infra.mongo import make_client
from samskab_infra.publisher import ConfirmingPublisher
from tests.harness import ROOT, EmbeddedStore, handled_count, queue_depth, wait_until
from tests.system import SERVICES, System

pytestmark = [pytest.mark.integration, pytest.mark.reliability]

OUTAGE_S = 8
CONSUMERS = ("actors", "notifications", "reporting")
NEW_INITIATIVE = {
    "title": "Frederikshavn – Tryg Havn",
    "challenge": {"text": "Utryghed ved havnen om aftenen"},
    "themes": ["burglary_prevention"],
    "district": "nordjylland",
    "municipalities": ["Frederikshavn"],
}


@pytest.fixture
def durable_store(tmp_path):
    """A store of our own with its data on disk, so that it can be killed and restarted."""
    store = EmbeddedStore(data_dir=tmp_path / "store", run_dir=tmp_path).start()
    yield store
    store.stop()


@pytest.fixture
def system(durable_store):
    running = System(durable_store.uri).start()
    yield running
    running.stop()


def kill_9(store: EmbeddedStore) -> None:
    os.kill(store.process.pid, signal.SIGKILL)
    store.process.wait()


def event_from_elsewhere(initiative_id: str) -> Envelope:
    """An InitiativeCreated that reaches the broker while the store is away (as one
    published just before the outage, or by a producer with a store of its own would)."""
    data = {**InitiativeCreated.example, "initiative_id": initiative_id,
            "title": "Brønderslev – Fri for Indbrud"}
    return Envelope.wrap(InitiativeCreated(**data), producer="initiatives", district="nordjylland",
                         correlation_id=f"outage-{uuid.uuid4()}")


def metric(port: int, name: str, **labels: str) -> float:
    """The sum of one metric's samples whose labels include ``labels``."""
    total = 0.0
    for line in requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def readiness(port: int) -> requests.Response:
    return requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=10)


def logged(text: str, message: str, correlation_id: str) -> bool:
    """Whether a JSON log line carries ``message`` with the correlation id."""
    for line in text.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if message in record.get("msg", "") and record.get("correlation_id") == correlation_id:
                return True
    return False


def listed(session: requests.Session, system: System, initiative_id: str) -> list[dict]:
    response = session.get(f"{system.url}/reports/initiatives", params={"limit": 100}, timeout=30)
    if response.status_code != 200:
        return []
    return [row for row in response.json()["items"] if row["initiative_id"] == initiative_id]


def test_a_store_outage_is_waited_out_and_every_event_is_applied_once(system, durable_store):
    operator = system.session(subject="operator@nordjylland.politi.dk")
    created = operator.post(f"{system.url}/initiatives", json=NEW_INITIATIVE, timeout=30)
    assert created.status_code == 201, created.text
    wait_until(lambda: listed(operator, system, created.json()["initiative_id"]), timeout=30,
               message="reporting lists the initiative made before the outage")

    kill_9(durable_store)
    down_at = time.monotonic()
    envelope = event_from_elsewhere(str(uuid.uuid4()))
    publisher = ConfirmingPublisher(system.amqp_uri, "samskab.events")
    publisher.publish_batch([envelope])
    publisher.close()

    refused = operator.post(f"{system.url}/initiatives", json=NEW_INITIATIVE, timeout=30,
                            headers={"X-Request-Id": "during-the-outage"})
    assert refused.status_code == 503, refused.text
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "store_unavailable"
    assert int(refused.headers["Retry-After"]) > 0
    reporting_port = system.metrics_ports["reporting"]
    wait_until(lambda: metric(reporting_port, "samskab_store_outage_waits_total", component="consumer") > 0,
               timeout=30, interval=0.5, message="reporting holds the event")
    not_ready = readiness(reporting_port)
    assert not_ready.status_code == 503 and not_ready.json()["checks"]["store"] is False
    gateway_not_ready = requests.get(f"{system.ops_url}/health/ready", timeout=10)
    assert gateway_not_ready.status_code == 503 and gateway_not_ready.json()["checks"]["store"] is False
    assert logged(system.processes["reporting"].log(), "waits for the store", envelope.correlation_id)
    assert metric(reporting_port, "samskab_store_available") == 0
    time.sleep(max(0.0, OUTAGE_S - (time.monotonic() - down_at)))

    durable_store.start()
    rows = wait_until(lambda: listed(operator, system, envelope.data["initiative_id"]), timeout=60,
                      interval=0.5, message="reporting applies the held event")
    assert len(rows) == 1
    assert len(listed(operator, system, created.json()["initiative_id"])) == 1
    for name, process in system.processes.items():
        assert process.process.poll() is None, f"{name} died in the outage:\n{process.log()[-3000:]}"
    client = make_client(durable_store.uri)
    try:
        for name in CONSUMERS:
            db = client[f"{system.db_prefix}_{name}"]
            wait_until(lambda db=db, name=name: handled_count(db, name, envelope.event_id) > 0, timeout=30,
                       interval=0.5, message=f"{name} records the held event")
            assert handled_count(db, name, envelope.event_id) == 1, name
            assert queue_depth(system.vhost, f"{name}.events.dlq") == 0, name
    finally:
        client.close()
    assert logged(system.processes["reporting"].log(), "handled InitiativeCreated", envelope.correlation_id)
    for name in SERVICES:
        wait_until(lambda port=system.metrics_ports[name]: readiness(port).status_code == 200, timeout=30,
                   interval=0.5, message=f"{name} ready again")
    assert metric(reporting_port, "samskab_store_available") == 1
    assert requests.get(f"{system.ops_url}/health/ready", timeout=10).status_code == 200

    after = operator.post(f"{system.url}/initiatives", json=NEW_INITIATIVE, timeout=30)
    assert after.status_code == 201, after.text
    wait_until(lambda: listed(operator, system, after.json()["initiative_id"]), timeout=30,
               message="a command after the outage reaches reporting")


def test_make_run_starts_its_embedded_store_again_with_the_same_data(durable_store):
    """``make run`` keeps the system up when its store dies: the watch restarts it."""
    spec = importlib.util.spec_from_file_location("run_system", ROOT / "scripts/run_system.py")
    run_system = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_system)
    client = make_client(durable_store.uri)
    try:
        client["kept"]["things"].insert_one({"_id": "before the outage"})
        watch = run_system.StoreWatch(durable_store)
        watch.check()
        first = durable_store.process.pid
        kill_9(durable_store)
        watch.check()
        assert durable_store.process.poll() is None and durable_store.process.pid != first
        assert client["kept"]["things"].find_one({"_id": "before the outage"}) is not None
    finally:
        client.close()
