"""Results, ripple effects and reality checks with their schedule and overdue flags."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, add_platform, in_phase, missing, types, violates

pytestmark = pytest.mark.unit


@pytest.fixture
def developing():
    return in_phase("co_creative_development")


def test_results_small_and_breakthrough_with_actors(developing):
    result = developing.document_result("r-1", {
        "title": "Flest Nabohjælp-husstande i kredsen", "size": "breakthrough", "date": "2019-05-31",
        "platform_id": "p-1", "actor_ids": ["a-1", "a-2", "a-1"]}, by=BY, now=NOW)
    assert result["actor_ids"] == ["a-1", "a-2"]
    [event] = developing.pending_events
    assert event.type_name() == "ResultDocumented"
    assert event.data["size"] == "breakthrough" and event.data["platform_id"] == "p-1"
    assert event.data["by"] == BY and event.data["result_id"] == "r-1"


@pytest.mark.parametrize("spec, code", [
    ({"title": "x", "size": "huge", "date": "2020-01-01"}, "result.size.unknown"),
    ({"title": "x", "size": "small", "date": "2024-01-01"}, "result.date_in_future"),
    ({"title": "", "size": "small", "date": "2020-01-01"}, "text.required"),
    ({"title": "x", "size": "small", "date": "2020-01-01", "description": "d" * 5001}, "text.too_long"),
])
def test_result_rules(developing, spec, code):
    with violates(code):
        developing.document_result("r-1", spec, by=BY, now=NOW)
    assert developing.results == []


def test_a_result_on_an_unknown_platform(developing):
    with missing("platform.not_found"):
        developing.document_result("r-1", {"title": "x", "size": "small", "date": "2020-01-01",
                                           "platform_id": "p-404"}, by=BY, now=NOW)


def test_ripple_effects_need_evidence(developing):
    spec = {"title": "Erfaringer bruges i Bo Trygt", "date": "2020-01-31", "evidence": []}
    with violates("ripple_effect.evidence_required"):
        developing.record_ripple_effect("re-1", spec, by=BY, now=NOW)
    spec["evidence"] = [{"description": "Bo Trygt henviser til Hjørring", "reference": "https://botrygt.dk"}]
    developing.record_ripple_effect("re-1", spec, by=BY, now=NOW)
    event = developing.pending_events[-1]
    assert event.type_name() == "RippleEffectRecorded"
    assert event.data["evidence"] == spec["evidence"] and event.data["platform_id"] is None


def test_reality_checks_run_in_phases_six_and_seven_only():
    initiative = in_phase("establishment")
    with violates("reality_check.phase_not_reached"):
        initiative.record_reality_check("rc-1", "p-1", "2022-01-01", {"progress": 3}, None, by=BY, now=NOW)


@pytest.mark.parametrize("scores, code", [
    ({}, "reality_check.scores_required"),
    ({"happiness": 3}, "reality_check.dimension.unknown"),
    ({"progress": 6}, "reality_check.score.out_of_scale"),
    ({"progress": 0}, "reality_check.score.out_of_scale"),
])
def test_reality_check_scores(developing, scores, code):
    with violates(code):
        developing.record_reality_check("rc-1", "p-1", "2022-01-01", scores, None, by=BY, now=NOW)


def test_reality_check_records_scores_and_moves_the_schedule(developing):
    developing.schedule_reality_checks("p-1", 90, "2023-02-01", by=BY, now=NOW)
    check = developing.record_reality_check(
        "rc-1", "p-1", "2023-01-10",
        {"collaboration": 4, "resources": 3, "progress": 4, "influence_balance": 3},
        "Behov for flere aktører", by=BY, now=NOW)
    assert check["average_score"] == 3.5 and check["next_due"] == "2023-04-10"
    assert types(developing) == ["RealityCheckScheduled", "RealityCheckRecorded"]
    recorded = developing.pending_events[-1].data
    assert recorded["platform_name"] == "Nabohjælp" and recorded["next_due"] == "2023-04-10"
    with violates("reality_check.date_in_future"):
        developing.record_reality_check("rc-2", "p-1", "2023-02-01", {"progress": 3}, None, by=BY, now=NOW)
    with missing("platform.not_found"):
        developing.record_reality_check("rc-2", "p-404", "2023-01-01", {"progress": 3}, None, by=BY, now=NOW)


def test_schedule_rules(developing):
    with violates("reality_check.schedule.interval_invalid"):
        developing.schedule_reality_checks("p-1", 0, None, by=BY, now=NOW)
    with violates("reality_check.schedule.first_due_in_past"):
        developing.schedule_reality_checks("p-1", 30, "2023-01-14", by=BY, now=NOW)
    assert developing.schedule_reality_checks("p-1", 30, None, by=BY, now=NOW) == "2023-02-14"


def test_overdue_reality_checks_are_flagged_once_per_due_date(developing):
    add_platform(developing, "p-2", "Byggemarkeder")
    developing.schedule_reality_checks("p-1", 30, None, by=BY, now=NOW)
    developing.schedule_reality_checks("p-2", 60, None, by=BY, now=NOW)
    developing.pending_events.clear()
    assert developing.overdue_reality_checks("2023-02-14T23:59:00Z") == [], "due today is not overdue"
    later = "2023-02-20T06:00:00Z"
    assert developing.overdue_reality_checks(later) == ["p-1"]
    assert developing.reality_checks_due_at == "2023-02-14"
    assert developing.flag_overdue_reality_checks(by="system", now=later) == ["p-1"]
    assert developing.flag_overdue_reality_checks(by="system", now="2023-02-21T06:00:00Z") == []
    [event] = developing.pending_events
    assert event.type_name() == "RealityCheckOverdue"
    assert event.data["due_date"] == "2023-02-14" and event.data["days_overdue"] == 6
    assert event.data["anchor_person"]["person_id"] == "jsn@politi.dk" and event.data["by"] == "system"
    assert developing.reality_checks_due_at == "2023-03-16", "p-1 is flagged; p-2 is next"

    developing.record_reality_check("rc-1", "p-1", "2023-02-21", {"progress": 2}, None, by=BY,
                                    now="2023-02-21T10:00:00Z")
    assert developing.platforms["p-1"].next_reality_check_due == "2023-03-23"
    assert developing.flag_overdue_reality_checks(by="system", now="2023-03-25T06:00:00Z") == ["p-1", "p-2"]


def test_a_closed_initiative_has_no_overdue_checks():
    initiative = in_phase("closing")
    initiative.schedule_reality_checks("p-1", 1, None, by=BY, now=NOW)
    initiative.close(None, by=BY, now=NOW)
    assert initiative.overdue_reality_checks("2024-01-01T00:00:00Z") == []
    assert initiative.reality_checks_due_at is None
