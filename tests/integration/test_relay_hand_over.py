"""The relay publishing what this process's writers handed over, against a real store: no
read of the store for them, the store still read for what others left pending, and a
document changed since it was handed over cleared on a fresh read without losing its new
events."""
from __future__ import annotations

import pytest

from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.handed_over import HandedOver
from samskab_infra.metrics import STORE_OPERATIONS
from samskab_infra.outbox_relay import OutboxRelay
from samskab_infra.publisher import PublishFailed
from tests.integration.plumbing import ledger_envelope

pytestmark = pytest.mark.integration


class RecordingPublisher:
    def __init__(self, fail: bool = False):
        self.fail = fail
        self.batches: list[list[str]] = []

    def publish_batch(self, envelopes):
        if self.fail:
            raise PublishFailed("broker down")
        self.batches.append([e.event_id for e in envelopes])


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def finds(service: str) -> float:
    return STORE_OPERATIONS.labels(service, "find")._value.get()


def relay_with(db, handed: HandedOver, publisher, clock: Clock) -> OutboxRelay:
    return OutboxRelay([db["things"]], publisher, handed=handed, read_every_s=0.2, clock=clock)


def test_what_was_handed_over_is_published_without_reading_the_store(counted_db):
    service, db = counted_db
    handed, clock, publisher = HandedOver(), Clock(), RecordingPublisher()
    store = AggregateStore(db["things"], wake_relay=lambda: None, hand_over=handed.add)
    relay = relay_with(db, handed, publisher, clock)
    assert relay.relay_once() == 0  # the first pass reads the store (nothing pending)

    events = {doc_id: ledger_envelope(doc_id, 1) for doc_id in ("a", "b")}
    for doc_id, event in events.items():
        store.create(doc_id, {"n": 0}, [event])
    before = finds(service)
    assert relay.relay_once() == 2
    assert finds(service) == before  # published from what was handed over
    assert publisher.batches == [[events["a"].event_id, events["b"].event_id]]
    assert [d["_outbox"] for d in db["things"].find({})] == [[], []]
    assert [h["event_id"] for h in store.history("a")] == [events["a"].event_id]


def test_the_store_is_still_read_for_what_another_writer_left_pending(counted_db):
    service, db = counted_db
    handed, clock, publisher = HandedOver(), Clock(), RecordingPublisher()
    ours = AggregateStore(db["things"], wake_relay=lambda: None, hand_over=handed.add)
    theirs = AggregateStore(db["things"])  # another process (or one that crashed)
    relay = relay_with(db, handed, publisher, clock)
    relay.relay_once()

    left = ledger_envelope("left", 1)
    theirs.create("left", {"n": 0}, [left])
    mine = ledger_envelope("mine", 1)
    ours.create("mine", {"n": 0}, [mine])
    assert relay.relay_once() == 1  # within read_every_s: only what was handed over
    clock.now += 0.2
    before = finds(service)
    assert relay.relay_once() == 1  # then the store is read, and the other writer's event goes
    assert finds(service) == before + 1
    assert publisher.batches[-1] == [left.event_id]


def test_a_document_changed_after_it_was_handed_over_keeps_its_new_events(counted_db):
    _, db = counted_db
    handed, clock, publisher = HandedOver(), Clock(), RecordingPublisher()
    store = AggregateStore(db["things"], wake_relay=lambda: None, hand_over=handed.add)
    relay = relay_with(db, handed, publisher, clock)
    relay.relay_once()
    first, late = ledger_envelope("b", 1), ledger_envelope("b", 2)
    store.create("b", {"n": 0}, [first])
    stale = handed.take("things", 10)  # as handed over before the next write
    store.update("b", {"n": 1}, 1, [late])
    handed.forget("things")
    for document in stale:
        handed.add("things", document)

    assert relay.relay_once() == 1  # the stale hand-over: the first event
    doc = db["things"].find_one({"_id": "b"})
    assert [e["event_id"] for e in doc["_outbox"]] == [late.event_id]  # cleared on a fresh read
    clock.now += 0.2
    assert relay.relay_once() == 1
    assert publisher.batches == [[first.event_id], [late.event_id]]


def test_a_failed_publish_loses_nothing_handed_over(counted_db):
    _, db = counted_db
    handed, clock, publisher = HandedOver(), Clock(), RecordingPublisher()
    store = AggregateStore(db["things"], wake_relay=lambda: None, hand_over=handed.add)
    relay = relay_with(db, handed, publisher, clock)
    relay.relay_once()
    event = ledger_envelope("c", 1)
    store.create("c", {"n": 0}, [event])
    publisher.fail = True
    with pytest.raises(PublishFailed):
        relay.relay_once()  # what was handed over is gone from memory ...
    publisher.fail = False
    assert relay.relay_once() == 1  # ... and read from the store at the next pass
    assert publisher.batches == [[event.event_id]]
