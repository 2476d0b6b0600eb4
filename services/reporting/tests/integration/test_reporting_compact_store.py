"""The compact path through the real store: summaries written by the rebuild and by the live
projection, roll-up figures cached per scope and kept fresh, and the event log forgetting
an erased actor's names. No service container: the adapters are driven directly."""
from __future__ import annotations

import pytest

from reporting.adapters import event_log, generations, rollup_cache
from reporting.adapters.read_models import MongoReadModels
from reporting.adapters.rebuilder import rebuild
from reporting.adapters.rollup_cache import FiguresMemo, RollupCache
from reporting.adapters.stores import ReportingStores
from reporting.domain.projections import state
from reporting.domain.projections.summary import summarise
from reporting.domain.rollup import initiatives_by_phase, rollup
from reporting.domain.viewer import EVERYTHING, Viewer
from reporting.handlers import events as event_handlers
from reporting.handlers import queries
from reporting.rendering import exports
from reporting.rendering.dashboard import dashboard_html
from samskab_contracts.access import visible_initiatives
from samskab_dev import synthetic
from samskab_infra.context import Context, Grant, Principal

pytestmark = pytest.mark.integration

NOW = "2024-05-01T10:00:00Z"
NATIONAL = Context(correlation_id="c", principal=Principal.of("nfc@politi.dk", "national_centre"), now=NOW)
FYN = Context(correlation_id="c", principal=Principal.of("op@politi.dk", "district_operator",
                                                      district="fyn"), now=NOW)


@pytest.fixture
def db(mongo_client, db_prefix):
    database = mongo_client[f"{db_prefix}_reporting"]
    yield database
    mongo_client.drop_database(database.name)


def project(db, generation: int, envelopes: list[dict]) -> None:
    stores = ReportingStores(db, (), None, generations.PointerCache(), FiguresMemo())
    for envelope in envelopes:
        event_handlers.project_event(stores.generation(generation), envelope)


def assert_same_answers(new: MongoReadModels, models: list[dict]) -> None:
    for ctx in (NATIONAL, FYN):
        viewer = Viewer(ctx.principal)
        for scope in (None, "fyn", "bornholm"):
            assert queries.get_rollup(new, {"district": scope}, ctx) == rollup(
                models, scope=scope, viewer=viewer)
            assert queries.get_dashboard(new, {"district": scope}, ctx)["body"] == dashboard_html(
                models, scope=scope, viewer=viewer, generated_at=NOW)
            for name in ("initiatives", "goals", "rollup"):
                assert queries.get_export(new, {"district": scope, "name": name}, ctx)["body"] == \
                    exports.export(name, "csv", models, scope=scope, viewer=viewer.as_open_data())


def test_rebuilt_and_live_summaries_answer_as_the_models_and_the_cache_follows_changes(db):
    history = list(synthetic.history(2, 40, seed=41, districts=("fyn", "bornholm")))
    event_log.ensure_indexes(db)
    for envelope in history[:-15]:
        event_log.record(db, envelope, logged_at=envelope["occurred_at"])
    assert rebuild(db, grace_s=0, retire_wait_s=0).generation == 2
    project(db, 2, history[-15:])  # the rest arrives live

    memo = FiguresMemo()
    new = MongoReadModels(db, 2, memo)
    models = new.initiatives()
    summaries = {s["initiative_id"]: s for s in new.summaries()}
    assert summaries == {m["initiative_id"]: summarise(m) for m in models}
    assert_same_answers(new, models)
    assert queries.phase_counts(new) == initiatives_by_phase(models)

    rollups = db[generations.collection_name(generations.ROLLUPS, 2)]
    before = rollups.find_one({"_id": "stored:national"})["revision"]
    later = synthetic.envelope("InitiativePhaseAdvanced", initiative_id=history[0]["data"][
        "initiative_id"], district="fyn", from_phase="analysis", to_phase="closing",
        phase_number=7, at="2030-01-01T00:00:00Z")
    project(db, 2, [later])
    assert rollups.find_one({"_id": "revision:national"})["revision"] > before
    answer = queries.get_rollup(MongoReadModels(db, 2, memo), {}, NATIONAL)
    assert answer == rollup(new.initiatives(), viewer=EVERYTHING)  # a small scope: recomputed
    assert rollups.find_one({"_id": "stored:national"})["revision"] > before


