"""The store contract: exactly the MongoDB behaviour our code relies on.

Runs against whatever ``TEST_MONGO_URI`` names (a real MongoDB replica set in
production-like runs) and otherwise against the embedded nx-27017, so the
same tests prove both. Anything not listed here the code must not depend on
(see docs/store.md for nx-27017's measured gaps)."""
from __future__ import annotations

import pytest
from pymongo import ASCENDING
from pymongo.errors import BulkWriteError, DuplicateKeyError

from samskab_dev.apply_once import apply_once
from samskab_infra.aggregate_store import AggregateStore, ConflictError
from samskab_infra.command_log import CommandRecord
from samskab_infra.idempotency import ensure_indexes
from samskab_infra.outbox_relay import OutboxRelay
from samskab_infra.processed_batches import BatchedProcessedEvents
from samskab_infra.publisher import PublishFailed
from tests.integration.plumbing import RecordingPublisher, ledger_envelope

pytestmark = pytest.mark.integration


@pytest.fixture
def db(mongo_client, db_prefix):
    database = mongo_client[f"{db_prefix}_contract"]
    yield database
    mongo_client.drop_database(database.name)


def test_unique_index_refuses_duplicates(db):
    db.c.create_index([("a", ASCENDING), ("b", ASCENDING)], unique=True)
    db.c.insert_one({"a": 1, "b": "x"})
    with pytest.raises(DuplicateKeyError):
        db.c.insert_one({"a": 1, "b": "x"})
    db.c.insert_one({"a": 1, "b": "y"})


def test_compare_and_set_on_scalar_fields(db):
    db.c.insert_one({"_id": "k", "version": 1, "nested": [{"x": [1, {"y": 2}]}]})
    assert db.c.replace_one({"_id": "k", "version": 1}, {"version": 2, "nested": [{"x": []}]}).matched_count == 1
    assert db.c.replace_one({"_id": "k", "version": 1}, {"version": 3}).matched_count == 0
    assert db.c.update_one({"_id": "k", "version": 2}, {"$set": {"flag": True}, "$inc": {"n": 2}}).matched_count == 1
    assert db.c.find_one({"_id": "k"}) == {"_id": "k", "version": 2, "nested": [{"x": []}], "flag": True, "n": 2}


def test_queries_we_use(db):
    db.c.insert_many([{"_id": f"id{i}", "tags": ["a", f"t{i}"], "at": f"2026-01-0{i}T00:00:00Z", "on": i % 2 == 0}
                      for i in range(1, 6)])
    assert [d["_id"] for d in db.c.find({"tags": "t3"})] == ["id3"]
    assert [d["_id"] for d in db.c.find({"_id": {"$gt": "id3"}}).sort("_id", ASCENDING)] == ["id4", "id5"]
    assert [d["_id"] for d in db.c.find({"at": {"$lt": "2026-01-03T00:00:00Z"}}).sort("at", ASCENDING)] == [
        "id1", "id2"]
    assert db.c.count_documents({"on": True}) == 2
    assert [d["_id"] for d in db.c.find({}).sort("_id", ASCENDING).limit(2)] == ["id1", "id2"]


def test_insert_many_unordered_reports_duplicates_as_11000(db):
    db.c.insert_one({"_id": "dup"})
    with pytest.raises(BulkWriteError) as caught:
        db.c.insert_many([{"_id": "dup"}, {"_id": "new"}], ordered=False)
    assert {e["code"] for e in caught.value.details["writeErrors"]} == {11000}
    assert db.c.find_one({"_id": "new"}) is not None


def test_aggregate_store_writes_state_and_events_together_and_refuses_stale_versions(db):
    store = AggregateStore(db.things)
    store.ensure_indexes()
    first = ledger_envelope("a", 1)
    assert store.create("a", {"amount": 1}, [first]) == 1
    raw = db.things.find_one({"_id": "a"})
    assert raw["_outbox_pending"] is True and raw["_outbox"][0]["event_id"] == first.event_id
    assert store.update("a", {"amount": 2}, 1, [ledger_envelope("a", 2)]) == 2
    with pytest.raises(ConflictError):
        store.update("a", {"amount": 3}, 1, [])
    assert store.get("a") == {"_id": "a", "amount": 2, "version": 2}


