"""Revisions and pauses in reporting, from the events alone (Bryd fødekæden til banderne:
its focus moved from Bispehaven to Herredsvang, and it stood by during COVID-19)."""
from __future__ import annotations

import pytest
from reporting_samples import created, envelope

from reporting.domain import rollup, views
from reporting.domain.projections import initiative, summary
from reporting.rendering.catalogue_content import section
from samskab_contracts.responses.reporting import InitiativeReportSchema, RollupSchema

pytestmark = pytest.mark.unit

START = "2019-01-01T00:00:00Z"
AARHUS = {"district": "nordjylland"}


def story() -> list[dict]:
    return [
        created(at=START, focus_area="Bispehaven"),
        envelope("InitiativeRevised", **AARHUS, at="2019-06-01T00:00:00Z", changed_fields=["focus_area"],
                 focus_area="Herredsvang", previous={"focus_area": "Bispehaven"}),
        envelope("ChallengeRevised", **AARHUS, at="2019-03-01T00:00:00Z", revision=2,
                 challenge="Unge rekrutteres til bander i Herredsvang.", challenge_perspectives=[]),
        envelope("InitiativePaused", **AARHUS, at="2020-03-12T00:00:00Z"),
        envelope("InitiativeResumed", **AARHUS, at="2020-09-01T00:00:00Z", paused_at="2020-03-12T00:00:00Z",
                 days_paused=173.0),
        envelope("InitiativePaused", **AARHUS, at="2021-01-01T00:00:00Z"),
    ]


def run(envelopes: list[dict]) -> dict:
    model = None
    for env in envelopes:
        model = initiative.apply(model, env)
    return model


def test_days_paused_are_apart_from_days_active_whatever_the_arrival_order():
    in_order, reversed_order = run(story()), run(list(reversed(story())))
    for model in (in_order, reversed_order):
        assert model["focus_area"] == "Herredsvang"
        assert model["challenge"] == "Unge rekrutteres til bander i Herredsvang."
        assert model["days_paused"] == 173.0 and model["paused_since"] == "2021-01-01T00:00:00Z"
        assert [p["days"] for p in model["pauses"]] == [173.0, None]
    report = views.initiative_view(in_order, exact=True, now="2021-01-11T00:00:00Z")
    assert report["days_paused"] == 183.0
    assert report["days_active"] == 741.0 - 183.0
    assert report["challenge_history"][0]["previous_challenge"] == "Utryghed i Gullestrup."
    assert InitiativeReportSchema().validate(report) == {}


def test_resuming_ends_the_running_pause_and_the_rollup_counts_standby():
    resumed = run([*story(), envelope("InitiativeResumed", **AARHUS, at="2021-03-01T00:00:00Z",
                                      paused_at="2021-01-01T00:00:00Z", days_paused=59.0)])
    assert resumed["paused_since"] is None and resumed["days_paused"] == 232.0
    report = views.initiative_view(resumed, now="2021-03-01T00:00:00Z")
    assert (report["days_paused"], report["days_active"]) == (232.0, 790.0 - 232.0)
    paused = run(story())
    figures = rollup.rollup([summary.summarise(resumed), summary.summarise(paused)])
    assert figures["paused"]["value"] == 1 and figures["days_paused"]["value"] == 405.0
    assert RollupSchema().validate(figures) == {}


def test_the_case_catalogue_names_the_area_and_the_standby():
    facts = dict(section(views.initiative_view(run(story()), exact=True), "da")["facts"])
    assert facts["Område"] == "Herredsvang"
    assert facts["Status"] == "Aktivt – Sat i bero siden 2021-01-01"
    assert facts["Dage i bero"] == "173"