def test_a_large_scope_is_served_stale_for_a_while_and_the_timer_refreshes_it(db, monkeypatch):
    monkeypatch.setattr(rollup_cache, "STALE_OK_ABOVE", 1)
    history = synthetic.history(3, 30, seed=5, districts=("fyn",))
    summaries = [summarise(m) for m in state.rebuild(history)[state.INITIATIVES].values()]
    shown = summaries[:2]
    now = [1000.0]
    collection = db["rollups_test"]
    revisions = rollup_cache.Revisions(collection)
    cache = RollupCache(collection, lambda scope: list(shown), FiguresMemo(), clock=lambda: now[0])

    assert cache.figures(None)["rollup"]["initiatives"] == 2
    shown.append(summaries[2])
    revisions.touch(["national"])
    now[0] += 10
    assert cache.figures(None)["rollup"]["initiatives"] == 2  # stale, within MAX_STALE_S
    assert cache.refresh(min_age_s=30) == []  # changed, but computed only 10 s ago
    now[0] += 25
    assert cache.refresh(min_age_s=30) == ["national"]
    assert cache.figures(None)["rollup"]["initiatives"] == 3

    other_process = RollupCache(collection, lambda scope: [], FiguresMemo(), clock=lambda: now[0])
    assert other_process.figures(None)["rollup"]["initiatives"] == 3  # read, not recomputed
    shown.pop()
    revisions.touch(["national"])
    now[0] += rollup_cache.MAX_STALE_S + 1
    assert cache.figures(None)["rollup"]["initiatives"] == 2  # too old to serve: recomputed


def test_a_scope_that_takes_long_to_compute_is_refreshed_less_often_within_the_bound(db, monkeypatch):
    monkeypatch.setattr(rollup_cache, "STALE_OK_ABOVE", 1)
    history = synthetic.history(3, 30, seed=5, districts=("fyn",))
    summaries = [summarise(m) for m in state.rebuild(history)[state.INITIATIVES].values()]
    now = [1000.0]
    collection = db["rollups_slow"]
    revisions = rollup_cache.Revisions(collection)
    cache = RollupCache(collection, lambda scope: list(summaries), FiguresMemo(), clock=lambda: now[0])
    cache.figures(None)
    # As if reading and tallying the scope had taken 3 s: recomputed no sooner than 60 s on.
    collection.update_one({"_id": "stored:national"}, {"$set": {"cost_s": 3.0}})
    revisions.touch(["national"])
    now[0] += 45
    assert cache.refresh(min_age_s=30) == []
    now[0] += 20
    assert cache.refresh(min_age_s=30) == ["national"]
    assert rollup_cache.refresh_after(3.0) == 60.0
    assert rollup_cache.refresh_after(0.01) == rollup_cache.REFRESH_AFTER_S
    assert rollup_cache.refresh_after(100.0) == rollup_cache.LONGEST_REFRESH_AFTER_S < rollup_cache.MAX_STALE_S


def test_erasure_nulls_the_actors_names_in_the_event_log_only(db):
    event_log.ensure_indexes(db)
    named = synthetic.envelope("ActorRegistered", actor_id="a-1", actor_kind="business",
                               name="Ole's Lås ApS", department="Salg")
    joined = synthetic.envelope("ActorJoined", actor_id="a-1", actor_kind="business",
                                name="Ole's Lås ApS", department=None)
    other = synthetic.envelope("ActorJoined", actor_id="a-2", actor_kind="business",
                               name="Naboen A/S")
    for envelope in (named, joined, other):
        event_log.record(db, envelope)

    stored = {d["_id"]: d for d in db[event_log.EVENT_LOG].find({})}
    assert event_log.erase_names(db, "a-1") == 2
    entries = {d["_id"]: d for d in db[event_log.EVENT_LOG].find({})}
    logged = {event_id: event_log.envelope_of(d) for event_id, d in entries.items()}
    first = logged[named["event_id"]]
    assert first == {**named, "data": {**named["data"], "name": None, "department": None}}
    assert "Ole" not in str(entries[named["event_id"]]) and "Ole" not in str(entries[joined["event_id"]])
    assert entries[named["event_id"]]["_logged_at"] == stored[named["event_id"]]["_logged_at"]
    assert logged[joined["event_id"]]["data"]["name"] is None
    assert logged[other["event_id"]]["data"]["name"] == "Naboen A/S"
    assert entries[other["event_id"]] == stored[other["event_id"]]
    assert event_log.erase_names(db, "a-1") == 0  # nothing named any more


