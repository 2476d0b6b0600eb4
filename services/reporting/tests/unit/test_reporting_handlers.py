"""Use cases: projecting envelopes through the outbox store, and the queries' suppression."""
from __future__ import annotations

import json

import pytest
from reporting_fakes import FakeReadModels, InMemorySummaries
from reporting_samples import (
    INITIATIVE,
    activity,
    created,
    envelope,
    hjoerring_story,
    joined,
    portfolio,
)

from reporting.domain.projections import state
from reporting.handlers import events as event_handlers
from reporting.handlers import queries
from reporting.handlers.queries import list_initiatives
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import Context, Principal
from samskab_infra.errors import NotFound, ValidationFailed

pytestmark = pytest.mark.unit

NATIONAL = Context(correlation_id="c", principal=Principal.of("nfc@politi.dk", "national_centre"),
                   now="2024-05-01T10:00:00Z")
FYN = Context(correlation_id="c", principal=Principal.of("op@politi.dk", "district_operator",
                                                      district="fyn"))
NORDJYLLAND = Context(correlation_id="c", principal=Principal.of("op@nord.politi.dk", "district_operator",
                                                              district="nordjylland"))
PARTNER = Context(correlation_id="c", principal=Principal.of("p@firma.dk", "partner"))
ANCHOR = Context(correlation_id="c", principal=Principal.of("a@politi.dk", "anchor_person",
                                                         initiatives=("nj-3",)))


@pytest.fixture
def stores() -> dict:
    return {state.INITIATIVES: InMemoryAggregateStore(), state.ACTORS: InMemoryAggregateStore(),
            state.SUMMARIES: InMemorySummaries()}


@pytest.fixture(scope="module")
def read_models() -> FakeReadModels:
    return FakeReadModels(state.rebuild(hjoerring_story() + portfolio()))


def test_project_event_stores_models_and_puts_raised_events_in_the_outbox(stores: dict) -> None:
    stream = [created()] + [joined(f"a{i}", at=f"2017-01-0{i}T00:00:00Z") for i in range(1, 6)]
    for env in stream:
        assert event_handlers.project_event(stores, env) == []
    crossing = activity("solo", {"a1": 1})
    raised = event_handlers.project_event(stores, crossing)
    assert [e.type for e in raised] == ["InfluenceImbalanceDetected"]
    assert raised[0].causation_id == crossing["event_id"] and raised[0].producer == "reporting"
    assert raised[0].district == "nordjylland"
    initiatives = stores[state.INITIATIVES]
    assert initiatives.events_of_type("InfluenceImbalanceDetected") == raised
    version = initiatives.get(INITIATIVE)["version"]
    summaries = stores[state.SUMMARIES]
    summary = summaries.documents[INITIATIVE]
    assert summary["version"] == version and summary["influence"]["imbalanced"] is True
    assert summary["members"]["a1"] == {"kind": "business", "changes": 1}
    calls = summaries.calls
    assert event_handlers.project_event(stores, crossing) == []  # duplicate: nothing written
    assert initiatives.get(INITIATIVE)["version"] == version
    assert summaries.calls == calls + 1 and summaries.documents[INITIATIVE] == summary  # re-put
    assert stores[state.ACTORS].get("a1")["name"] == "Firma"


def test_project_event_ignores_events_it_does_not_read(stores: dict) -> None:
    assert event_handlers.project_event(stores, {"event_id": "e", "type": "Unknown", "data": {}}) == []
    assert stores[state.INITIATIVES].documents == {}


