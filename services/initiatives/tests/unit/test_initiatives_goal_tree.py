"""Goals measured by a shared indicator, target dates, and sub-goals (quarterly milestones)
that roll up to their parent goal and through it to the platform's status."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, add_platform, in_phase, qualitative, quantitative, types, violates

from initiatives.domain.goal_tree import roll_up

pytestmark = pytest.mark.unit

YEAR = quantitative(indicator=None, unit=None, direction=None, indicator_id="burglaries_reported",
                    target_date="2022-12-31")


def quarter(n: int, target: float, **overrides) -> dict:
    return quantitative(**{"platform_id": None, "parent_goal_id": "g-year", "title": f"Kvartal {n}",
                           "target_value": target, "target_date": f"2022-{3 * n:02d}-28",
                           **overrides})


@pytest.fixture
def developing():
    initiative = in_phase("co_creative_development")
    initiative.set_goal("g-year", YEAR, by=BY, now=NOW)
    initiative.pending_events.clear()
    return initiative


def test_a_shared_indicator_gives_the_goal_its_name_unit_and_direction(developing):
    goal = developing.goal("g-year")
    assert (goal.indicator, goal.unit, goal.direction) == (
        "Anmeldte indbrud i beboelse", "anmeldelser", "down")
    assert goal.indicator_id == "burglaries_reported" and goal.target_date == "2022-12-31"
    developing.set_goal("g-own", quantitative(indicator_id="burglaries_reported"), by=BY, now=NOW)
    own = developing.goal("g-own")
    assert (own.indicator, own.indicator_id) == ("Anmeldte indbrud pr. år", "burglaries_reported")
    assert developing.pending_events[0].data["goal"]["indicator_id"] == "burglaries_reported"


@pytest.mark.parametrize("spec, code", [
    (quantitative(indicator_id="happiness"), "goal.indicator.unknown"),
    (qualitative(indicator_id="feeling_of_safety"), "goal.field_not_applicable"),
    (quantitative(target_date="31-12-2022"), "date.invalid"),
    (quarter(1, 300, parent_goal_id="g-404"), "goal.parent.not_found"),
    (quarter(1, 300, kind="process"), "goal.parent.other_kind"),
    (quarter(1, 300, target_date="2023-03-31"), "goal.target_date.after_parent"),
])
def test_definition_rules_of_the_new_fields(developing, spec, code):
    with violates(code):
        developing.set_goal("g-x", spec, by=BY, now=NOW)
    assert "g-x" not in developing.goals and developing.pending_events == []


def test_a_sub_goal_belongs_to_its_parents_platform(developing):
    add_platform(developing, "p-2", "Byggemarkeder")
    with violates("goal.parent.other_platform"):
        developing.set_goal("g-x", quarter(1, 300, platform_id="p-2"), by=BY, now=NOW)
    developing.set_goal("g-q1", quarter(1, 300), by=BY, now=NOW)
    assert developing.goal("g-q1").platform_id == "p-1"
    assert developing.pending_events[-1].data["goal"]["parent_goal_id"] == "g-year"


def test_sub_goals_roll_up_to_a_parent_without_progress_of_its_own(developing):
    developing.set_goal("g-q1", quarter(1, 350), by=BY, now=NOW)
    developing.set_goal("g-q2", quarter(2, 300), by=BY, now=NOW)
    developing.record_measurement("g-q1", "2022-03-28", 340, None, by=BY, now=NOW)
    parent = developing.goal("g-year")
    assert roll_up(developing.goals, parent) == {
        "goal_id": "g-year", "met": False, "sub_goals": 2, "sub_goals_met": 1,
        "next_target_date": "2022-06-28"}
    assert "PlatformGoalReached" not in types(developing)
    developing.record_measurement("g-q2", "2022-06-28", 290, None, by=BY, now=NOW)
    assert roll_up(developing.goals, parent)["met"] is True
    assert types(developing)[-1] == "PlatformGoalReached"
    assert developing.platforms["p-1"].status == "goals_reached" and developing.eligible_to_close
    progress = [e.data for e in developing.pending_events if e.type_name() == "GoalProgressRecorded"]
    assert progress[-1]["parent_goal_id"] == "g-year" and progress[-1]["target_date"] == "2022-06-28"


def test_a_missed_milestone_does_not_hold_back_a_parent_that_is_met_by_its_own_measurement(developing):
    developing.set_goal("g-q1", quarter(1, 350), by=BY, now=NOW)
    developing.record_measurement("g-q1", "2022-03-28", 380, "over milepælen", by=BY, now=NOW)
    developing.record_measurement("g-year", "2022-12-31", 70, None, by=BY, now=NOW)
    assert types(developing)[-1] == "PlatformGoalReached"
    developing.set_goal("g-q4", quarter(4, 60), by=BY, now=NOW)
    assert developing.platforms["p-1"].status == "goals_reached"


def test_a_new_unmet_sub_goal_takes_a_rolled_up_parent_back_to_unmet(developing):
    developing.set_goal("g-q1", quarter(1, 350), by=BY, now=NOW)
    developing.record_measurement("g-q1", "2022-03-28", 340, None, by=BY, now=NOW)
    assert developing.platforms["p-1"].status == "goals_reached"
    developing.set_goal("g-q2", quarter(2, 300), by=BY, now=NOW)
    assert types(developing)[-1] == "PlatformGoalUnmet"
    assert developing.pending_events[-1].data["unmet_goal_ids"] == ["g-year"]


def test_target_dates_are_adjusted_within_the_parent(developing):
    developing.set_goal("g-q2", quarter(2, 300), by=BY, now=NOW)
    with violates("goal.target_date.before_sub_goals"):
        developing.adjust_goal("g-year", {"target_date": "2022-05-31"}, "tidligere", by=BY, now=NOW)
    assert developing.goal("g-year").target_date == "2022-12-31"
    developing.adjust_goal("g-q2", {"target_date": "2022-06-30"}, "kvartalets sidste dag", by=BY, now=NOW)
    assert developing.pending_events[-1].data["changes"] == {
        "target_date": {"from": "2022-06-28", "to": "2022-06-30"}}


def test_another_shared_indicator_brings_its_name_and_unit(developing):
    developing.adjust_goal("g-year", {"indicator_id": "crimes_reported"}, "bredere mål", by=BY, now=NOW)
    goal = developing.goal("g-year")
    assert (goal.indicator, goal.unit, goal.indicator_id) == (
        "Anmeldte forbrydelser i området", "anmeldelser", "crimes_reported")
    assert set(developing.pending_events[-1].data["changes"]) == {"indicator_id", "indicator"}


def test_the_closing_evaluation_judges_a_parent_by_its_sub_goals(developing):
    developing.set_goal("g-q1", quarter(1, 350), by=BY, now=NOW)
    developing.record_measurement("g-q1", "2022-03-28", 340, None, by=BY, now=NOW)
    developing.advance_phase("closing", "målene er nået", by=BY, now=NOW)
    developing.close("Målene er nået", by=BY, now=NOW)
    [platform] = developing.pending_events[-1].data["evaluation"]
    goals = {g["goal_id"]: g for g in platform["goals"]}
    assert platform["goals_reached"] and goals["g-year"]["met"] is True
    assert goals["g-q1"]["parent_goal_id"] == "g-year"
