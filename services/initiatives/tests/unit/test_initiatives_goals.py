"""Baselines, process and effect goals, measurements, assessments, adjustments and
the platform status that follows (PlatformGoalReached once, PlatformGoalUnmet)."""
from __future__ import annotations

import pytest
from initiatives_samples import (
    BY,
    NOW,
    add_platform,
    in_phase,
    missing,
    qualitative,
    quantitative,
    types,
    violates,
)

from initiatives.domain.goals import Goal

pytestmark = pytest.mark.unit


@pytest.fixture
def developing():
    return in_phase("co_creative_development")


def test_the_baseline_is_described_with_a_date_and_kept_on_revision():
    initiative = in_phase("establishment", platform=False)
    add_platform(initiative, baseline=False)
    initiative.describe_baseline("p-1", "420 indbrud", "2016-12-31", by=BY, now=NOW)
    initiative.describe_baseline("p-1", "412 indbrud (rettet)", "2016-12-31", by=BY, now=NOW)
    baseline = initiative.platforms["p-1"].baseline
    assert baseline["description"] == "412 indbrud (rettet)"
    assert [r["description"] for r in baseline["revisions"]] == ["420 indbrud"]
    assert initiative.pending_events[-1].data == {
        "initiative_id": "i-1", "district": "nordjylland", "by": BY, "at": NOW, "platform_id": "p-1",
        "description": "412 indbrud (rettet)", "date": "2016-12-31"}


def test_an_initiative_level_baseline_and_its_date_rules():
    initiative = in_phase("start_up", platform=False)
    initiative.describe_baseline(None, "Stigende indbrud nord for Limfjorden", "2015-06-01", by=BY, now=NOW)
    assert initiative.baseline["date"] == "2015-06-01"
    with violates("baseline.date_in_future"):
        initiative.describe_baseline(None, "x", "2023-01-16", by=BY, now=NOW)
    with violates("date.invalid"):
        initiative.describe_baseline(None, "x", "15/06/2015", by=BY, now=NOW)
    with missing("platform.not_found"):
        initiative.describe_baseline("p-404", "x", "2015-06-01", by=BY, now=NOW)


def test_a_process_goal_may_belong_to_the_initiative_and_is_year_one():
    initiative = in_phase("start_up", platform=False)
    goal = initiative.set_goal("g-0", {"kind": "process", "goal_type": "qualitative", "platform_id": None,
                                       "title": "Arbejdsgruppen mestrer metoden", "target_level": 4},
                               by=BY, now=NOW)
    assert goal.year == 1 and goal.platform_id is None
    event = initiative.pending_events[-1]
    assert event.type_name() == "GoalSet" and event.data["goal"]["kind"] == "process"


