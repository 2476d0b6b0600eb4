"""Declare the whole broker topology, or write it as a RabbitMQ definitions file.

``python -m samskab_common.topology_cli declare`` runs before any service
starts (``make run`` does it), so no event is published to an exchange whose
queues do not exist yet. ``definitions`` prints the same topology as JSON for
``deploy/rabbitmq/definitions.json``.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys

from kombu import Connection

from .settings import load_settings
from .topology import UNROUTED, ConsumerTopology, declare_consumer, declare_exchanges

CONSUMERS = {
    "initiatives": "initiatives.service",
    "actors": "actors.service",
    "notifications": "notifications.service",
    "reporting": "reporting.service",
    "gateway": "gateway.service",
}


def consumer_topologies(retry_delays_ms: tuple[int, ...] | None = None) -> list[ConsumerTopology]:
    settings = load_settings()
    delays = retry_delays_ms or settings.retry_delays_ms
    topologies = []
    for service, module in CONSUMERS.items():
        handled = importlib.import_module(module).HANDLED_EVENTS
        topologies.append(ConsumerTopology(f"{service}.events", settings.events_exchange,
                                           tuple(handled), delays))
    return topologies


def declare_all(amqp_uri: str | None = None) -> list[str]:
    settings = load_settings()
    with Connection(amqp_uri or settings.amqp_uri, connect_timeout=5) as connection:
        connection.ensure_connection(max_retries=3)
        declare_exchanges(connection, settings.events_exchange)
        names = []
        for topology in consumer_topologies():
            declare_consumer(connection, topology)
            names.append(topology.queue_name)
    return names


def definitions(vhost: str = "/", retry_delays_ms: tuple[int, ...] | None = None) -> dict:
    """A RabbitMQ definitions document (load with management's load_definitions)."""
    settings = load_settings()
    exchanges = [
        {"name": UNROUTED, "vhost": vhost, "type": "fanout", "durable": True, "auto_delete": False,
         "internal": False, "arguments": {}},
        {"name": settings.events_exchange, "vhost": vhost, "type": "topic", "durable": True,
         "auto_delete": False, "internal": False, "arguments": {"alternate-exchange": UNROUTED}},
    ]
    queues = [{"name": UNROUTED, "vhost": vhost, "durable": True, "auto_delete": False, "arguments": {}}]
    bindings = [{"source": UNROUTED, "vhost": vhost, "destination": UNROUTED,
                 "destination_type": "queue", "routing_key": "", "arguments": {}}]
    for topology in consumer_topologies(retry_delays_ms):
        queues.append({"name": topology.queue_name, "vhost": vhost, "durable": True,
                       "auto_delete": False, "arguments": {}})
        for retry in topology.retry_queues():
            queues.append({"name": retry.name, "vhost": vhost, "durable": True, "auto_delete": False,
                           "arguments": dict(retry.queue_arguments)})
        queues.append({"name": topology.dead_letter_queue_name, "vhost": vhost, "durable": True,
                       "auto_delete": False, "arguments": {}})
        for event_type in sorted(topology.event_types):
            bindings.append({"source": settings.events_exchange, "vhost": vhost,
                             "destination": topology.queue_name, "destination_type": "queue",
                             "routing_key": f"{event_type}.*", "arguments": {}})
    return {"vhosts": [{"name": vhost}], "exchanges": exchanges, "queues": queues, "bindings": bindings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["declare", "definitions"])
    args = parser.parse_args(argv)
    if args.command == "declare":
        for name in declare_all():
            print(f"declared {name} (+ retry queues and dead-letter queue)")
    else:
        json.dump(definitions(), sys.stdout, indent=2, sort_keys=True)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