def test_aggregate_store_creates_many_in_one_write_and_leaves_existing_ones_alone(db):
    store = AggregateStore(db.things)
    store.ensure_indexes()
    store.create("b", {"amount": 7}, [])
    store.update("b", {"amount": 8}, 1, [])
    assert store.create_many({"a": {"amount": 1}, "b": {"amount": 2}, "c": {"amount": 3}}) == {"b"}
    assert [store.get(i) for i in ("a", "b", "c")] == [
        {"_id": "a", "amount": 1, "version": 1}, {"_id": "b", "amount": 8, "version": 2},
        {"_id": "c", "amount": 3, "version": 1}]
    raw = db.things.find_one({"_id": "a"})
    assert (raw["_rev"], raw["_outbox"], raw["_outbox_pending"]) == (1, [], False)
    assert store.update("a", {"amount": 4}, 1, []) == 2  # an ordinary aggregate from then on
    assert store.create_many({}) == set()


def test_aggregate_store_records_command_outcomes_in_the_same_write_and_keeps_them(db):
    store = AggregateStore(db.things)
    store.create("a", {"amount": 1}, [ledger_envelope("a", 1)], CommandRecord("cmd-1", {"made": "x-1"}))
    store.update("a", {"amount": 2}, 1, [ledger_envelope("a", 2)])
    OutboxRelay([db.things], RecordingPublisher()).relay_once()
    store.update("a", {"amount": 3}, 2, [], CommandRecord("cmd-2", {"made": "x-2", "ids": ["p", "q"]}))
    read = store.read("a")
    assert read.document == store.get("a") == {"_id": "a", "amount": 3, "version": 3}
    assert read.outcomes == {"cmd-1": {"made": "x-1"}, "cmd-2": {"made": "x-2", "ids": ["p", "q"]}}
    assert store.read("missing") is None


def test_relay_publishes_in_order_archives_and_clears_and_keeps_events_when_the_broker_fails(db):
    store = AggregateStore(db.things)
    events = [ledger_envelope("a", i) for i in range(3)]
    store.create("a", {"n": 0}, events[:1])
    store.update("a", {"n": 1}, 1, events[1:])
    with pytest.raises(PublishFailed):
        OutboxRelay([db.things], RecordingPublisher(fail=True)).relay_once()
    assert db.things.find_one({"_id": "a"})["_outbox_pending"] is True
    publisher = RecordingPublisher()
    assert OutboxRelay([db.things], publisher).relay_once() == 3
    assert [e.event_id for e in publisher.batches[0]] == [e.event_id for e in events]
    assert not db.things.find_one({"_id": "a"})["_outbox_pending"]  # nx-27017 returns 0 for a $set False
    assert [h["event_id"] for h in store.history("a")] == [e.event_id for e in events]
    assert OutboxRelay([db.things], publisher).relay_once() == 0


def test_relay_clears_a_batch_in_one_write_and_keeps_an_event_written_while_it_published(db):
    store = AggregateStore(db.things)
    first = {doc_id: ledger_envelope(doc_id, 1) for doc_id in ("a", "b", "c")}
    for doc_id, event in first.items():
        store.create(doc_id, {"n": 0}, [event])
    late = ledger_envelope("b", 2)

    class WriterInBetween(RecordingPublisher):
        """Another command on "b" lands while the batch is being published."""

        def publish_batch(self, envelopes):
            super().publish_batch(envelopes)
            if len(self.batches) == 1:
                store.update("b", {"n": 1}, 1, [late])

    publisher = WriterInBetween()
    assert OutboxRelay([db.things], publisher).relay_once() == 3
    pending = {d["_id"]: [e["event_id"] for e in d["_outbox"]] for d in db.things.find({})}
    assert pending == {"a": [], "b": [late.event_id], "c": []}
    assert db.things.find_one({"_id": "b"})["_outbox_pending"]  # nx-27017 answers 1 for a $set True
    assert OutboxRelay([db.things], publisher).relay_once() == 1
    assert [e.event_id for e in publisher.batches[1]] == [late.event_id]
    assert [h["event_id"] for h in store.history("b")] == [first["b"].event_id, late.event_id]


def test_apply_once_and_processed_marks_survive_redelivery(db):
    ensure_indexes(db)
    bump = lambda doc: {**doc, "count": doc.get("count", 0) + 1}  # noqa: E731
    assert apply_once(db.tally, "x", "event-1", bump, default=dict) is True
    assert apply_once(db.tally, "x", "event-1", bump, default=dict) is False
    assert apply_once(db.tally, "x", "event-2", bump, default=dict) is True
    assert db.tally.find_one({"_id": "x"})["count"] == 2
    processed = BatchedProcessedEvents(db, "c")
    assert processed.mark_processed("event-1", "T") is True
    assert processed.mark_processed("event-1", "T") is False