def test_an_effect_goal_is_year_two_and_carries_the_whole_goal(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    [event] = developing.pending_events
    assert event.data["goal"] == {
        "goal_id": "g-1", "platform_id": "p-1", "kind": "effect", "year": 2, "goal_type": "quantitative",
        "title": "Færre indbrud i beboelse", "description": None, "indicator": "Anmeldte indbrud pr. år",
        "unit": "anmeldelser", "baseline_value": 420.0, "target_value": 100.0, "direction": "down",
        "target_level": None, "indicator_id": None, "target_date": None, "parent_goal_id": None}


@pytest.mark.parametrize("spec, code", [
    (quantitative(platform_id=None), "goal.effect.platform_required"),
    (quantitative(indicator=None), "goal.quantitative.indicator_required"),
    (quantitative(direction=None), "goal.quantitative.direction_required"),
    (quantitative(direction="sideways"), "goal.direction.unknown"),
    (quantitative(target_value=500), "goal.target.direction_mismatch"),
    (quantitative(direction="up"), "goal.target.direction_mismatch"),
    (quantitative(target_level=3), "goal.field_not_applicable"),
    (qualitative(target_level=None), "goal.qualitative.target_level_required"),
    (qualitative(target_level=6), "goal.target_level.out_of_scale"),
    (qualitative(target_value=10), "goal.field_not_applicable"),
    (qualitative(kind="outcome"), "goal.kind.unknown"),
    (qualitative(goal_type="mixed"), "goal.type.unknown"),
    (qualitative(title="x" * 201), "text.too_long"),
])
def test_goal_definition_rules(developing, spec, code):
    with violates(code):
        developing.set_goal("g-x", spec, by=BY, now=NOW)
    assert developing.goals == {} and developing.pending_events == []


def test_a_goal_on_a_platform_that_does_not_exist(developing):
    with missing("platform.not_found"):
        developing.set_goal("g-x", quantitative(platform_id="p-404"), by=BY, now=NOW)


def test_effect_goals_need_the_platforms_baseline_first(developing):
    add_platform(developing, "p-2", "Byggemarkeder", baseline=False)
    with violates("goal.effect.baseline_required"):
        developing.set_goal("g-x", qualitative(platform_id="p-2"), by=BY, now=NOW)


def test_a_quantitative_goal_is_met_when_the_latest_measurement_reaches_the_target(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.record_measurement("g-1", "2021-12-31", 90, None, by=BY, now=NOW)
    developing.record_measurement("g-1", "2020-12-31", 150, "older, recorded later", by=BY, now=NOW)
    assert developing.goal("g-1").latest()["value"] == 90.0
    assert developing.goal("g-1").is_met()
    developing.record_measurement("g-1", "2022-12-31", 101, None, by=BY, now=NOW)
    assert not developing.goal("g-1").is_met()
    developing.record_measurement("g-1", "2023-01-01", 100, "exactly the target", by=BY, now=NOW)
    assert developing.goal("g-1").is_met()


def test_direction_up_goals(developing):
    developing.set_goal("g-2", quantitative(title="Nabohjælp-husstande", baseline_value=500,
                                            target_value=2000, direction="up"), by=BY, now=NOW)
    developing.record_measurement("g-2", "2019-01-01", 1999, None, by=BY, now=NOW)
    assert not developing.goal("g-2").is_met()
    developing.record_measurement("g-2", "2019-06-01", 2000, None, by=BY, now=NOW)
    assert developing.goal("g-2").is_met()


def test_progress_events_carry_value_baseline_target_direction_and_met(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.pending_events.clear()
    developing.record_measurement("g-1", "2022-12-31", 70, "70 anmeldelser i 2022", by=BY, now=NOW)
    progress = developing.pending_events[0].data
    assert (progress["value"], progress["baseline_value"], progress["target_value"]) == (70.0, 420.0, 100.0)
    assert progress["direction"] == "down" and progress["met"] is True and progress["level"] is None
    assert progress["assessment"] == "70 anmeldelser i 2022"


def test_measurements_rules(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.set_goal("g-q", qualitative(), by=BY, now=NOW)
    with violates("goal.measurement.qualitative_goal"):
        developing.record_measurement("g-q", "2022-01-01", 3, None, by=BY, now=NOW)
    with violates("goal.measurement.date_in_future"):
        developing.record_measurement("g-1", "2023-01-16", 3, None, by=BY, now=NOW)
    with violates("goal.assessment.quantitative_goal"):
        developing.record_assessment("g-1", "2022-01-01", 3, "ok", by=BY, now=NOW)
    with missing("goal.not_found"):
        developing.record_measurement("g-404", "2022-01-01", 3, None, by=BY, now=NOW)
    assert developing.goal("g-1").progress == [] and developing.goal("g-q").progress == []


def test_a_measurement_dated_today_is_allowed(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.record_measurement("g-1", "2023-01-15", 99, None, by=BY, now=NOW)
    assert developing.goal("g-1").is_met()


def test_a_qualitative_goal_is_met_when_the_latest_assessment_reaches_the_target_level(developing):
    developing.set_goal("g-q", qualitative(), by=BY, now=NOW)
    developing.record_assessment("g-q", "2021-06-01", 3, "Halvdelen kender rådene", by=BY, now=NOW)
    assert not developing.goal("g-q").is_met()
    developing.record_assessment("g-q", "2022-06-01", 4, "De fleste kender rådene", by=BY, now=NOW)
    assert developing.goal("g-q").is_met()
    with violates("goal.assessment.out_of_scale"):
        developing.record_assessment("g-q", "2022-06-01", 0, "?", by=BY, now=NOW)
    with violates("text.required"):
        developing.record_assessment("g-q", "2022-06-01", 4, " ", by=BY, now=NOW)
    with violates("goal.assessment.date_in_future"):
        developing.record_assessment("g-q", "2024-01-01", 4, "x", by=BY, now=NOW)


def test_adjustments_keep_history_and_never_overwrite(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.pending_events.clear()
    developing.adjust_goal("g-1", {"target_value": 80}, "Nabohjælp er udbredt hurtigere", by=BY, now=NOW)
    developing.adjust_goal("g-1", {"target_value": 75, "description": "Skærpet"}, "Ny viden", by=BY, now=NOW)
    goal = developing.goal("g-1")
    assert goal.target_value == 75.0
    assert [a["changes"] for a in goal.adjustments] == [
        {"target_value": {"from": 100.0, "to": 80.0}},
        {"target_value": {"from": 80.0, "to": 75.0}, "description": {"from": None, "to": "Skærpet"}}]
    assert goal.adjustments[0]["reason"] == "Nabohjælp er udbredt hurtigere"
    event = developing.pending_events[0]
    assert event.type_name() == "GoalAdjusted" and event.data["goal"]["target_value"] == 80.0


@pytest.mark.parametrize("changes, code", [
    ({"target_value": 100}, "goal.adjustment.no_change"),
    ({"goal_type": "qualitative"}, "goal.adjustment.field_not_adjustable"),
    ({"target_level": 4}, "goal.field_not_applicable"),
    ({"target_value": 900}, "goal.target.direction_mismatch"),
    ({"unit": None}, "goal.quantitative.unit_required"),
])
def test_adjustment_rules_leave_the_goal_unchanged(developing, changes, code):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    before = developing.goal("g-1").to_dict()
    with violates(code):
        developing.adjust_goal("g-1", changes, "why", by=BY, now=NOW)
    assert developing.goal("g-1").to_dict() == before


def test_an_adjustment_needs_a_reason(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    with violates("text.required"):
        developing.adjust_goal("g-1", {"target_value": 80}, "", by=BY, now=NOW)


def test_platform_goal_reached_is_raised_once_and_goes_back_when_unmet(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.set_goal("g-q", qualitative(), by=BY, now=NOW)
    developing.pending_events.clear()
    developing.record_measurement("g-1", "2022-06-30", 90, None, by=BY, now=NOW)
    assert developing.platforms["p-1"].status == "active" and not developing.eligible_to_close
    developing.record_assessment("g-q", "2022-06-30", 5, "Meget kendt", by=BY, now=NOW)
    developing.record_measurement("g-1", "2022-12-31", 70, None, by=BY, now=NOW)
    assert types(developing) == ["GoalProgressRecorded", "GoalProgressRecorded", "PlatformGoalReached",
                                 "GoalProgressRecorded"]
    reached = developing.pending_events[2].data
    assert reached["goal_ids"] == ["g-1", "g-q"] and reached["eligible_to_close"] is True
    assert developing.platforms["p-1"].status == "goals_reached" and developing.eligible_to_close

    developing.pending_events.clear()
    developing.adjust_goal("g-q", {"target_level": 5}, "højere ambition", by=BY, now=NOW)
    developing.adjust_goal("g-1", {"target_value": 60}, "højere ambition", by=BY, now=NOW)
    assert types(developing) == ["GoalAdjusted", "GoalAdjusted", "PlatformGoalUnmet"]
    assert developing.pending_events[-1].data["unmet_goal_ids"] == ["g-1"]
    assert developing.platforms["p-1"].status == "active" and not developing.eligible_to_close


def test_a_new_goal_on_a_reached_platform_makes_it_unmet(developing):
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.record_measurement("g-1", "2022-12-31", 70, None, by=BY, now=NOW)
    developing.pending_events.clear()
    developing.set_goal("g-2", qualitative(), by=BY, now=NOW)
    assert types(developing) == ["GoalSet", "PlatformGoalUnmet"]


def test_eligible_to_close_needs_every_platform_and_at_least_one(developing):
    assert not in_phase("establishment", platform=False).eligible_to_close
    add_platform(developing, "p-2", "Byggemarkeder")
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.record_measurement("g-1", "2022-12-31", 70, None, by=BY, now=NOW)
    assert not developing.eligible_to_close, "p-2 has no goals yet"
    developing.set_goal("g-2", qualitative(platform_id="p-2"), by=BY, now=NOW)
    developing.record_assessment("g-2", "2022-12-31", 4, "Undervisningskoncept klar", by=BY, now=NOW)
    assert developing.eligible_to_close


def test_initiative_level_process_goals_do_not_block_closing(developing):
    developing.set_goal("g-0", {"kind": "process", "goal_type": "qualitative", "platform_id": None,
                                "title": "Metoden er lært", "target_level": 5}, by=BY, now=NOW)
    developing.set_goal("g-1", quantitative(), by=BY, now=NOW)
    developing.record_measurement("g-1", "2022-12-31", 70, None, by=BY, now=NOW)
    assert developing.eligible_to_close


def test_goal_round_trips_through_its_dict():
    goal = Goal.define("g", "p", quantitative(), by=BY, now=NOW)
    goal.record_measurement("2022-01-01", 5, None, by=BY, now=NOW)
    assert Goal.from_dict(goal.to_dict()) == goal
