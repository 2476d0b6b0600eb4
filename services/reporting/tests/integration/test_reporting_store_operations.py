"""The store operations reporting's live projection sends per event (issue 16), counted on a
real store by ``samskab_store_operations_total``, and what the fewer writes must still do:
converge after a crash between them, and lose nothing to a writer that got in between a
read and its write."""
from __future__ import annotations

import uuid
from collections import Counter

import pytest

from reporting.adapters import generations
from reporting.adapters.rollup_cache import FiguresMemo
from reporting.adapters.stores import ReportingStores, prepare_store
from reporting.domain.projections.summary import summarise
from reporting.handlers import events as event_handlers
from samskab_dev import synthetic
from samskab_infra.aggregate_store import OUTBOX, REVISION, AggregateStore, ConflictError
from samskab_infra.envelope import Envelope
from samskab_infra.metrics import STORE_OPERATIONS

pytestmark = pytest.mark.integration

OPERATIONS = ("find", "insert", "update", "delete", "findAndModify", "aggregate", "getMore", "count")


@pytest.fixture
def counted(counted_db):
    """Reporting's database on a client counted under a service label of its own."""
    service, db = counted_db
    prepare_store(db)
    return db, service


def operations(service: str) -> Counter:
    return Counter({op: int(STORE_OPERATIONS.labels(service, op)._value.get()) for op in OPERATIONS})


def stores_of(db) -> ReportingStores:
    return ReportingStores(db, (), None, generations.PointerCache(), FiguresMemo())


def counting(service: str, stores: ReportingStores, raw: dict) -> Counter:
    """The store operations one on_event sends, by operation (only those sent)."""
    before = operations(service)
    event_handlers.on_event(stores, Envelope(**raw))
    return +(operations(service) - before)


def created(district: str = "fyn") -> dict:
    return synthetic.envelope("InitiativeCreated", initiative_id=str(uuid.uuid4()), district=district)


def advanced(initiative_id: str) -> dict:
    return synthetic.envelope("InitiativePhaseAdvanced", initiative_id=initiative_id, district="fyn",
                              from_phase="start_up", to_phase="mapping", phase_number=2)


def joined(initiative_id: str, actor_id: str) -> dict:
    return synthetic.envelope("ActorJoined", initiative_id=initiative_id, actor_id=actor_id,
                              district="fyn", platform_ids=[])


def test_an_initiative_created_costs_four_store_operations_and_a_later_event_five(counted):
    db, service = counted
    stores = stores_of(db)
    counting(service, stores, created())  # the generation pointer is read and the scopes made

    first = created()
    # the event log, the model and its summary inserted without reading; both scopes marked in one
    assert counting(service, stores, first) == Counter(insert=3, update=1)
    initiative_id = first["data"]["initiative_id"]
    # the log; the model read once and written once; its summary; the scopes
    assert counting(service, stores, advanced(initiative_id)) == Counter(insert=1, find=1, update=3)
    # the initiative as above, and the actor's directory entry read and written, whose
    # erasure is then known without reading it again
    assert counting(service, stores, joined(initiative_id, str(uuid.uuid4()))) == Counter(
        insert=1, find=2, update=3) + Counter(insert=1)

    model = stores.read_models().initiative(initiative_id)
    assert model["phase"] == "mapping" and model["actors"]["active_total"] == 1
    summary = db[generations.collection_name("initiative_summaries", 1)].find_one({"_id": initiative_id})
    assert {k: v for k, v in summary.items() if k not in ("_id", "version")} == summarise(model)
    assert summary["version"] == model["version"] == 3


def test_a_crash_between_the_writes_converges_when_the_event_is_redelivered(counted):
    db, service = counted
    stores = stores_of(db)
    first = created()
    initiative_id = first["data"]["initiative_id"]
    event_handlers.on_event(stores, Envelope(**first))
    rollups = db[generations.ROLLUPS]
    marked = {d["_id"]: d["revision"] for d in rollups.find({})}
    assert set(marked) == {"revision:national", "revision:fyn"}
    # the model was written, the process died before its summary and the scopes' mark
    db["initiative_summaries"].delete_one({"_id": initiative_id})

    event_handlers.on_event(stores, Envelope(**first))  # redelivered: already created
    model = stores.read_models().initiative(initiative_id)
    assert model["version"] == 1  # applied once
    summary = db["initiative_summaries"].find_one({"_id": initiative_id})
    assert {k: v for k, v in summary.items() if k not in ("_id", "version")} == summarise(model)
    assert all(d["revision"] > marked[d["_id"]] for d in rollups.find({}))
    assert db["event_log"].count_documents({}) == 1


def test_a_scope_counter_dropped_with_its_generation_is_made_again(counted):
    db, service = counted
    stores = stores_of(db)
    event_handlers.on_event(stores, Envelope(**created()))
    db[generations.ROLLUPS].delete_one({"_id": "revision:fyn"})
    event_handlers.on_event(stores, Envelope(**created()))
    revisions = {d["_id"]: d["revision"] for d in db[generations.ROLLUPS].find({})}
    assert revisions["revision:fyn"] >= 1 and revisions["revision:national"] >= 2


def test_a_write_in_between_the_read_and_the_write_is_kept(counted):
    db, _ = counted
    store = AggregateStore(db["initiatives"])
    store.create("i-1", {"title": "a"}, [])
    stored = store.read("i-1")
    # the relay published the (empty) outbox in between: same version, a new _rev
    db["initiatives"].update_one({"_id": "i-1"}, {"$set": {OUTBOX: [{"kept": 1}]}, "$inc": {REVISION: 1}})
    assert store.update("i-1", {**stored.document, "title": "b"}, stored.version, []) == 2
    doc = db["initiatives"].find_one({"_id": "i-1"})
    assert (doc["title"], doc["version"], doc[REVISION], doc[OUTBOX]) == ("b", 2, 3, [{"kept": 1}])

    stored = store.read("i-1")
    store.update("i-1", {**stored.document, "title": "c"}, stored.version, [])  # another writer
    with pytest.raises(ConflictError):
        store.update("i-1", {**stored.document, "title": "d"}, stored.version, [])
    assert db["initiatives"].find_one({"_id": "i-1"})["title"] == "c"


class RebuildBeginsMeanwhile:
    """The generation pointer as a handler sees it when a rebuild begins while it applies an
    event: no generation being built at its first read, generation 2 at every later one."""

    def __init__(self) -> None:
        self.reads = 0

    def get(self, db) -> generations.Pointer:
        self.reads += 1
        return generations.Pointer(active=1, building=None if self.reads == 1 else 2)


def test_an_event_logged_after_a_rebuild_began_reaches_the_generation_being_built(counted):
    db, _ = counted
    stores = ReportingStores(db, (), None, RebuildBeginsMeanwhile(), FiguresMemo())
    first = created()
    # The rebuild's catch-up may have read the log before this event's entry was written:
    # the handler itself must bring the event to generation 2.
    event_handlers.on_event(stores, Envelope(**first))
    initiative_id = first["data"]["initiative_id"]
    for generation in (1, 2):
        model = db[generations.collection_name("initiatives", generation)].find_one({"_id": initiative_id})
        assert model is not None and model["version"] == 1, generation
    assert db["event_log"].count_documents({"_id": first["event_id"]}) == 1
