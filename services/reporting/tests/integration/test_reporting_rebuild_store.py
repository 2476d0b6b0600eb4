"""Rebuild through the real store: equals the incremental read models, field by field, loses
no event that arrives while it runs, and the service answers throughout."""
from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
from nameko.standalone.rpc import ServiceRpcProxy
from reporting_feed import (
    bind_queue,
    comparable,
    drain,
    imbalance_story,
    now_stamped,
    publish,
    stored,
    summaries_match_models,
    wait_processed,
)

from reporting.adapters import event_log, generations, rebuilder
from reporting.adapters.progress import NoProgress
from reporting.adapters.rebuilder import Superseded, rebuild
from reporting.adapters.rollup_cache import FiguresMemo
from reporting.adapters.stores import ReportingStores
from reporting.domain.projections import state
from reporting.handlers.commands import rebuild_summary
from reporting.handlers.events import project_event
from reporting.service import ReportingService
from samskab_dev import synthetic
from samskab_infra.aggregate_store import OUTBOX_PENDING
from samskab_infra.clock import utc_now_iso
from samskab_infra.context import Principal
from tests.harness import PYTHONPATH, ROOT, wait_until

pytestmark = pytest.mark.integration

DISTRICTS = ("nordjylland", "fyn")
NATIONAL = Principal.of("nfc@politi.dk", "national_centre").to_json()


def events(seed: int, initiatives: int = 3, per_initiative: int = 40) -> list[dict]:
    return now_stamped(list(synthetic.history(initiatives, per_initiative, seed=seed,
                                              districts=DISTRICTS, validate=True)))


@pytest.fixture
def db(container_factory, service_config, mongo_client, db_prefix):
    container_factory(ReportingService, service_config).start()
    return mongo_client[f"{db_prefix}_reporting"]


def feed(config: dict, db, envelopes: list[dict]) -> None:
    publish(config["AMQP_URI"], envelopes)
    wait_processed(db, [e["event_id"] for e in envelopes])


def in_memory(envelopes: list[dict]) -> dict[str, dict[str, dict]]:
    return {c: {i: comparable(m) for i, m in docs.items()}
            for c, docs in state.rebuild(envelopes).items()}


def assert_same(actual: dict, expected: dict) -> None:
    for collection in generations.READ_MODELS:
        assert actual[collection].keys() == expected[collection].keys(), collection
        for doc_id, model in expected[collection].items():
            got = actual[collection][doc_id]
            assert got.keys() == model.keys(), (collection, doc_id)
            for field, value in model.items():
                assert got[field] == value, (collection, doc_id, field)


