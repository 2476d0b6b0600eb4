"""The RabbitMQ definitions operations deploy: quorum queues, their policies, federation.

``python scripts/deploy_definitions.py`` writes, from the same topology the services
declare (``samskab_dev.topology_cli.definitions``):

  deploy/rabbitmq/district/10-topology.json    a district broker: every service's queues
  deploy/rabbitmq/national/10-topology.json    the national broker: reporting's queues only,
  deploy/rabbitmq/national/20-federation.json  so it pulls only the events reporting needs

and copies them (with deploy/rabbitmq/rabbitmq.conf) where Kustomize can read them:
deploy/k8s/base/rabbitmq/files/ and deploy/k8s/overlays/national/files/.

Why the files look as they do:

- RabbitMQ cannot turn a queue into a quorum queue by policy (``x-queue-type`` is
  fixed when a queue is declared). The vhost's *default queue type* is ``quorum``, so
  the services' own declarations (which carry no ``x-queue-type``) are read as quorum
  declarations and match the queues below; each queue also names ``x-queue-type``
  itself, because a definitions import does not apply the vhost default (RabbitMQ
  3.10-3.11) and a classic queue would then refuse the services' declarations
  (PRECONDITION_FAILED).
- Delivery limit and dead-lettering are policies (they may change at run time): a
  message a consumer keeps failing to settle (it crashes, the connection drops) is
  dead-lettered to the service's ``.dlq`` after ``DELIVERY_LIMIT`` deliveries, at least
  once. The consumer's own retry ladder and parking stay as they are.
- The national broker federates ``samskab.events`` from every district broker named
  as a federation upstream. The upstreams carry credentials, so they come from a
  secret (see docs/operations.md), never from this repository.

``--check`` exits 1 when the files are stale (``make deploy-definitions`` rewrites them).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parents[1]
for _part in ("lib", "dev", "services/initiatives", "services/actors", "services/notifications",
              "services/reporting", "gateway"):
    if str(ROOT / _part) not in sys.path:
        sys.path.insert(0, str(ROOT / _part))

from samskab_infra import quiet_eventlet  # noqa: E402, F401  (before eventlet is imported)

# isort: split
from samskab_dev.topology_cli import consumer_topologies, definitions  # noqa: E402

DELIVERY_LIMIT = 10
EVENTS_EXCHANGE = "samskab.events"
DEPLOY = ROOT / "deploy/rabbitmq"
K8S = ROOT / "deploy/k8s"
NATIONAL_SERVICES = ("reporting",)


def vhost_entry(vhost: str, description: str) -> dict:
    """The vhost with quorum as its default queue type, in the forms 3.10 to 4.x read."""
    return {"name": vhost, "description": description, "tags": [], "default_queue_type": "quorum",
            "metadata": {"description": description, "tags": [], "default_queue_type": "quorum"}}


def consumer_policies(vhost: str, services: tuple[str, ...] | None = None) -> list[dict]:
    return [{
        "vhost": vhost, "name": f"samskab-{topology.queue_name}", "apply-to": "queues", "priority": 10,
        "pattern": f"^{topology.queue_name.replace('.', '[.]')}$",
        "definition": {
            "delivery-limit": DELIVERY_LIMIT,
            "dead-letter-exchange": "",
            "dead-letter-routing-key": topology.dead_letter_queue_name,
            "dead-letter-strategy": "at-least-once",
            "overflow": "reject-publish",
        },
    } for topology in consumer_topologies() if services is None or _service(topology.queue_name) in services]


def _service(queue_name: str) -> str:
    return queue_name.split(".", 1)[0]


def topology_definitions(vhost: str = "/", services: tuple[str, ...] | None = None) -> dict:
    """The services' topology with quorum queues, the vhost and the consumer policies;
    ``services`` keeps only those services' queues (None: every consuming service)."""
    base = definitions(vhost)

    def kept(queue_name: str) -> bool:
        return services is None or queue_name.startswith("samskab.") or _service(queue_name) in services

    queues = [{**queue, "arguments": {**queue["arguments"], "x-queue-type": "quorum"}}
              for queue in base["queues"] if kept(queue["name"])]
    bindings = [b for b in base["bindings"] if kept(b["destination"])]
    return {"vhosts": [vhost_entry(vhost, "Samskab events")], "exchanges": base["exchanges"],
            "queues": queues, "bindings": bindings, "policies": consumer_policies(vhost, services)}


