"""The shared plumbing over a real RabbitMQ (own vhost) and a real nx-27017."""
from __future__ import annotations

import json
import time
import uuid

import pytest
from kombu import Connection
from nameko.standalone.rpc import ServiceRpcProxy

from samskab_infra.consumer import ATTEMPT_HEADER, ERROR_HEADER, REASON_HEADER
from samskab_infra.publisher import ConfirmingPublisher
from samskab_infra.settings import load_settings
from samskab_infra.topology import ConsumerTopology, declare_consumer
from tests.harness import wait_until
from tests.integration.plumbing import HANDLED, LedgerService, TallyService, ledger_envelope

pytestmark = pytest.mark.integration


def tally(mongo_client, prefix: str):
    return mongo_client[f"{prefix}_tally"]["tally"]


def topology(config) -> ConsumerTopology:
    settings = load_settings(config)
    return ConsumerTopology("tally.events", settings.events_exchange, HANDLED, settings.retry_delays_ms)


def drain(config, queue_name: str) -> list:
    messages = []
    with Connection(config["AMQP_URI"]) as connection:
        queue = connection.SimpleQueue(queue_name)
        while True:
            try:
                message = queue.get(timeout=0.5)
            except queue.Empty:
                break
            messages.append(message)
            message.ack()
        queue.close()
    return messages


def test_event_published_before_consumer_started_is_handled(container_factory, service_config,
                                                             mongo_client, db_prefix):
    with Connection(service_config["AMQP_URI"]) as connection:
        declare_consumer(connection, topology(service_config))
    ledger = container_factory(LedgerService, service_config)
    ledger.start()
    with ServiceRpcProxy("ledger", service_config) as rpc:
        rpc.record("early", 7)
    wait_until(lambda: mongo_client[f"{db_prefix}_ledger"]["entries"].count_documents(
        {"_outbox_pending": True}) == 0, message="outbox drained")

    consumer = container_factory(TallyService, service_config)
    consumer.start()
    doc = wait_until(lambda: tally(mongo_client, db_prefix).find_one({"_id": "early"}),
                     message="early event applied")
    assert doc["count"] == 1 and doc["amount"] == 7


@pytest.mark.parametrize("linger_ms, together", [(300, True), (0, False)])
def test_the_relay_waits_its_linger_for_the_writes_of_the_same_moment(container_factory, service_config, mongo_client,
                                                                     db_prefix, linger_ms, together):
    ledger = container_factory(LedgerService, {**service_config, "SAMSKAB_RELAY_LINGER_MS": str(linger_ms)})
    ledger.start()
    with ServiceRpcProxy("ledger", service_config) as rpc:
        rpc.record("first", 1)
        time.sleep(0.05)
        rpc.record("second", 2)
    archive = mongo_client[f"{db_prefix}_ledger"]["entries_events"]
    wait_until(lambda: archive.count_documents({}) == 2, message="both events published and archived")
    first, second = (archive.find_one({"aggregate_id": doc_id}) for doc_id in ("first", "second"))
    # One pass of the relay archives what it published with one time.
    assert (first["published_at"] == second["published_at"]) is together


def test_failing_handler_is_retried_then_dead_lettered_while_good_events_flow(
        container_factory, service_config, mongo_client, db_prefix):
    container_factory(TallyService, service_config).start()
    container_factory(LedgerService, service_config).start()
    with ServiceRpcProxy("ledger", service_config) as rpc:
        rpc.record("poison", 1, True)
        for i in range(20):
            rpc.record(f"good-{i}", i)
    wait_until(lambda: tally(mongo_client, db_prefix).count_documents({}) == 20, message="good events")
    topo = topology(service_config)
    parked = wait_until(lambda: drain(service_config, topo.dead_letter_queue_name),
                        timeout=20, message="poison parked")
    assert len(parked) == 1
    headers = parked[0].headers
    assert headers[REASON_HEADER] == "handler-failed"
    assert "poison entry poison" in headers[ERROR_HEADER]
    assert headers[ATTEMPT_HEADER] == topo.max_attempts
    assert json.loads(parked[0].body)["data"]["entry_id"] == "poison"
    assert tally(mongo_client, db_prefix).find_one({"_id": "poison"}) is None


def test_every_event_delivered_twice_is_applied_once(container_factory, service_config,
                                                      mongo_client, db_prefix):
    container_factory(TallyService, service_config).start()
    envelopes = [ledger_envelope(f"twice-{i}", i) for i in range(50)]
    publisher = ConfirmingPublisher(service_config["AMQP_URI"], "samskab.events")
    publisher.publish_batch(envelopes)
    publisher.publish_batch(envelopes)
    publisher.close()
    wait_until(lambda: tally(mongo_client, db_prefix).count_documents({}) == 50, message="all applied")
    wait_until(lambda: mongo_client[f"{db_prefix}_tally"]["processed_events"].count_documents({}) == 50,
               message="all marked processed")
    counts = [d["count"] for d in tally(mongo_client, db_prefix).find({})]
    assert counts == [1] * 50


def test_malformed_payload_goes_straight_to_the_dead_letter_queue(container_factory, service_config,
                                                                  mongo_client, db_prefix):
    container_factory(TallyService, service_config).start()
    bad = ledger_envelope("bad", 1).to_dict()
    bad["data"]["unexpected"] = "field"
    not_json = b"{this is not json"
    with Connection(service_config["AMQP_URI"]) as connection:
        producer = connection.Producer()
        producer.publish(bad, exchange="samskab.events", routing_key="LedgerEntryRecorded.x",
                         serializer="json")
        producer.publish(not_json, exchange="samskab.events", routing_key="LedgerEntryRecorded.x",
                         content_type="application/json", content_encoding="utf-8")
        producer.publish(ledger_envelope("fine", 2).to_dict(), exchange="samskab.events",
                         routing_key="LedgerEntryRecorded.x", serializer="json")
    wait_until(lambda: tally(mongo_client, db_prefix).find_one({"_id": "fine"}), message="good one")
    parked = wait_until(lambda: drain(service_config, "tally.events.dlq"), message="parked")
    reasons = sorted(m.headers[REASON_HEADER] for m in parked)
    assert reasons == ["invalid", "undecodable"]
    invalid = next(m for m in parked if m.headers[REASON_HEADER] == "invalid")
    assert "unexpected" in invalid.headers[ERROR_HEADER]
    assert tally(mongo_client, db_prefix).find_one({"_id": "bad"}) is None


def test_correlation_id_travels_from_rpc_through_the_event(container_factory, service_config,
                                                           mongo_client, db_prefix):
    container_factory(TallyService, service_config).start()
    container_factory(LedgerService, service_config).start()
    correlation_id = f"req-{uuid.uuid4()}"
    with ServiceRpcProxy("ledger", service_config, context_data={"correlation_id": correlation_id}) as rpc:
        rpc.record("traced", 3)
    doc = wait_until(lambda: tally(mongo_client, db_prefix).find_one({"_id": "traced"}), message="traced")
    assert doc["correlation_id"] == correlation_id
