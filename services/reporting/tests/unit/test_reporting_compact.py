"""Roll-ups, dashboard and exports from the compact summaries and the per-scope figures
answer exactly as the same functions over the full read models (the path before the
summaries), for every kind of viewer, including small counts that are suppressed."""
from __future__ import annotations

import json

import pytest
from reporting_fakes import FakeReadModels
from reporting_samples import hjoerring_story, portfolio

from reporting.domain.projections import state
from reporting.domain.projections.summary import summarise
from reporting.domain.rollup import initiatives_by_phase, rollup
from reporting.domain.viewer import EVERYTHING, Viewer
from reporting.handlers import queries
from reporting.handlers.queries import list_initiatives
from reporting.rendering import exports
from reporting.rendering.dashboard import dashboard_html
from samskab_dev import synthetic
from samskab_infra.context import Context, Principal

pytestmark = pytest.mark.unit

NOW = "2024-05-01T10:00:00Z"
VIEWERS = {
    "national_centre": Principal.of("nfc@politi.dk", "national_centre"),
    "fyn_operator": Principal.of("op@politi.dk", "district_operator", district="fyn"),
    "nordjylland_coordinator": Principal.of("k@politi.dk", "coordinator", initiatives=("nj-0",)),
    "fyn_partner": Principal.of("p@firma.dk", "partner", district="fyn"),
}


@pytest.fixture(scope="module")
def built() -> dict:
    events = list(synthetic.history(3, 70, seed=17)) + hjoerring_story() + portfolio()
    return state.rebuild(events)


def context(viewer: str) -> Context:
    return Context(correlation_id="c", principal=VIEWERS[viewer], now=NOW)


@pytest.mark.parametrize("viewer", sorted(VIEWERS))
@pytest.mark.parametrize("scope", [None, "fyn", "nordjylland", "bornholm", "koebenhavn"])
def test_the_compact_path_answers_as_the_full_models_do(built, scope, viewer) -> None:
    models = list(built[state.INITIATIVES].values())
    ctx = context(viewer)
    seen_by = Viewer(ctx.principal)
    new = FakeReadModels(built)
    payload = {"district": scope}

    assert queries.get_rollup(new, payload, ctx) == rollup(models, scope=scope, viewer=seen_by)
    for lang in ("da", "en"):
        assert queries.get_dashboard(new, {**payload, "lang": lang}, ctx)["body"] == dashboard_html(
            models, scope=scope, viewer=seen_by, lang=lang, generated_at=NOW)
    for name in ("initiatives", "goals", "rollup"):
        for fmt in ("csv", "json"):
            answer = queries.get_export(new, {**payload, "name": name, "format": fmt}, ctx)
            assert answer["body"] == exports.export(name, fmt, models, scope=scope,
                                                    viewer=seen_by.as_open_data()), (name, fmt)


def test_the_comparison_covers_suppression_and_every_table(built) -> None:
    models = list(built[state.INITIATIVES].values())
    national = rollup(models, viewer=Viewer(VIEWERS["national_centre"]))
    assert national["by_phase"]["total"]["value"] == len(models)
    assert rollup(models, scope="koebenhavn")["actors_by_kind"]["rows"]["citizen"]["active"]["suppressed"]
    rows = exports.initiative_rows(models, viewer=EVERYTHING.as_open_data())
    assert any(r["suppressed_columns"] == ["actors_active"] for r in rows)
    assert any(g["rows"] for g in national["shared_indicators"])
    assert national["actors_by_kind"]["rows"] and national["median_days_in_phase"]
    assert '<polyline' in dashboard_html(models)  # the reality-check trend has points


def test_the_list_and_the_metrics_read_the_summaries_alike(built) -> None:
    models = list(built[state.INITIATIVES].values())
    new = FakeReadModels(built)
    assert queries.phase_counts(new) == initiatives_by_phase(models)
    listed = list_initiatives(new, {"district": "nordjylland", "limit": 100}, context("national_centre"))
    ids = sorted(m["initiative_id"] for m in models
                 if m["district"] == "nordjylland" and m.get("created_at"))
    assert [i["initiative_id"] for i in listed["items"]] == ids
    first = built[state.INITIATIVES][ids[0]]
    assert listed["items"][0]["influence"]["gini"] == first["influence"]["gini"]


def test_a_summary_is_compact_pure_and_keeps_what_the_readers_need(built) -> None:
    models = list(built[state.INITIATIVES].values())
    full = sum(len(json.dumps(m)) for m in models)
    compact = sum(len(json.dumps(summarise(m))) for m in models)
    assert compact * 4 < full
    model = next(m for m in models if m.get("closure") and m.get("goal_status"))
    summary = summarise(model)
    assert summary == summarise(json.loads(json.dumps(model)))
    assert summary["closure"] == {"at": model["closure"]["at"]}
    goal = next(iter(summary["goal_status"].values()))
    assert "series" not in goal and "description" not in goal
    assert set(goal["latest"]) == {"date", "value", "level"}
    assert "participation" not in summary and "facts" not in json.dumps(summary)
