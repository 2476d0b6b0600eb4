"""Writes made at the same moment sent together, against a real store: aggregates created
by concurrent workers go in one insert, a duplicate fails only its own caller, and
reporting's scope marks of a burst go in one write that counts every touch."""
from __future__ import annotations

import pytest

from reporting.adapters.rollup_cache import Revisions, raise_revisions
from samskab_infra.aggregate_store import AggregateStore, AlreadyExists
from samskab_infra.group_commit import GroupCommit
from samskab_infra.grouped_inserts import InsertGroups
from tests.integration.plumbing import store_operations, together

pytestmark = pytest.mark.integration


def outcome(call):
    try:
        return call()
    except AlreadyExists:
        return "exists"


def test_aggregates_created_at_the_same_moment_share_one_insert(counted_db):
    service, db = counted_db
    inserts = InsertGroups()
    store = AggregateStore(db["things"], inserts=inserts.of(db["things"]))
    store.create("taken", {"title": "first"}, [])
    before = store_operations(service, "insert")

    ids = ["a", "b", "taken", "c"]
    results = together([lambda i=i: outcome(lambda: store.create(i, {"title": i}, [])) for i in ids])

    assert results == [1, 1, "exists", 1]  # only the caller whose id was taken is refused
    assert store_operations(service, "insert") - before == 1
    assert {d["_id"]: d["title"] for d in db["things"].find({})} == {
        "taken": "first", "a": "a", "b": "b", "c": "c"}


def test_a_store_error_reaches_every_caller_of_the_batch():
    def failing(items):
        raise RuntimeError(f"store gone ({len(items)} items)")

    group: GroupCommit[int, None] = GroupCommit(failing)

    def call(i):
        try:
            group.join(i)
        except RuntimeError as exc:
            return str(exc)

    assert together([lambda i=i: call(i) for i in range(3)]) == ["store gone (3 items)"] * 3


def test_scope_marks_of_a_burst_go_in_one_write_and_count_every_touch(counted_db):
    service, db = counted_db
    collection = db["rollups"]
    together_marks = GroupCommit(lambda touches: raise_revisions(collection, touches))
    Revisions(collection).touch(["national", "fyn"])  # the counters exist
    before = store_operations(service, "update")

    revisions = Revisions(collection, together_marks)
    together([lambda s=s: revisions.touch(["national", s]) for s in ("fyn", "fyn", "national")])

    assert store_operations(service, "update") - before == 1
    counters = {d["_id"]: d["revision"] for d in collection.find({})}
    assert counters == {"revision:national": 4, "revision:fyn": 3}

    # A scope without a counter yet: made by an upsert, the others raised (maybe twice).
    together([lambda: revisions.touch(["national", "bornholm"])])
    counters = {d["_id"]: d["revision"] for d in collection.find({})}
    assert counters["revision:bornholm"] == 1 and counters["revision:national"] >= 5