def test_the_log_holds_each_envelope_as_text_and_reads_entries_of_the_old_form_too(db):
    event_log.ensure_indexes(db)
    joined = synthetic.envelope("ActorJoined", actor_id="a-1", actor_kind="business", name="Ole's Lås ApS")
    created = synthetic.envelope("InitiativeCreated")
    for envelope in (joined, created):
        event_log.record(db, envelope, logged_at="2026-12-05T01:00:00Z")
    old_form = synthetic.envelope("ActorJoined", actor_id="a-1", actor_kind="business", name="Ole's Lås ApS")
    db[event_log.EVENT_LOG].insert_one({**old_form, "_id": old_form["event_id"],
                                        "_logged_at": "2026-12-05T02:00:00Z"})

    entry = db[event_log.EVENT_LOG].find_one({"_id": joined["event_id"]})
    assert set(entry) == {"_id", "_logged_at", "occurred_at", "data", event_log.EVENT_TEXT}
    assert entry["data"] == {"actor_id": "a-1"}
    assert "data" not in db[event_log.EVENT_LOG].find_one({"_id": created["event_id"]})
    read = [e for batch in event_log.history_batches(db) for e in batch]
    assert sorted(read, key=lambda e: e["event_id"]) == sorted([joined, created, old_form],
                                                               key=lambda e: e["event_id"])
    assert list(event_log.logged_since(db, "2026-12-05T01:30:00Z")) == [old_form]
    assert event_log.erase_names(db, "a-1") == 2  # the old entry found by its data.actor_id too
    rewritten = db[event_log.EVENT_LOG].find_one({"_id": old_form["event_id"]})
    assert event_log.envelope_of(rewritten) == {**old_form, "data": {**old_form["data"], "name": None}}
    assert rewritten["_logged_at"] == "2026-12-05T02:00:00Z"


def test_the_store_query_pages_only_the_initiatives_a_caller_may_read(db):
    history = list(synthetic.history(4, 20, seed=23, districts=("fyn", "bornholm", "nordjylland")))
    project(db, 1, history)
    models = MongoReadModels(db, 1, FiguresMemo())
    every = {s["initiative_id"]: s for s in models.summaries()}
    nordjylland = sorted(i for i, s in every.items() if s["district"] == "nordjylland")
    fyn = sorted(i for i, s in every.items() if s["district"] == "fyn")
    visibility = visible_initiatives(Principal(
        "op@politi.dk", (Grant("district_operator", "fyn"), Grant("anchor_person", nordjylland[0]))))

    seen, after = [], None
    while page := models.summary_page(visibility, after=after, limit=2):
        seen += [s["initiative_id"] for s in page]
        after = page[-1]["initiative_id"]
    assert seen == sorted(fyn + nordjylland[:1])
    assert [s["initiative_id"] for s in models.summary_page(visibility, district="nordjylland")] == nordjylland[:1]
    assert models.summary_page(visibility, district="bornholm") == []
    phase = every[fyn[0]]["phase"]
    assert {s["initiative_id"] for s in models.summary_page(visibility, phase=phase)} == {
        i for i in fyn + nordjylland[:1] if every[i]["phase"] == phase}
    theme = every[fyn[0]]["themes"][0]
    assert fyn[0] in {s["initiative_id"] for s in models.summary_page(visibility, theme=theme)}
    assert models.summary_page(visible_initiatives(Principal("p@firma.dk", (Grant("partner"),)))) == []
    assert {s["initiative_id"] for s in models.summaries(visibility=visibility)} == set(fyn + nordjylland[:1])
    assert {m["initiative_id"] for m in models.initiatives("fyn", visibility=visibility)} == set(fyn)
