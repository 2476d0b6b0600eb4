"""Store CPU per operation of the per-request and per-event queries that could scan.

nx-27017 (0.8.1) answers an equality from an index only when the field has a single-field
index (its SQL keeps the equality sargable only for a field an index is named after); a
compound index, ``$in`` on a field other than ``_id``, array membership and ``delete_*``
by a field other than ``_id`` read the whole collection. Each shape below runs the
service's own adapter code, with the indexes its ``ensure_indexes`` creates, against a
collection of 100 and of 10,000 documents (the rows asked for stay a handful), and prints
the store process's CPU (utime + stime from /proc) per operation.

  python bench/store_queries.py [--sizes 100,10000] [--repeat 60]
"""
from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for part in ("lib", "dev", "gateway", "services/initiatives", "services/notifications", "."):
    sys.path.insert(0, str(ROOT / part))

from pymongo import MongoClient  # noqa: E402
from pymongo.database import Database  # noqa: E402

from bench.measure import cpu_seconds  # noqa: E402
from gateway import grants  # noqa: E402
from notifications.adapters.mongo_feed import FeedStore  # noqa: E402
from notifications.adapters.mongo_queue import DeliveryQueue  # noqa: E402
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.aggregate_store import AggregateStore  # noqa: E402
from samskab_infra.envelope import Envelope  # noqa: E402

T = "2024-03-01T09:00:00.000000Z"


def at(i: int) -> str:
    return f"2024-03-01T09:{(i // 60) % 60:02d}:{i % 60:02d}.{i:06d}Z"


class Shape:
    """One query shape: ``grow(db, n0, n1)`` adds others' documents up to n1, ``run(db)``
    is the operation measured."""

    def __init__(self, name: str, setup: Callable[[Database], None],
                 grow: Callable[[Database, int, int], None], run: Callable[[Database], object]):
        self.name, self.setup, self.grow, self.run = name, setup, grow, run


# -- gateway: access resolution (per request on a cache miss) and grants per event ---------

def _gateway_setup(db: Database) -> None:
    grants.ensure_indexes(db)
    db[grants.GRANTS].insert_one({"_id": "actor_representative|actor-me|rep@x", "subject": "rep@x",
                                  "role": "actor_representative", "scope": "actor-me", "source": "domain"})
    for k in range(3):
        grants.apply_event(db, _envelope("InitiativeCreated", {
            "initiative_id": f"mine-{k}", "co_owners": [{"actor_id": "actor-me"}]}))
        grants._set_membership(db, "actor-me", f"joined-{k}", True, T)


def _gateway_grow(db: Database, n0: int, n1: int) -> None:
    # One co-owner slot and two domain grants (anchor person, coordinator) per initiative.
    db[grants.HOLDERS].insert_many([{"_id": f"co_owner|i{i}", "role": "co_owner", "scope": f"i{i}",
                                     "holders": [f"actor-{i}"], "at": T} for i in range(n0, n1)])
    db[grants.GRANTS].insert_many([
        {"_id": f"{role}|i{i}|p{i}", "subject": f"p{i}", "role": role, "scope": f"i{i}", "source": "domain"}
        for i in range(n0, n1) for role in ("anchor_person", "coordinator")][: 2 * (n1 - n0)])


def _envelope(event_type: str, data: dict):
    return Envelope(event_id=uuid.uuid4().hex, type=event_type, version=1, occurred_at=T, producer="bench",
                    correlation_id="bench", causation_id=None, district=None, data=data)


# -- the shapes ------------------------------------------------------------------------------

