"""The batched de-duplication log against a real store: callers asking at the same moment
share one store operation, and each still gets its own answer."""
from __future__ import annotations

import pytest
from pymongo.errors import ServerSelectionTimeoutError

from samskab_infra.idempotency import ensure_indexes
from samskab_infra.mongo import make_client
from samskab_infra.processed_batches import BatchedProcessedEvents
from tests.integration.plumbing import store_operations, together


@pytest.fixture
def counted(counted_db):
    ensure_indexes(counted_db[1])
    return counted_db


def test_marks_made_at_the_same_moment_share_one_insert_and_a_repeat_is_answered_false(counted):
    service, db = counted
    log = BatchedProcessedEvents(db, "reporting")
    ids = [f"ev-{i}" for i in range(8)]
    assert together([lambda i=i: log.mark_processed(i, "T") for i in ids]) == [True] * 8
    assert store_operations(service, "insert") == 1
    # Again, with two new ones among them: only the repeats answer False, still one insert.
    again = ids[:3] + ["ev-new-1", "ev-new-2"]
    assert together([lambda i=i: log.mark_processed(i, "T") for i in again]) == [False] * 3 + [True] * 2
    assert store_operations(service, "insert") == 2
    assert db["processed_events"].count_documents({"consumer": "reporting"}) == 10


def test_lookups_at_the_same_moment_share_one_find_and_are_kept_per_consumer(counted):
    service, db = counted
    BatchedProcessedEvents(db, "actors").mark_processed("ev-a", "T")
    log = BatchedProcessedEvents(db, "reporting")
    log.mark_processed("ev-r", "T")
    before = store_operations(service, "find")
    answers = together([lambda i=i: log.already_processed(i) for i in ("ev-r", "ev-a", "ev-x")])
    assert answers == [True, False, False]
    assert store_operations(service, "find") == before + 1
    assert log.processed_among(["ev-a", "ev-r"]) == {"ev-r"}


def test_every_caller_of_a_batch_gets_the_store_s_exception():
    client = make_client("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200")
    log = BatchedProcessedEvents(client["gone"], "reporting")

    def ask(event_id):
        try:
            return log.already_processed(event_id)
        except ServerSelectionTimeoutError as exc:
            return type(exc)

    assert together([lambda i=i: ask(i) for i in ("a", "b")]) == [ServerSelectionTimeoutError] * 2
    client.close()
