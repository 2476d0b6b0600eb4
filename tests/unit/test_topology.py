"""The broker topology: retry ladder, dead-letter queue, and the deploy definitions file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from samskab_dev.catalogue import production_events
from samskab_dev.topology_cli import consumer_topologies, definitions
from samskab_infra.topology import ConsumerTopology

pytestmark = pytest.mark.unit
DEFINITIONS = Path(__file__).resolve().parents[2] / "deploy/rabbitmq/definitions.json"


def test_retry_queues_grow_and_dead_letter_back_to_the_service_queue():
    topology = ConsumerTopology("svc.events", "samskab.events", ("A", "B"), (100, 1000, 5000))
    assert topology.max_attempts == 4
    assert [topology.retry_queue_name(a) for a in (1, 2, 3)] == [
        "svc.events.retry.100ms", "svc.events.retry.1000ms", "svc.events.retry.5000ms"]
    for queue in topology.retry_queues():
        assert queue.queue_arguments["x-dead-letter-exchange"] == ""
        assert queue.queue_arguments["x-dead-letter-routing-key"] == "svc.events"
    assert sorted(b.routing_key for b in topology.queue.bindings) == ["A.*", "B.*"]


def test_every_consuming_service_has_a_queue_a_dead_letter_queue_and_retries():
    names = {t.queue_name for t in consumer_topologies()}
    assert names == {"initiatives.events", "actors.events", "notifications.events", "reporting.events",
                     "gateway.events"}


def test_every_event_type_in_the_contracts_is_bound_to_a_queue():
    """An event type no queue is bound to waits in samskab.unrouted for ever and fires the
    unrouted alert (WebhookEndpointDisabled did, issue 12). A new event type ships with
    its consumer, or it is not published."""
    bound = {t for topology in consumer_topologies() for t in topology.event_types}
    unbound = sorted(cls.type_name() for cls in production_events() if cls.type_name() not in bound)
    assert unbound == []


def test_every_bound_event_type_is_in_the_contracts():
    known = {cls.type_name() for cls in production_events()}
    for topology in consumer_topologies():
        assert set(topology.event_types) <= known, topology.queue_name


def test_deploy_definitions_match_the_code():
    """Run `make definitions` after changing what a service consumes."""
    assert json.loads(DEFINITIONS.read_text()) == definitions()
