"""Use cases: projecting envelopes through the outbox store, and the queries' suppression."""
from __future__ import annotations

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

from reporting import handlers
from reporting.domain.projections import state
from samskab_common.context import Context, Principal
from samskab_common.errors import NotFound, ValidationFailed
from samskab_common.testing import InMemoryAggregateStore

pytestmark = pytest.mark.unit

NATIONAL = Context(correlation_id="c", principal=Principal.of("nfc@politi.dk", "national_centre"),
                   now="2024-05-01T10:00:00Z")
FYN = Context(correlation_id="c", principal=Principal.of("op@politi.dk", "district_operator",
                                                      district="fyn"))


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
        assert handlers.project_event(stores, env) == []
    crossing = activity("solo", {"a1": 1})
    raised = handlers.project_event(stores, crossing)
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
    assert handlers.project_event(stores, crossing) == []  # duplicate: nothing written
    assert initiatives.get(INITIATIVE)["version"] == version
    assert summaries.calls == calls + 1 and summaries.documents[INITIATIVE] == summary  # re-put
    assert stores[state.ACTORS].get("a1")["name"] == "Firma"


def test_project_event_ignores_events_it_does_not_read(stores: dict) -> None:
    assert handlers.project_event(stores, {"event_id": "e", "type": "Unknown", "data": {}}) == []
    assert stores[state.INITIATIVES].documents == {}


def test_viewer_district_follows_the_role() -> None:
    assert handlers.viewer_district(NATIONAL) is None
    assert handlers.viewer_district(FYN) == "fyn"
    partner = Context(correlation_id="c", principal=Principal.of("p", "partner", district="fyn"))
    assert handlers.viewer_district(partner) is None


def test_rollup_query_suppresses_for_other_districts(read_models: FakeReadModels) -> None:
    own = handlers.get_rollup(read_models, {"district": "fyn"}, FYN)
    assert own["initiatives"] == {"value": 2, "suppressed": False}
    national = handlers.get_rollup(read_models, {}, NATIONAL)
    assert national["suppressed_view"] is True
    with pytest.raises(ValidationFailed) as failure:
        handlers.get_rollup(read_models, {"district": "atlantis"}, NATIONAL)
    assert "district" in failure.value.details


def test_initiative_query(read_models: FakeReadModels) -> None:
    view = handlers.get_initiative(read_models, {"initiative_id": "fyn-0"}, FYN)
    assert view["actors"]["active_by_kind"]["cells"]["citizen"]["value"] == 3
    outside = handlers.get_initiative(read_models, {"initiative_id": "fyn-0"}, NATIONAL)
    assert outside["actors"]["active_by_kind"]["cells"]["citizen"]["suppressed"] is True
    assert outside["phase_days"]["mapping"] > 2000  # time so far in the current phase
    assert "anchor_handovers" not in outside["counts"] and "anchor_handovers" in view["counts"]
    assert outside["platforms"][0]["active_actors"] == {"value": 0, "suppressed": False}
    with pytest.raises(NotFound):
        handlers.get_initiative(read_models, {"initiative_id": "nope"}, NATIONAL)


def test_documents_and_exports(read_models: FakeReadModels) -> None:
    page = handlers.get_catalogue(read_models, {"lang": "en"}, NATIONAL)
    assert page["content_type"].startswith("text/html") and "What was hard?" in page["body"]
    markdown = handlers.get_catalogue(read_models, {"format": "markdown", "district": "fyn"}, FYN)
    assert markdown["body"].startswith("# Casekatalog – Fyns Politi")
    dashboard = handlers.get_dashboard(read_models, {"district": "fyn", "lang": "da"}, FYN)
    assert "Overblik – Fyns Politi" in dashboard["body"]
    export = handlers.get_export(read_models, {"name": "goals", "format": "json"}, NATIONAL)
    assert export["filename"] == "samskab-goals-national.json"
    with pytest.raises(ValidationFailed):
        handlers.get_export(read_models, {"name": "goals", "format": "xlsx"}, NATIONAL)


def test_phase_counts(read_models: FakeReadModels) -> None:
    assert handlers.phase_counts(read_models)["closing"] == 2


def test_the_event_log_forgets_an_actor_after_its_erasure_whenever_its_events_arrive() -> None:
    erasure = envelope("ActorErased", actor_id="a1")
    built = state.rebuild([joined("a1"), joined("a2")])
    assert handlers.erased_actor(FakeReadModels(built), erasure) == "a1"
    assert handlers.erased_actor(FakeReadModels(built), joined("a1")) is None
    late = joined("a1", at="2016-01-01T00:00:00Z")  # about the actor, arriving after its erasure
    erased = FakeReadModels(state.rebuild([joined("a1"), erasure, late]))
    assert handlers.erased_actor(erased, late) == "a1"
    assert handlers.erased_actor(erased, joined("a2")) is None
    assert handlers.erased_actor(erased, created()) is None
