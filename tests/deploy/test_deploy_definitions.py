"""The RabbitMQ definitions operations deploy: generated from the code, quorum queues with
delivery limit and dead-lettering, the national broker's federation; no credentials."""
from __future__ import annotations

import re

from deploy_support import DEPLOY, K8S, ROOT

from samskab_dev.topology_cli import consumer_topologies, definitions
from scripts.deploy_definitions import DELIVERY_LIMIT, expected_files, read_definitions


def test_deploy_definitions_are_generated_from_the_code():
    """Run `python scripts/deploy_definitions.py` after changing what a service consumes."""
    for path, text in expected_files().items():
        assert path.read_text() == text, f"{path.relative_to(ROOT)} is stale"


def test_every_queue_is_quorum_with_delivery_limit_and_dead_lettering_to_its_dlq():
    topology, = read_definitions("district")
    assert topology["vhosts"][0]["metadata"]["default_queue_type"] == "quorum"
    code = definitions()
    assert {q["name"] for q in topology["queues"]} == {q["name"] for q in code["queues"]}
    assert all(q["arguments"]["x-queue-type"] == "quorum" for q in topology["queues"])
    assert topology["bindings"] == code["bindings"]
    policies = {p["pattern"]: p for p in topology["policies"]}
    for consumer in consumer_topologies():
        policy = next(p for pattern, p in policies.items() if re.fullmatch(pattern, consumer.queue_name))
        assert policy["apply-to"] == "queues"
        assert policy["definition"]["delivery-limit"] == DELIVERY_LIMIT
        assert policy["definition"]["dead-letter-exchange"] == ""
        assert policy["definition"]["dead-letter-routing-key"] == consumer.dead_letter_queue_name
        for other in (consumer.dead_letter_queue_name, consumer.retry_queue_name(1)):
            assert not re.fullmatch(policy["pattern"], other)


def test_the_national_broker_binds_only_reporting_and_federates_the_events_exchange():
    topology, federation = read_definitions("national")
    queues = {q["name"] for q in topology["queues"] if q["name"] != "samskab.unrouted"}
    assert queues and all(name.startswith("reporting.events") for name in queues)
    assert {b["destination"] for b in topology["bindings"]} <= queues | {"samskab.unrouted"}
    policy, = federation["policies"]
    assert re.fullmatch(policy["pattern"], "samskab.events") and policy["apply-to"] == "exchanges"
    assert policy["definition"] == {"federation-upstream-set": "all"}
    for document in (*read_definitions("district"), topology, federation):
        assert "users" not in document and "parameters" not in document, "credentials belong in secrets"



def test_rabbitmq_config_is_shared_by_compose_and_kubernetes():
    assert (K8S / "base/rabbitmq/files/rabbitmq.conf").read_text() == (DEPLOY / "rabbitmq.conf").read_text()
    plugins = (DEPLOY / "enabled_plugins").read_text()
    for plugin in ("rabbitmq_prometheus", "rabbitmq_federation", "rabbitmq_shovel", "rabbitmq_management"):
        assert plugin in plugins
