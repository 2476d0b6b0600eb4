"""Initiatives across police districts in reporting, from the events alone: a cross-district
initiative counts once nationally and in each of its districts' figures; an operator of a
participating district sees it, one of a district not taking part does not."""
from __future__ import annotations

import pytest
from reporting_samples import created, envelope

from reporting.domain import rollup, views
from reporting.domain.projections import initiative, summary
from reporting.domain.viewer import Viewer
from samskab_contracts.responses.reporting import InitiativeReportSchema, RollupSchema
from samskab_infra.context import Grant, Principal

pytestmark = pytest.mark.unit

LEAD = {"district": "nordjylland"}


def run(envelopes: list[dict]) -> dict:
    model = None
    for env in envelopes:
        model = initiative.apply(model, env)
    return model


def story() -> list[dict]:
    return [
        created(at="2019-01-01T00:00:00Z"),
        envelope("ParticipatingDistrictAdded", **LEAD, at="2019-02-01T00:00:00Z", participating_district="fyn",
                 districts=["nordjylland", "fyn"], scope="cross_district"),
        envelope("ParticipatingDistrictAdded", **LEAD, at="2019-03-01T00:00:00Z",
                 participating_district="koebenhavn", districts=["nordjylland", "fyn", "koebenhavn"],
                 scope="cross_district"),
        envelope("InitiativeScopeSet", **LEAD, at="2019-04-01T00:00:00Z", scope="national",
                 previous_scope="cross_district", districts=["nordjylland", "fyn", "koebenhavn"], reason=None),
        envelope("ParticipatingDistrictRemoved", **LEAD, at="2019-05-01T00:00:00Z", participating_district="fyn",
                 districts=["nordjylland", "koebenhavn"], scope="national"),
    ]


def test_the_latest_reach_wins_whatever_the_arrival_order_and_a_left_district_is_remembered():
    for model in (run(story()), run(list(reversed(story())))):
        assert model["districts"] == ["nordjylland", "koebenhavn"]
        assert model["participating_districts"] == ["koebenhavn"] and model["scope"] == "national"
        assert model["districts_seen"] == ["fyn", "koebenhavn", "nordjylland"]
    report = views.initiative_view(run(story()), exact=True)
    assert report["districts"] == ["nordjylland", "koebenhavn"] and report["scope"] == "national"
    assert InitiativeReportSchema().validate(report) == {}


def test_a_local_initiative_has_its_lead_district_only():
    model = run([created(at="2019-01-01T00:00:00Z")])
    assert model["districts"] == ["nordjylland"] and model["scope"] == "local"


def test_it_counts_once_nationally_and_in_each_of_its_districts():
    national = summary.summarise(run(story()))
    local = summary.summarise(run([created(at="2019-01-01T00:00:00Z", initiative_id="other")]))
    models = [national, local]
    everything = rollup.rollup(models)
    assert everything["initiatives"]["value"] == 2
    scopes = everything["by_scope"]["cells"]
    assert (scopes["national"]["value"], scopes["local"]["value"], scopes["cross_district"]["value"]) == (1, 1, 0)
    totals = everything["by_district_and_phase"]["row_totals"]
    assert (totals["nordjylland"]["value"], totals["koebenhavn"]["value"]) == (2, 0), \
        "nationally once, under its lead district"
    copenhagen = rollup.rollup(models, scope="koebenhavn")
    assert copenhagen["initiatives"]["value"] == 1 and copenhagen["participating"]["value"] == 1
    assert rollup.rollup(models, scope="fyn")["initiatives"]["value"] == 0
    assert rollup.rollup(models, scope="nordjylland")["participating"]["value"] == 0
    for figures in (everything, copenhagen):
        assert RollupSchema().validate(figures) == {}


def test_an_operator_of_a_participating_district_sees_it_exactly_and_others_do_not():
    model = run(story())
    copenhagen = Viewer(Principal("op", (Grant("district_operator", "koebenhavn"),)))
    funen = Viewer(Principal("op", (Grant("district_operator", "fyn"),)))
    assert copenhagen.shows_model(model) and copenhagen.exact_for_model(model)
    assert not funen.shows_model(model) and not funen.exact_for_model(model)