def test_rollup_query_shows_counts_of_initiatives_to_everyone_and_persons_only_to_their_own(
        read_models: FakeReadModels) -> None:
    own = queries.get_rollup(read_models, {"district": "fyn"}, FYN)
    assert own["initiatives"] == {"value": 2, "suppressed": False}
    assert own["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": 3, "suppressed": False}
    assert own["suppressed_view"] is False
    for outsider in (NORDJYLLAND, PARTNER):
        other = queries.get_rollup(read_models, {"district": "fyn"}, outsider)
        assert other["initiatives"] == {"value": 2, "suppressed": False}
        assert other["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": None, "suppressed": True}
    national = queries.get_rollup(read_models, {}, NATIONAL)
    assert national["suppressed_view"] is False
    fyn_row = national["by_district_and_phase"]["row_totals"]["fyn"]
    assert fyn_row == {"value": 2, "suppressed": False}
    assert not any(c["suppressed"] for c in national["by_theme"]["cells"].values())
    assert queries.get_rollup(read_models, {}, FYN)["by_district_and_phase"]["row_totals"]["fyn"] == fyn_row
    with pytest.raises(ValidationFailed) as failure:
        queries.get_rollup(read_models, {"district": "atlantis"}, NATIONAL)
    assert "district" in failure.value.details


def test_shared_indicator_rows_name_only_initiatives_the_caller_may_read(read_models: FakeReadModels) -> None:
    def rows(ctx: Context) -> set[str]:
        groups = queries.get_rollup(read_models, {}, ctx)["shared_indicators"]
        return {r["initiative_id"] for g in groups for r in g["rows"]}

    assert {"fyn-0", "nj-0"} <= rows(NATIONAL)
    assert rows(FYN) == {"fyn-0", "fyn-1"}
    assert rows(PARTNER) == set()
    groups = queries.get_rollup(read_models, {}, PARTNER)["shared_indicators"]
    assert groups and all(g["initiatives"]["value"] >= 2 for g in groups)


def test_initiative_query(read_models: FakeReadModels) -> None:
    view = queries.get_initiative(read_models, {"initiative_id": "fyn-0"}, FYN)
    assert view["actors"]["active_by_kind"]["cells"]["citizen"]["value"] == 3
    national = queries.get_initiative(read_models, {"initiative_id": "fyn-0"}, NATIONAL)
    assert national["actors"]["active_by_kind"]["cells"]["citizen"]["value"] == 3
    assert national["phase_days"]["mapping"] > 2000  # time so far in the current phase
    participant = Context(correlation_id="c", principal=Principal.of("p@borger.dk", "participant",
                                                                      initiatives=("fyn-0",)))
    outside = queries.get_initiative(read_models, {"initiative_id": "fyn-0"}, participant)
    assert outside["actors"]["active_by_kind"]["cells"]["citizen"]["suppressed"] is True
    assert "anchor_handovers" not in outside["counts"] and "anchor_handovers" in view["counts"]
    assert outside["platforms"][0]["active_actors"] == {"value": None, "suppressed": True}
    with pytest.raises(NotFound):
        queries.get_initiative(read_models, {"initiative_id": "nope"}, NATIONAL)


@pytest.mark.parametrize("ctx", ["NORDJYLLAND", "PARTNER", "ANCHOR"])
def test_an_initiative_the_caller_may_not_read_is_not_found(read_models: FakeReadModels, ctx: str) -> None:
    with pytest.raises(NotFound) as refused:
        queries.get_initiative(read_models, {"initiative_id": "fyn-0"}, globals()[ctx])
    assert refused.value.code == "initiative.not_found"


def test_lists_catalogue_and_exports_hold_only_what_the_caller_may_read(read_models: FakeReadModels) -> None:
    def listed(ctx: Context, **query) -> list[str]:
        return [i["initiative_id"] for i in list_initiatives(read_models, {"limit": 100, **query}, ctx)["items"]]

    assert set(listed(NATIONAL)) >= {"fyn-0", "fyn-1", "nj-0"}
    assert listed(FYN) == ["fyn-0", "fyn-1"]
    assert listed(FYN, district="nordjylland") == []
    assert listed(ANCHOR) == ["nj-3"]
    assert listed(PARTNER) == []
    catalogue = queries.get_catalogue(read_models, {"format": "markdown"}, ANCHOR)["body"]
    assert "Initiativ nj-3" in catalogue and "Initiativ nj-4" not in catalogue
    partner_catalogue = queries.get_catalogue(read_models, {"format": "markdown"}, PARTNER)["body"]
    assert "Initiativ" not in partner_catalogue
    for ctx, expected in ((FYN, {"fyn-0", "fyn-1"}), (ANCHOR, {"nj-3"}), (PARTNER, set())):
        export = queries.get_export(read_models, {"name": "initiatives", "format": "json"}, ctx)
        assert {row["initiative_id"] for row in json.loads(export["body"])} == expected
    dashboard = queries.get_dashboard(read_models, {}, PARTNER)["body"]
    assert "Initiativ nj-" not in dashboard and "Hjørring – Fri" not in dashboard