def test_rebuild_command_equals_incremental_field_by_field(db, service_config, mongo_uri,
                                                           db_prefix):
    history = events(seed=11)
    delivery = history + history[:30]  # out of order, with re-sent duplicates
    random.Random(3).shuffle(delivery)
    feed(service_config, db, delivery)
    incremental = stored(db)
    assert_same(incremental, in_memory(history))
    assert summaries_match_models(db)

    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "MONGO_URI": mongo_uri,
           "SAMSKAB_DB_PREFIX": db_prefix}
    command = subprocess.run([sys.executable, "-m", "reporting.rebuild"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert command.returncode == 0, command.stderr
    assert f"rebuilt generation 2 (was 1) from {len(history)} events" in command.stdout
    assert "reading event log" in command.stderr and "100%" in command.stderr
    assert f"{len(history)}/{len(history)}" in command.stderr

    assert generations.read_pointer(db).active == 2
    assert_same(stored(db), incremental)
    assert summaries_match_models(db)
    assert not {"initiatives", "actors"} & set(db.list_collection_names())  # generation 1 dropped

    again = rebuild(db)  # idempotent: the same models once more, in generation 3
    assert (again.generation, again.previous, again.retired) == (3, 2, [2])
    assert_same(stored(db), incremental)


def test_events_arriving_during_a_rebuild_reach_the_new_generation(db, service_config):
    alerts = bind_queue(service_config["AMQP_URI"], "InfluenceImbalanceDetected.*")
    before = events(seed=21, initiatives=2)
    feed(service_config, db, before)
    late = events(seed=22, initiatives=1)
    some_initiative = before[0]["data"]["initiative_id"]
    extra = now_stamped([synthetic.envelope("ActivityHeld", initiative_id=some_initiative,
                                            district=before[0]["district"],
                                            activity_id="late-activity")])
    during_write, during_catch_up = late[:20] + extra, late[20:]
    answers = []

    class FeedWhileRebuilding(NoProgress):
        def start(self, label: str, total: int) -> None:
            pointer = generations.read_pointer(db)
            if label == "writing read models":  # after the full pass has read the log
                feed(service_config, db, during_write)
                with ServiceRpcProxy("reporting", service_config,
                                     context_data={"principal": NATIONAL}) as reporting:
                    answers.append(reporting.query("get_rollup", {})["initiatives"]["value"])
                answers.append((pointer.active, pointer.building))
            elif label == "catching up":  # after the catch-up has read the log
                feed(service_config, db, during_catch_up)

    result = rebuild(db, progress=FeedWhileRebuilding())
    assert answers == [5, (1, 2)]  # 4 + the first late one, served from generation 1 meanwhile
    assert result.generation == 2
    assert_same(stored(db, 2), in_memory(before + late + extra))
    assert summaries_match_models(db, 2)
    with ServiceRpcProxy("reporting", service_config,
                         context_data={"principal": NATIONAL}) as reporting:
        wait_until(lambda: reporting.query("get_rollup", {})["initiatives"]["value"] == 6,
                   timeout=5, message="the service answers from generation 2")

    drain(service_config["AMQP_URI"], alerts)  # whatever the histories above raised
    initiative_id, story, crossing = imbalance_story("fyn")
    feed(service_config, db, story)
    feed(service_config, db, [crossing])
    published = wait_until(lambda: drain(service_config["AMQP_URI"], alerts), timeout=20,
                           message="an alert raised in generation 2 is published")
    assert [p["data"]["initiative_id"] for p in published] == [initiative_id]
    assert db[generations.collection_name("initiatives", 2)].count_documents(
        {OUTBOX_PENDING: True}) == 0


def test_the_bulk_writes_merge_what_a_service_wrote_into_the_new_generation_meanwhile(
        mongo_client, db_prefix, monkeypatch):
    db = mongo_client[f"{db_prefix}_reporting"]
    monkeypatch.setattr(rebuilder, "CHUNK", {state.INITIATIVES: 2, state.ACTORS: 3})  # many chunks
    event_log.ensure_indexes(db)
    logged = events(seed=41, initiatives=3, per_initiative=30)
    for envelope in logged:  # logged long ago: the catch-up does not re-apply them
        event_log.record(db, envelope, logged_at="2020-01-01T00:00:00Z")
    first = logged[0]
    extra = now_stamped([synthetic.envelope("ActivityHeld", initiative_id=first["data"]["initiative_id"],
                                            district=first["district"], activity_id="live-one")])
    new_one = events(seed=42, initiatives=1, per_initiative=10)
    live = logged[:5] + extra + new_one  # redelivered, one more for a logged initiative, a new one

    class ServiceWritesMeanwhile(NoProgress):
        def start(self, label: str, total: int) -> None:
            if label == "writing read models":  # the log is read; the inserts are about to start
                stores = ReportingStores(db, (), None, generations.PointerCache(), FiguresMemo())
                building = stores.generation(generations.read_pointer(db).building)
                for envelope in live:
                    event_log.record(db, envelope)
                    project_event(building, envelope, emit=False)

    result = rebuild(db, progress=ServiceWritesMeanwhile(), grace_s=0, retire_wait_s=0)
    assert (result.events, result.caught_up) == (len(logged), len(extra + new_one))  # logged once
    assert_same(stored(db, result.generation), in_memory(logged + extra + new_one))
    assert summaries_match_models(db, result.generation)
    assert set(result.timings) == {"read", "fold", "write", "writing", "catch_up"}


def test_a_failed_or_superseded_rebuild_leaves_the_active_generation_in_place(mongo_client,
                                                                             db_prefix):
    db = mongo_client[f"{db_prefix}_reporting"]
    event_log.ensure_indexes(db)
    for envelope in events(seed=31, initiatives=1, per_initiative=20):
        event_log.record(db, envelope)
    assert rebuild(db, grace_s=0).generation == 2
    built = stored(db)

    class Failing(NoProgress):
        def start(self, label: str, total: int) -> None:
            if label == "writing read models":
                raise RuntimeError("the store went away")

    with pytest.raises(RuntimeError):
        rebuild(db, progress=Failing(), grace_s=0)
    pointer = generations.read_pointer(db)
    assert (pointer.active, pointer.building) == (2, None)
    assert set(generations.existing(db)) == {2}

    class Overtaken(NoProgress):
        def start(self, label: str, total: int) -> None:
            if label == "catching up":
                generations.begin(db, utc_now_iso())  # another rebuild claims generation 4

    with pytest.raises(Superseded):
        rebuild(db, progress=Overtaken(), grace_s=0)
    pointer = generations.read_pointer(db)
    assert (pointer.active, pointer.building) == (2, 4)  # 3 was this one's, now dropped
    assert set(generations.existing(db)) == {2}
    assert stored(db) == built


def test_a_rebuild_removes_from_the_log_the_names_an_erasure_left_behind(mongo_client, db_prefix):
    """An older version's erasure, applied to entries of the newer form, found no name to null
    (docs/operations.md, *Stored forms that change*): the next rebuild removes it."""
    db = mongo_client[f"{db_prefix}_reporting"]
    event_log.ensure_indexes(db)
    named = synthetic.envelope("ActorRegistered", actor_id="a-gone", actor_kind="business",
                               name="Ole's Lås ApS", department="Salg")
    kept = synthetic.envelope("ActorRegistered", actor_id="a-kept", actor_kind="business", name="Naboen A/S")
    erased = synthetic.envelope("ActorErased", actor_id="a-gone", actor_kind="business")
    for envelope in (named, kept, erased):  # logged, but the erasure never reached the log
        event_log.record(db, envelope, logged_at="2020-01-01T00:00:00Z")

    result = rebuild(db, grace_s=0, retire_wait_s=0)

    logged = {d["_id"]: event_log.envelope_of(d) for d in db[event_log.EVENT_LOG].find({})}
    assert (logged[named["event_id"]]["data"]["name"], logged[named["event_id"]]["data"]["department"]) == (None, None)
    assert logged[kept["event_id"]]["data"]["name"] == "Naboen A/S"
    assert result.scrubbed == 1
    assert "removed erased actors' names from 1 logged events" in rebuild_summary(result)
    assert rebuild(db, grace_s=0, retire_wait_s=0).scrubbed == 0  # nothing named any more
