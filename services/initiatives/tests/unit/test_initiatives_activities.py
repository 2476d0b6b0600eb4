"""Citizen meetings, safety walks, their findings and follow-up actions."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, in_phase, missing, types, violates

pytestmark = pytest.mark.unit

ROUTE = [[57.4641, 9.9872], [57.4655, 9.9920], [57.4662, 9.9951]]


@pytest.fixture
def initiative():
    return in_phase("co_creative_development")


def walk(initiative, findings=None, **overrides):
    spec = {"date": "2022-09-20", "place": "Hjørring Øst", "route": ROUTE,
            "attendance": [{"actor_id": "a-kommune", "count": 2}, {"actor_id": "a-nabohjaelp", "count": 11}],
            "findings": findings if findings is not None else [
                {"point": [57.4650, 9.9901], "category": "missing_lighting",
                 "description": "Mørk sti bag carportene", "photo_ref": "photos/sti.jpg"},
                {"point": [57.4660, 9.9940], "category": "pleasant_place"}],
            **overrides}
    ids = [f"f-{n}" for n in range(len(spec["findings"]))]
    return initiative.record_safety_walk("w-1", spec, ids, by=BY, now=NOW)


def test_a_citizen_meeting_records_attendance_by_actor(initiative):
    meeting = initiative.hold_citizen_meeting("m-1", {
        "date": "2022-03-01", "place": "Hjørring Bibliotek", "title": "Borgermøde om indbrud",
        "attendance": [{"actor_id": "a-1", "count": 40}, {"actor_id": "a-2", "count": 3}]}, by=BY, now=NOW)
    assert meeting["total_attendance"] == 43
    [event] = initiative.pending_events
    assert event.type_name() == "ActivityHeld" and event.data["activity_type"] == "citizen_meeting"
    assert event.data["route"] == [] and event.data["findings_count"] == 0


@pytest.mark.parametrize("spec, code", [
    ({"date": "2023-02-01", "place": "x"}, "activity.date_in_future"),
    ({"date": "2022-01-01", "place": ""}, "text.required"),
    ({"date": "2022-01-01", "place": "x", "attendance": [{"actor_id": "a", "count": 1},
                                                        {"actor_id": "a", "count": 2}]},
     "activity.attendance.duplicate_actor"),
    ({"date": "2022-01-01", "place": "x", "attendance": [{"actor_id": "a", "count": -1}]},
     "activity.attendance.negative"),
])
def test_citizen_meeting_rules(initiative, spec, code):
    with violates(code):
        initiative.hold_citizen_meeting("m-1", spec, by=BY, now=NOW)
    assert initiative.activities == []


def test_a_safety_walk_records_its_route_and_geo_tagged_findings(initiative):
    activity = walk(initiative)
    assert activity["findings_count"] == 2 and activity["total_attendance"] == 13
    assert types(initiative) == ["ActivityHeld", "SafetyWalkFindingRecorded", "SafetyWalkFindingRecorded"]
    finding = initiative.pending_events[1].data
    assert finding["point"] == [57.465, 9.9901] and finding["category"] == "missing_lighting"
    assert finding["activity_id"] == "w-1" and finding["photo_ref"] == "photos/sti.jpg"
    assert initiative.findings["f-1"].category == "pleasant_place"


@pytest.mark.parametrize("overrides, code", [
    ({"route": [[57.46, 9.98]]}, "safety_walk.route.invalid"),
    ({"route": [[57.46, 9.98], [97.0, 9.9]]}, "geo.point.out_of_range"),
    ({"findings": [{"point": [57.46, 9.98], "category": "noise"}]}, "finding.category.unknown"),
    ({"findings": [{"point": [57.46], "category": "graffiti"}]}, "geo.point.invalid"),
])
def test_safety_walk_rules(initiative, overrides, code):
    findings = overrides.pop("findings", None)
    with violates(code):
        walk(initiative, findings, **overrides)
    assert initiative.activities == [] and initiative.findings == {}


def test_a_finding_becomes_one_follow_up_action_and_is_resolved_later(initiative):
    walk(initiative)
    initiative.pending_events.clear()
    action = initiative.create_follow_up_action("f-0", "act-1", "a-kommune", "Opsæt belysning",
                                                "2022-12-01", by=BY, now=NOW)
    assert action["status"] == "open"
    with violates("finding.follow_up.already_exists"):
        initiative.create_follow_up_action("f-0", "act-2", "a-kommune", "Igen", None, by=BY, now=NOW)
    with violates("finding.resolution.before_finding"):
        initiative.resolve_finding("f-0", "Lamper sat op", "2022-09-19", by=BY, now=NOW)
    with violates("finding.resolution.date_in_future"):
        initiative.resolve_finding("f-0", "Lamper sat op", "2023-01-16", by=BY, now=NOW)
    initiative.resolve_finding("f-0", "Tre nye lamper", "2022-11-19", by=BY, now=NOW)
    assert initiative.findings["f-0"].action["status"] == "resolved"
    assert types(initiative) == ["FollowUpActionCreated", "FindingResolved"]
    resolved = initiative.pending_events[-1].data
    assert resolved["action_id"] == "act-1" and resolved["assigned_actor_id"] == "a-kommune"
    with violates("finding.already_resolved"):
        initiative.resolve_finding("f-0", "Igen", "2022-11-20", by=BY, now=NOW)
    with violates("finding.already_resolved"):
        initiative.create_follow_up_action("f-0", "act-3", "a-kommune", "Igen", None, by=BY, now=NOW)


def test_a_finding_without_an_action_can_be_resolved(initiative):
    walk(initiative)
    initiative.resolve_finding("f-1", "Bevares som det er", "2022-09-21", by=BY, now=NOW)
    assert initiative.pending_events[-1].data["action_id"] is None


def test_unknown_findings(initiative):
    with missing("finding.not_found"):
        initiative.create_follow_up_action("f-404", "act-1", "a", "x", None, by=BY, now=NOW)
    with missing("finding.not_found"):
        initiative.resolve_finding("f-404", "x", "2022-01-01", by=BY, now=NOW)
