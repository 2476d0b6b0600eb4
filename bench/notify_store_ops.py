"""Notifications' handle_event: store operations per event type, and CPU per event.

Runs the handler in this process against the embedded store (nx-27017, started here and
stopped by PID), with the routes held as the service holds them (one routing table for the
process), and counts what the client sends (``samskab_store_operations_total``). The
consumer's de-duplication (samskab_infra, shared) is not part of it. Two scenarios:

  quiet     - nobody subscribes: only the defaults of each event type apply;
  operators - an operator in each of the 12 police districts follows InitiativeCreated
              and ResultDocumented in their district, and one partner endpoint follows
              ActorJoined (so a district filter makes the initiative's reach matter).

Then ``--events`` InitiativeCreated of new initiatives in a row: store operations per event
and CPU-ms per event of this process and of the store process (utime + stime from /proc).

  python bench/notify_store_ops.py [--events 500]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for part in ("lib", "dev", "services/notifications", "."):
    sys.path.insert(0, str(ROOT / part))

import samskab_contracts.events  # noqa: E402, F401  (registers every event type)
from bench.measure import cpu_seconds  # noqa: E402
from notifications.adapters.routing_table import RoutingTable  # noqa: E402
from notifications.adapters.stores import NotificationStores  # noqa: E402
from notifications.domain.endpoint import EndpointFilter, WebhookEndpoint  # noqa: E402
from notifications.domain.subscriptions import new_subscriptions  # noqa: E402
from notifications.handlers.events import handle_event  # noqa: E402
from notifications.settings import NotificationSettings  # noqa: E402
from samskab_contracts.districts import DISTRICTS  # noqa: E402
from samskab_dev import notification_events as ne  # noqa: E402
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.metrics import STORE_OPERATIONS  # noqa: E402
from samskab_infra.mongo import make_client  # noqa: E402

SERVICE = "bench-notifications"
T0 = "2024-03-01T09:00:00.000000Z"


def operations() -> int:
    return int(sum(s.value for m in STORE_OPERATIONS.collect() for s in m.samples
                   if s.name.endswith("_total") and s.labels.get("service") == SERVICE))


def sequence() -> list[tuple[str, dict]]:
    return [
        ("InitiativeCreated", ne.initiative_created()),
        ("AnchorPersonAssigned", ne.anchor_assigned()),
        ("CoordinatorAssigned", ne.coordinator_assigned()),
        ("ActorRegistered", ne.event("ActorRegistered", actor_id="actor-7", name="Hjørring Kommune",
                                     actor_kind="municipality")),
        ("ActorJoined", ne.actor_joined()),
        ("ResultDocumented", ne.event("ResultDocumented")),
        ("PlatformGoalReached", ne.event("PlatformGoalReached")),
        ("ActorLeft", ne.actor_left()),
        ("InitiativeClosed", ne.initiative_closed()),
    ]


def follow(stores: NotificationStores) -> None:
    for district in DISTRICTS:
        stores.subscriptions.add(new_subscriptions(
            "person", f"operator-{district}", ["InitiativeCreated", "ResultDocumented"], now=T0,
            new_id=lambda: f"sub_{uuid.uuid4().hex}", district=district, channels=["feed"]))
    stores.endpoints.create(WebhookEndpoint.register(
        endpoint_id="we_bench", owner="partner@kommune.dk", url="https://partner.example/hook",
        event_filter=EndpointFilter(("ActorJoined",)), secret="whsec_bench", now=T0))


def scenario(client, name: str, events: int, settings: NotificationSettings, store_pid: int) -> None:
    stores = NotificationStores.from_database(client[f"bench{uuid.uuid4().hex[:8]}"], routing=RoutingTable())
    stores.ensure_indexes()
    if name == "operators":
        follow(stores)
    print(f"\n{name}: store operations per event (routes already read)")
    stores.routes()
    for event_type, envelope in sequence():
        before = operations()
        told = handle_event(stores, envelope, settings=settings, now=T0)
        print(f"  {event_type:22s} {operations() - before:3d}   told {len(told['feed_items'])} feeds, "
              f"{len(told['deliveries'])} deliveries")
    created = [ne.initiative_created(initiative_id=str(uuid.uuid4())) for _ in range(events)]
    ops, here, store, started = operations(), time.process_time(), cpu_seconds(store_pid), time.perf_counter()
    for envelope in created:
        handle_event(stores, envelope, settings=settings, now=T0)
    wall = time.perf_counter() - started
    here, store, ops = time.process_time() - here, cpu_seconds(store_pid) - store, operations() - ops
    print(f"  {events} InitiativeCreated in {wall:.2f} s: {ops / events:.2f} store operations per event, "
          f"CPU-ms per event: here {1000 * here / events:.2f}, store {1000 * store / events:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    args = parser.parse_args()
    embedded = EmbeddedStore().start()
    try:
        client = make_client(embedded.uri, service=SERVICE)
        settings = NotificationSettings()
        for name in ("quiet", "operators"):
            scenario(client, name, args.events, settings, embedded.process.pid)
        client.close()
    finally:
        embedded.stop()
    print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