def federation_definitions(vhost: str = "/") -> dict:
    """The national broker's policy: ``samskab.events`` is fed by every upstream defined."""
    return {"policies": [{
        "vhost": vhost, "name": "samskab-federate-district-events", "apply-to": "exchanges",
        "priority": 10, "pattern": f"^{EVENTS_EXCHANGE.replace('.', '[.]')}$",
        "definition": {"federation-upstream-set": "all"},
    }]}


SERVICES_USER = "samskab"
FEDERATION_USER = "national-federation"


def users_definitions(services_password: str, federation_password: str | None = None,
                      vhost: str = "/") -> dict:
    """The users file a broker loads from its secret: the services' user and, on a district
    broker, the user the national broker's federation link logs in as. That one may only
    declare and use the link's own ``federation: ...`` exchange and queue and read
    ``samskab.events``."""
    users = [{"name": SERVICES_USER, "password": services_password, "tags": ["administrator"]}]
    permissions = [{"user": SERVICES_USER, "vhost": vhost, "configure": ".*", "write": ".*", "read": ".*"}]
    if federation_password is not None:
        users.append({"name": FEDERATION_USER, "password": federation_password, "tags": []})
        permissions.append({"user": FEDERATION_USER, "vhost": vhost, "configure": "^federation: ",
                            "write": "^federation: ",
                            "read": f"^({EVENTS_EXCHANGE.replace('.', '[.]')}|federation: .*)$"})
    return {"users": users, "permissions": permissions}


def upstream_parameter(name: str, uri: str, vhost: str = "/", reconnect_delay_s: int = 5) -> dict:
    """One district broker as a federation upstream (the uri holds credentials: a secret).

    Acknowledged upstream only once the national broker confirmed the copy; the
    district keeps the link's queue (durable) while the national side is away."""
    return {"component": "federation-upstream", "vhost": vhost, "name": name, "value": {
        "uri": uri, "exchange": EVENTS_EXCHANGE, "ack-mode": "on-confirm", "max-hops": 1,
        "trust-user-id": False, "reconnect-delay": reconnect_delay_s}}


def apply(api: str, auth: tuple[str, str], vhost: str, documents: list[dict]) -> None:
    """Load definitions into one vhost of a running broker through its management API:
    the vhost (quorum by default) is created first, then everything else in one import.
    The documents' own vhost names are replaced by ``vhost``."""
    quoted = quote(vhost, safe="")
    response = requests.put(f"{api}/api/vhosts/{quoted}", auth=auth, timeout=30, json={
        "description": "Samskab events", "defaultqueuetype": "quorum", "default_queue_type": "quorum"})
    response.raise_for_status()
    merged: dict[str, list] = {}
    for document in documents:
        for key, items in document.items():
            if key in ("vhosts", "users", "permissions"):
                continue
            merged.setdefault(key, []).extend({**item, "vhost": vhost} for item in items)
    response = requests.post(f"{api}/api/definitions/{quoted}", auth=auth, json=merged, timeout=60)
    response.raise_for_status()


def read_definitions(kind: str) -> list[dict]:
    """The definitions files of ``deploy/rabbitmq/<kind>`` (district or national), in load order."""
    return [json.loads(path.read_text()) for path in sorted((DEPLOY / kind).glob("*.json"))]


def render(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_files() -> dict[Path, str]:
    district = render(topology_definitions())
    national = render(topology_definitions(services=NATIONAL_SERVICES))
    federation = render(federation_definitions())
    return {DEPLOY / "district/10-topology.json": district,
            DEPLOY / "national/10-topology.json": national,
            DEPLOY / "national/20-federation.json": federation,
            K8S / "base/rabbitmq/files/10-topology.json": district,
            K8S / "base/rabbitmq/files/rabbitmq.conf": (DEPLOY / "rabbitmq.conf").read_text(),
            K8S / "overlays/national/files/10-topology.json": national,
            K8S / "overlays/national/files/20-federation.json": federation}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected_files().items():
        if path.exists() and path.read_text() == text:
            continue
        if args.check:
            stale.append(str(path.relative_to(ROOT)))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("stale (run scripts/deploy_definitions.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
