"""Feeding the reporting service through the real broker, and reading its store back."""
from __future__ import annotations

import uuid

from kombu import Connection, Queue

from reporting.adapters import generations
from reporting.adapters.event_log import EVENT_LOG
from reporting.domain.projections.state import SUMMARIES
from reporting.domain.projections.summary import summarise
from samskab_dev.synthetic import envelope
from samskab_infra.aggregate_store import OUTBOX, OUTBOX_PENDING, REVISION
from samskab_infra.clock import utc_now_iso
from samskab_infra.envelope import Envelope
from samskab_infra.publisher import ConfirmingPublisher
from samskab_infra.topology import declare_exchanges, events_exchange
from tests.harness import wait_until

EXCHANGE = "samskab.events"
BOOKKEEPING = ("_id", OUTBOX, OUTBOX_PENDING, REVISION, "version", "_applied")


def publish(amqp_uri: str, envelopes: list[dict]) -> None:
    publisher = ConfirmingPublisher(amqp_uri, EXCHANGE)
    try:
        publisher.publish_batch([Envelope(**e) for e in envelopes])
    finally:
        publisher.close()


def bind_queue(amqp_uri: str, routing_key: str) -> str:
    """A fresh queue bound to the events exchange (declared before anything is fed)."""
    name = f"test.{uuid.uuid4().hex[:8]}"
    with Connection(amqp_uri) as connection:
        declare_exchanges(connection, EXCHANGE)
        Queue(name, events_exchange(EXCHANGE), routing_key=routing_key,
              durable=True)(connection.channel()).declare()
    return name


def drain(amqp_uri: str, queue_name: str, timeout: float = 0.5) -> list[dict]:
    bodies = []
    with Connection(amqp_uri) as connection:
        queue = connection.SimpleQueue(queue_name)
        while True:
            try:
                message = queue.get(timeout=timeout)
            except queue.Empty:
                break
            bodies.append(message.payload)
            message.ack()
        queue.close()
    return bodies


def wait_processed(db, event_ids: list[str], timeout: float = 60.0) -> None:
    """Until the reporting consumer has finished with every one of ``event_ids``."""
    wanted = set(event_ids)
    wait_until(lambda: wanted <= {d["_id"] for d in db[EVENT_LOG].find(
        {"_id": {"$in": list(wanted)}}, {"_id": 1})}, timeout=timeout, interval=0.2,
        message=f"{len(wanted)} events processed by reporting (logged last by its handler)")


def comparable(doc: dict) -> dict:
    """A stored read model without store bookkeeping; applied ids as a set (their order is
    the arrival order, which differs between a rebuild and live delivery)."""
    out = {k: v for k, v in doc.items() if k not in BOOKKEEPING}
    out["applied"] = sorted(doc.get("_applied", []))
    return out


def stored(db, generation: int | None = None) -> dict[str, dict[str, dict]]:
    generation = generation or generations.read_pointer(db).active
    return {base: {d["_id"]: comparable(d)
                   for d in db[generations.collection_name(base, generation)].find({})}
            for base in generations.READ_MODELS}


def summaries_match_models(db, generation: int | None = None) -> bool:
    """Every initiative of the generation has the summary of its current model, and no other."""
    generation = generation or generations.read_pointer(db).active
    models = db[generations.collection_name("initiatives", generation)].find({})
    expected = {m["_id"]: {**summarise(m), "version": m["version"]} for m in models}
    found = {d.pop("_id"): d for d in db[generations.collection_name(SUMMARIES, generation)].find({})}
    return found == expected


def now_stamped(envelopes: list[dict]) -> list[dict]:
    """The same events as just produced: the envelope time is now (their own ``at`` stays)."""
    return [{**e, "occurred_at": utc_now_iso()} for e in envelopes]


def imbalance_story(district: str = "nordjylland") -> tuple[str, list[dict], dict]:
    """An initiative with five members where one actor attends alone: (id, events, crossing)."""
    initiative_id = str(uuid.uuid4())
    actors = [str(uuid.uuid4()) for _ in range(5)]
    events = [envelope("InitiativeCreated", initiative_id=initiative_id, district=district,
                       title="Tryg Havn", at="2024-01-02T08:00:00Z")]
    for i, actor_id in enumerate(actors):
        events.append(envelope("ActorJoined", actor_id=actor_id, actor_kind="business",
                               name=f"Firma {i}", initiative_id=initiative_id, district=district,
                               scope="initiative", platform_ids=[],
                               at=f"2024-02-0{i + 1}T08:00:00Z"))
    crossing = envelope("ActivityHeld", initiative_id=initiative_id, district=district,
                        activity_id=str(uuid.uuid4()), at="2024-03-01T18:00:00Z",
                        attendance=[{"actor_id": actors[0], "count": 3}], total_attendance=3,
                        findings_count=0)
    return initiative_id, now_stamped(events), now_stamped([crossing])[0]