def shapes() -> list[Shape]:
    counter = iter(range(10**9))

    def feed_grow(db: Database, n0: int, n1: int) -> None:
        db["feed_items"].insert_many([{"_id": f"f{i}", "person_id": f"p{i % 1000}", "event_id": f"e{i}",
                                       "event_type": "InitiativeCreated", "initiative_id": f"i{i}",
                                       "occurred_at": at(i), "read": False} for i in range(n0, n1)])

    def feed_setup(db: Database) -> None:
        FeedStore(db["feed_items"]).ensure_indexes()
        db["feed_items"].insert_many([{"_id": f"me{i}", "person_id": "me", "event_id": f"me{i}",
                                       "event_type": "InitiativeCreated", "initiative_id": "i",
                                       "occurred_at": at(i), "read": False} for i in range(5)])

    def delivery(i: int, recipient: str, status: str) -> dict:
        return {"_id": f"d{i}|{recipient}", "channel": "webhook", "recipient_id": recipient, "event_id": f"e{i}",
                "event_type": "InitiativeCreated", "status": status, "next_attempt_at": at(i),
                "created_at": at(i), "updated_at": at(i), "attempts": 1, "replays": 0, "digest": False}

    def queue_setup(db: Database) -> None:
        DeliveryQueue(db).ensure_indexes()
        db["deliveries"].insert_many([delivery(i, "me", "pending") for i in range(3)])
        db["delivery_attempts"].insert_many([{"_id": f"me{i}", "delivery_id": f"d{i}|me", "recipient_id": "me",
                                              "at": at(i), "outcome": "ok"} for i in range(5)])

    def queue_grow(db: Database, n0: int, n1: int) -> None:
        # Delivered deliveries stay (the history a partner reads), so they are most of them.
        db["deliveries"].insert_many([delivery(i, f"r{i % 1000}", "delivered") for i in range(n0, n1)])
        db["delivery_attempts"].insert_many([{"_id": f"a{i}", "delivery_id": f"d{i}|r{i % 1000}",
                                              "recipient_id": f"r{i % 1000}", "at": at(i), "outcome": "ok"}
                                             for i in range(n0, n1)])

    def history_setup(db: Database) -> None:
        AggregateStore(db["initiatives"]).ensure_indexes()
        db["initiatives_events"].insert_many([{"_id": f"me{s}", "aggregate_id": "mine", "seq": s, "type": "X"}
                                              for s in range(5)])

    def history_grow(db: Database, n0: int, n1: int) -> None:
        db["initiatives_events"].insert_many([{"_id": f"h{i}", "aggregate_id": f"i{i // 5}", "seq": i % 5,
                                               "type": "X"} for i in range(n0, n1)])

    def anchor(db: Database) -> None:
        # A slot event: the holders' grants reconciled (the gateway's consumer, per event).
        grants._set_holders(db, "anchor_person", "mine-0", [f"p{next(counter) % 3}"], at(next(counter)))

    return [
        Shape("reference: find_one by _id (feed item)", feed_setup, feed_grow,
              lambda db: db["feed_items"].find_one({"_id": "me1"})),
        Shape("gateway resolve (actor representative)", _gateway_setup, _gateway_grow,
              lambda db: grants.resolve(db, "rep@x")),
        Shape("gateway slot event: grants reconciled", lambda db: None, lambda db, a, b: None, anchor),
        Shape("initiatives history(aggregate_id) sort seq", history_setup, history_grow,
              lambda db: AggregateStore(db["initiatives"]).history("mine")),
        Shape("notifications feed newest(person) limit 20", lambda db: None, lambda db, a, b: None,
              lambda db: FeedStore(db["feed_items"]).newest("me", limit=20)),
        Shape("notifications feed unread(person)", lambda db: None, lambda db, a, b: None,
              lambda db: FeedStore(db["feed_items"]).unread("me")),
        Shape("notifications deliveries due() (sender tick)", queue_setup, queue_grow,
              lambda db: DeliveryQueue(db).due(T.replace("09:00", "23:00"), 50)),
        Shape("notifications deliveries waiting_for(person)", lambda db: None, lambda db, a, b: None,
              lambda db: DeliveryQueue(db).waiting_for("me")),
        Shape("notifications deliveries of_recipient", lambda db: None, lambda db, a, b: None,
              lambda db: DeliveryQueue(db).of_recipient("me")),
        Shape("notifications attempts_of_recipient limit 20", lambda db: None, lambda db, a, b: None,
              lambda db: DeliveryQueue(db).attempts_of_recipient("me", limit=20)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    store = EmbeddedStore().start()
    try:
        client = MongoClient(store.uri, directConnection=True)
        db = client[f"bench{uuid.uuid4().hex[:8]}"]
        table = shapes()
        figures: dict[str, list[float]] = {s.name: [] for s in table}
        for shape in table:
            shape.setup(db)
        have = 0
        for n in sizes:
            for shape in table:
                shape.grow(db, have, n)
            have = n
            for shape in table:
                for _ in range(5):
                    shape.run(db)
                before = cpu_seconds(store.process.pid)
                for _ in range(args.repeat):
                    shape.run(db)
                figures[shape.name].append((cpu_seconds(store.process.pid) - before) * 1000 / args.repeat)
        print(f"{'store CPU-ms per operation':48s}" + "".join(f"{n:>10,}" for n in sizes))
        for name, values in figures.items():
            print(f"{name:48s}" + "".join(f"{v:10.2f}" for v in values))
        client.close()
    finally:
        store.stop()


if __name__ == "__main__":
    main()
