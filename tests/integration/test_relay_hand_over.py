"""The relay publishing what this process's writers handed over, against a real store: no
read of the store for them, the store still read for what others left pending, and a
document changed since it was handed over cleared on a fresh read without losing its new
events."""
from __future__ import annotations

import pytest

from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.handed_over import HandedOver
from samskab_infra.outbox_relay import OutboxRelay
from samskab_infra.publisher import PublishFailed
from tests.integration.plumbing import RecordingPublisher, ledger_envelope, store_operations

pytestmark = pytest.mark.integration


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def finds(service: str) -> float:
    return store_operations(service, "find")


class Relaying:
    """One process's writer and relay sharing what is handed over, on a clock of the test's."""

    def __init__(self, db) -> None:
        self.handed, self.clock, self.publisher = HandedOver(), Clock(), RecordingPublisher()
        self.store = AggregateStore(db["things"], wake_relay=lambda: None, hand_over=self.handed.add)
        self.relay = OutboxRelay([db["things"]], self.publisher, handed=self.handed, read_every_s=0.2,
                                 clock=self.clock)
        self.relay.relay_once()  # the first pass reads the store (nothing pending)

    def published(self) -> list[list[str]]:
        return [[e.event_id for e in batch] for batch in self.publisher.batches]


def test_what_was_handed_over_is_published_without_reading_the_store(counted_db):
    service, db = counted_db
    process = Relaying(db)
    events = {doc_id: ledger_envelope(doc_id, 1) for doc_id in ("a", "b")}
    for doc_id, event in events.items():
        process.store.create(doc_id, {"n": 0}, [event])
    before = finds(service)
    assert process.relay.relay_once() == 2
    assert finds(service) == before  # published from what was handed over
    assert process.published() == [[events["a"].event_id, events["b"].event_id]]
    assert [d["_outbox"] for d in db["things"].find({})] == [[], []]
    assert [h["event_id"] for h in process.store.history("a")] == [events["a"].event_id]


def test_the_store_is_still_read_for_what_another_writer_left_pending(counted_db):
    service, db = counted_db
    process = Relaying(db)
    left, mine = ledger_envelope("left", 1), ledger_envelope("mine", 1)
    AggregateStore(db["things"]).create("left", {"n": 0}, [left])  # another process, or one that crashed
    process.store.create("mine", {"n": 0}, [mine])
    assert process.relay.relay_once() == 1  # within read_every_s: only what was handed over
    process.clock.now += 0.2
    before = finds(service)
    assert process.relay.relay_once() == 1  # then the store is read, and the other writer's event goes
    assert finds(service) == before + 1
    assert process.published() == [[mine.event_id], [left.event_id]]


def test_a_document_changed_after_it_was_handed_over_keeps_its_new_events(counted_db):
    _, db = counted_db
    process = Relaying(db)
    first, late = ledger_envelope("b", 1), ledger_envelope("b", 2)
    process.store.create("b", {"n": 0}, [first])
    stale = process.handed.take("things", 10)  # as handed over before the next write
    process.store.update("b", {"n": 1}, 1, [late])
    process.handed.forget("things")
    for document in stale:
        process.handed.add("things", document)

    assert process.relay.relay_once() == 1  # the stale hand-over: the first event
    doc = db["things"].find_one({"_id": "b"})
    assert [e["event_id"] for e in doc["_outbox"]] == [late.event_id]  # cleared on a fresh read
    process.clock.now += 0.2
    assert process.relay.relay_once() == 1
    assert process.published() == [[first.event_id], [late.event_id]]


def test_a_failed_publish_loses_nothing_handed_over(counted_db):
    _, db = counted_db
    process = Relaying(db)
    event = ledger_envelope("c", 1)
    process.store.create("c", {"n": 0}, [event])
    process.publisher.fail = True
    with pytest.raises(PublishFailed):
        process.relay.relay_once()  # what was handed over is gone from memory ...
    process.publisher.fail = False
    assert process.relay.relay_once() == 1  # ... and read from the store at the next pass
    assert process.published() == [[event.event_id]]


def test_a_document_handed_over_again_before_its_clear_sends_no_event_twice(counted_db):
    _, db = counted_db
    process = Relaying(db)
    first, second = ledger_envelope("d", 1), ledger_envelope("d", 2)
    process.store.create("d", {"n": 0}, [first])
    real_publish = process.publisher.publish_batch

    def publish_while_a_writer_changes_the_document(envelopes):
        real_publish(envelopes)
        if len(process.publisher.batches) == 1:
            # A writer changes the document after the publish, before the relay's clear: its
            # copy, handed over, still carries the event just published.
            process.store.update("d", {"n": 1}, 1, [second])
    process.publisher.publish_batch = publish_while_a_writer_changes_the_document

    assert process.relay.relay_once() == 1
    assert process.relay.relay_once() == 1  # the second hand-over: only its new event goes
    assert process.published() == [[first.event_id], [second.event_id]]
    assert db["things"].find_one({"_id": "d"})["_outbox"] == []
    assert [h["event_id"] for h in process.store.history("d")] == [first.event_id, second.event_id]
