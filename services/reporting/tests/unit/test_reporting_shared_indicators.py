"""Goals grouped by the managed shared indicator they name (indicator_id), older goals by
their free-text name (joining the managed indicator whose name it is), sub-goals left out."""
from __future__ import annotations

import pytest
from reporting_samples import envelope, small_initiative

from reporting.domain.indicators import indicator_groups
from reporting.domain.projections import state
from reporting.domain.viewer import Viewer
from reporting.rendering.dashboard import dashboard_html
from reporting.rendering.exports import goal_rows
from samskab_infra.context import Principal

pytestmark = pytest.mark.unit

NATIONAL = Viewer(Principal.of("nfc@politi.dk", "national_centre"))


def goal_set(initiative_id: str, goal_id: str, **goal) -> dict:
    example = envelope("GoalSet")["data"]["goal"]
    return envelope("GoalSet", initiative_id=initiative_id,
                    goal={**example, "goal_id": goal_id, "platform_id": f"platform-{initiative_id}",
                          **goal})


def measured(initiative_id: str, goal_id: str, value: float, **fields) -> dict:
    return envelope("GoalProgressRecorded", initiative_id=initiative_id, goal_id=goal_id,
                    platform_id=f"platform-{initiative_id}", value=value, date="2022-12-31",
                    at="2023-01-05T08:00:00Z", **fields)


@pytest.fixture(scope="module")
def models() -> list[dict]:
    events = [
        *small_initiative("a", "nordjylland", "co_creative_development"),
        *small_initiative("b", "fyn", "co_creative_development"),
        *small_initiative("c", "fyn", "co_creative_development"),
        # a: the managed indicator, with a quarterly milestone under it
        goal_set("a", "a-year", indicator_id="burglaries_reported", baseline_value=400.0,
                 target_value=200.0, target_date="2022-12-31"),
        goal_set("a", "a-q1", indicator_id="burglaries_reported", parent_goal_id="a-year",
                 baseline_value=400.0, target_value=350.0, target_date="2022-03-31"),
        measured("a", "a-year", 300.0, indicator_id="burglaries_reported", baseline_value=400.0,
                 target_value=200.0, target_date="2022-12-31"),
        # b: an older goal whose free-text name is the managed indicator's English name
        goal_set("b", "b-1", indicator_id=None, indicator="burglaries reported (homes)",
                 baseline_value=100.0, target_value=50.0),
        # c: a free-text name of its own
        goal_set("c", "c-1", indicator_id=None, indicator="Tyverier i butikker"),
    ]
    return list(state.rebuild(events)[state.INITIATIVES].values())


def test_goals_are_grouped_by_the_managed_indicator_and_milestones_are_left_out(models):
    groups = {g["key"]: g for g in indicator_groups(models)}
    burglaries = groups["burglaries_reported"]
    assert burglaries["indicator"] == "Anmeldte indbrud i beboelse"
    assert burglaries["indicator_id"] == "burglaries_reported" and burglaries["initiatives"] == 2
    assert {r["goal_id"] for r in burglaries["rows"]} == {"a-year", "b-1"}
    assert {r["change_pct"] for r in burglaries["rows"]} == {-25.0, None}
    # three initiatives still share the old free-text burglary goal of small_initiative
    assert groups["anmeldte indbrud i beboelse pr. år"]["initiatives"] == 3
    assert "tyverier i butikker" not in groups  # one initiative alone is no comparison


def test_the_goal_model_and_export_carry_the_indicator_target_date_and_parent(models):
    rows = {r["goal_id"]: r for r in goal_rows(models, viewer=NATIONAL)}
    assert rows["a-q1"]["parent_goal_id"] == "a-year" and rows["a-q1"]["target_date"] == "2022-03-31"
    assert rows["a-year"]["indicator_id"] == "burglaries_reported"
    assert rows["b-1"]["indicator_id"] is None


def test_the_dashboard_names_the_managed_indicator_in_the_readers_language(models):
    assert "Burglaries reported (homes) (reports)" in dashboard_html(models, viewer=NATIONAL, lang="en")
    assert "Anmeldte indbrud i beboelse (anmeldelser)" in dashboard_html(models, viewer=NATIONAL)
