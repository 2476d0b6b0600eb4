"""Crash, restart and redelivery with real processes, a real broker and a real store."""
from __future__ import annotations

import subprocess

import pytest
from kombu import Connection
from nameko.standalone.rpc import ServiceRpcProxy

from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.mongo import make_client
from samskab_infra.publisher import ConfirmingPublisher
from samskab_infra.settings import load_settings
from samskab_infra.topology import ConsumerTopology, declare_consumer
from tests.harness import ServiceProcess, wait_for_rpc, wait_until
from tests.integration.plumbing import HANDLED, ledger_envelope

pytestmark = [pytest.mark.integration, pytest.mark.reliability]

LEDGER = "tests.integration.plumbing:LedgerService"
TALLY = "tests.integration.plumbing:TallyService"


@pytest.fixture
def env(service_config) -> dict:
    return {k: str(v) for k, v in service_config.items() if k.isupper()}


@pytest.fixture
def processes():
    started: list[ServiceProcess] = []

    def start(target: str, env: dict) -> ServiceProcess:
        process = ServiceProcess(target, env).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def declare_tally(config) -> None:
    settings = load_settings(config)
    with Connection(config["AMQP_URI"]) as connection:
        declare_consumer(connection, ConsumerTopology("tally.events", settings.events_exchange, HANDLED,
                                                      settings.retry_delays_ms))


def tally_counts(client, prefix) -> list[int]:
    return [d.get("count", 0) for d in client[f"{prefix}_tally"]["tally"].find({}, {"count": 1})]


def test_kill_9_of_a_consumer_during_2000_events_loses_none_and_applies_none_twice(
        service_config, env, processes, mongo_uri, db_prefix):
    declare_tally(service_config)
    client = make_client(mongo_uri)
    consumer = processes(TALLY, env)
    publisher = ConfirmingPublisher(service_config["AMQP_URI"], "samskab.events")
    envelopes = [ledger_envelope(f"k-{i}", i) for i in range(2000)]
    for start in range(0, 2000, 200):
        publisher.publish_batch(envelopes[start:start + 200])
    publisher.close()
    wait_until(lambda: len(tally_counts(client, db_prefix)) >= 300, timeout=60, message="consumer busy")
    consumer.kill9()
    seen_at_kill = len(tally_counts(client, db_prefix))
    assert seen_at_kill < 2000, "the kill must land mid-stream"
    processes(TALLY, env)
    wait_until(lambda: len(tally_counts(client, db_prefix)) == 2000, timeout=180, message="all 2000 applied")
    counts = tally_counts(client, db_prefix)
    assert len(counts) == 2000
    assert set(counts) == {1}, "an event was applied twice"
    client.close()


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


def test_broker_restart_services_reconnect_and_the_outbox_drains(service_config, env, processes,
                                                                 mongo_uri, db_prefix):
    declare_tally(service_config)
    client = make_client(mongo_uri)
    processes(TALLY, env)
    processes(LEDGER, env)
    wait_for_rpc(service_config["vhost"], "ledger")
    with ServiceRpcProxy("ledger", service_config) as rpc:
        rpc.record_many("before", 100)
    rabbitmqctl("stop_app")
    try:
        entries = AggregateStore(client[f"{db_prefix}_ledger"]["entries"])
        for i in range(200):
            entries.create(f"during-{i}", {"amount": i}, [ledger_envelope(f"during-{i}", i)])
    finally:
        rabbitmqctl("start_app")
        rabbitmqctl("await_startup")
    wait_for_rpc(service_config["vhost"], "ledger", timeout=120)
    wait_until(lambda: len(tally_counts(client, db_prefix)) == 300, timeout=120,
               message="events written while the broker was down arrive")
    with ServiceRpcProxy("ledger", service_config, timeout=30) as rpc:
        rpc.record("after", 1)
    wait_until(lambda: len(tally_counts(client, db_prefix)) == 301, timeout=60, message="rpc after restart")
    assert set(tally_counts(client, db_prefix)) == {1}
    assert client[f"{db_prefix}_ledger"]["entries"].count_documents({"_outbox_pending": True}) == 0
    client.close()


def test_crash_between_state_write_and_publish_publishes_exactly_once_after_restart(
        service_config, env, processes, mongo_uri, db_prefix):
    declare_tally(service_config)
    client = make_client(mongo_uri)
    silent = processes(LEDGER, {**env, "SAMSKAB_RELAY_ENABLED": "0"})
    wait_for_rpc(service_config["vhost"], "ledger")
    with ServiceRpcProxy("ledger", service_config) as rpc:
        rpc.record("crash", 5)
    entries = client[f"{db_prefix}_ledger"]["entries"]
    assert entries.find_one({"_id": "crash"})["_outbox_pending"]
    silent.kill9()
    processes(TALLY, env)
    processes(LEDGER, env)
    wait_until(lambda: tally_counts(client, db_prefix) == [1], timeout=60, message="published after restart")
    wait_until(lambda: entries.count_documents({"_outbox_pending": True}) == 0, message="outbox empty")
    history = list(client[f"{db_prefix}_ledger"]["entries_events"].find({"aggregate_id": "crash"}))
    assert len(history) == 1 and history[0]["status"] == "published"
    processed = client[f"{db_prefix}_tally"]["processed_events"]
    wait_until(lambda: processed.count_documents({}) >= 1, message="marked processed")
    assert processed.count_documents({}) == 1
    assert tally_counts(client, db_prefix) == [1]
    client.close()