def test_a_page_of_the_list_follows_the_cursor(read_models: FakeReadModels) -> None:
    seen, cursor = [], None
    while True:
        page = list_initiatives(read_models, {"limit": 3, "cursor": cursor}, NATIONAL)
        seen += [i["initiative_id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(set(seen)) and {"fyn-0", "nj-6"} <= set(seen)


def test_documents_and_exports(read_models: FakeReadModels) -> None:
    page = queries.get_catalogue(read_models, {"lang": "en"}, NATIONAL)
    assert page["content_type"].startswith("text/html") and "What was hard?" in page["body"]
    markdown = queries.get_catalogue(read_models, {"format": "markdown", "district": "fyn"}, FYN)
    assert markdown["body"].startswith("# Casekatalog – Fyns Politi")
    dashboard = queries.get_dashboard(read_models, {"district": "fyn", "lang": "da"}, FYN)
    assert "Overblik – Fyns Politi" in dashboard["body"]
    export = queries.get_export(read_models, {"name": "goals", "format": "json"}, NATIONAL)
    assert export["filename"] == "samskab-goals-national.json"
    with pytest.raises(ValidationFailed):
        queries.get_export(read_models, {"name": "goals", "format": "xlsx"}, NATIONAL)


def test_phase_counts(read_models: FakeReadModels) -> None:
    assert queries.phase_counts(read_models)["closing"] == 2


def test_the_event_log_forgets_an_actor_after_its_erasure_whenever_its_events_arrive() -> None:
    erasure = envelope("ActorErased", actor_id="a1")
    built = state.rebuild([joined("a1"), joined("a2")])
    assert event_handlers.erased_actor(FakeReadModels(built), erasure) == "a1"
    assert event_handlers.erased_actor(FakeReadModels(built), joined("a1")) is None
    late = joined("a1", at="2016-01-01T00:00:00Z")  # about the actor, arriving after its erasure
    erased = FakeReadModels(state.rebuild([joined("a1"), erasure, late]))
    assert event_handlers.erased_actor(erased, late) == "a1"
    assert event_handlers.erased_actor(erased, joined("a2")) is None
    assert event_handlers.erased_actor(erased, created()) is None


class NoActorReads(FakeReadModels):
    def actor(self, actor_id: str) -> dict | None:
        raise AssertionError("the entry just written is known: no read")


def test_the_erasure_is_known_from_the_directory_entry_the_event_was_just_written_to() -> None:
    erasure = envelope("ActorErased", actor_id="a1")
    late = joined("a1", at="2016-01-01T00:00:00Z")
    built = state.rebuild([joined("a1"), erasure, late])
    written = {(state.ACTORS, "a1"): built[state.ACTORS]["a1"]}
    assert event_handlers.erased_actor(NoActorReads(built), late, written) == "a1"
    fresh = {(state.ACTORS, "a2"): state.rebuild([joined("a2")])[state.ACTORS]["a2"]}
    assert event_handlers.erased_actor(NoActorReads(built), joined("a2"), fresh) is None


def test_the_event_that_creates_a_document_finds_it_there_and_applies_once(stores: dict) -> None:
    first = created()
    assert state.creates(state.INITIATIVES, first)
    event_handlers.project_event(stores, first)
    event_handlers.project_event(stores, joined("a1"))
    event_handlers.project_event(stores, first)  # redelivered: AlreadyExists, read, a duplicate
    model = stores[state.INITIATIVES].get(INITIATIVE)
    assert (model["version"], model["actors"]["active_total"]) == (2, 1)
    assert stores[state.SUMMARIES].documents[INITIATIVE]["version"] == 2
