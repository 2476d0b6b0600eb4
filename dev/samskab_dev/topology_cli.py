"""Declare the whole broker topology, or write it as a RabbitMQ definitions file.

``python -m samskab_dev.topology_cli declare`` runs before any service
starts (``make run`` does it), so no event is published to an exchange whose
queues do not exist yet. ``definitions`` prints the same topology as JSON for
``deploy/rabbitmq/definitions.json``. ``partner-add NAME``, ``partner-revoke NAME`` and
``partner-list`` manage partners' broker users (see partner_accounts and docs/partners.md).
"""
from __future__ import annotations

from samskab_infra import quiet_eventlet  # noqa: F401  (first: before eventlet is imported)

# isort: split
import argparse
import importlib
import json
import sys

import requests
from kombu import Connection

from samskab_infra.partner_accounts import BrokerAdmin, PartnerAccountError
from samskab_infra.settings import load_settings
from samskab_infra.topology import UNROUTED, ConsumerTopology, declare_consumer, declare_exchanges

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
        declare_exchanges(connection, settings.events_exchange, settings.partner_exchange)
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
        {"name": settings.partner_exchange, "vhost": vhost, "type": "topic", "durable": True,
         "auto_delete": False, "internal": False, "arguments": {}},
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


def partner_command(command: str, name: str | None) -> int:
    admin = BrokerAdmin.from_settings(load_settings())
    try:
        if command == "partner-list":
            json.dump(admin.partners(), sys.stdout, indent=2)
        elif command == "partner-revoke":
            queues = admin.revoke(name or "")
            json.dump({"revoked": name, "deleted_queues": queues}, sys.stdout, indent=2)
        else:
            account = admin.add(name or "")
            json.dump({**account.__dict__, "note": "the password is shown once; store it now"},
                      sys.stdout, indent=2)
    except PartnerAccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except requests.RequestException as exc:
        print(f"error: the broker's management API refused or is unreachable: {exc}", file=sys.stderr)
        return 1
    print()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["declare", "definitions", "partner-add", "partner-revoke",
                                            "partner-list"])
    parser.add_argument("name", nargs="?", help="the partner (partner-add, partner-revoke)")
    args = parser.parse_args(argv)
    if args.command in ("partner-add", "partner-revoke") and not args.name:
        parser.error(f"{args.command} needs the partner's name")
    if args.command.startswith("partner-"):
        return partner_command(args.command, args.name)
    if args.command == "declare":
        for name in declare_all():
            print(f"declared {name} (+ retry queues and dead-letter queue)")
    else:
        json.dump(definitions(), sys.stdout, indent=2, sort_keys=True)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
