"""The anchor person (one at a time, with handovers), the working group and the coordinator."""
from __future__ import annotations

import pytest
from initiatives_samples import ANCHOR, BY, NOW, missing, new_initiative, types, violates

pytestmark = pytest.mark.unit

SUCCESSOR = {"person_id": "pm@politi.dk", "name": "Peter Mortensen", "email": None}


def test_first_anchor_person_needs_no_reason():
    initiative = new_initiative()
    initiative.pending_events.clear()
    initiative.assign_anchor_person(ANCHOR, None, by=BY, now=NOW)
    assert initiative.anchor_person == ANCHOR
    [event] = initiative.pending_events
    assert event.data["anchor_person"] == ANCHOR
    assert event.data["previous_anchor_person"] is None and event.data["handover"] is False


def test_a_handover_needs_a_reason_and_is_logged():
    initiative = new_initiative()
    initiative.assign_anchor_person(ANCHOR, None, by=BY, now=NOW)
    with violates("roles.anchor_person.handover_reason_required"):
        initiative.assign_anchor_person(SUCCESSOR, "  ", by=BY, now=NOW)
    assert initiative.anchor_person == ANCHOR
    initiative.assign_anchor_person(SUCCESSOR, "Barselsorlov", by="leder@politi.dk",
                                    now="2019-02-01T08:00:00Z")
    assert initiative.anchor_person == SUCCESSOR
    assert initiative.anchor_handovers[-1] == {"from": ANCHOR, "to": SUCCESSOR,
                                               "reason": "Barselsorlov", "by": "leder@politi.dk",
                                               "at": "2019-02-01T08:00:00Z"}
    event = initiative.pending_events[-1]
    assert event.data["handover"] is True and event.data["previous_anchor_person"] == ANCHOR


def test_the_same_anchor_person_cannot_be_assigned_twice():
    initiative = new_initiative()
    initiative.assign_anchor_person(ANCHOR, None, by=BY, now=NOW)
    with violates("roles.anchor_person.already_assigned"):
        initiative.assign_anchor_person({"person_id": ANCHOR["person_id"]}, "again", by=BY, now=NOW)


def test_working_group_members_are_added_and_removed():
    initiative = new_initiative()
    initiative.pending_events.clear()
    initiative.change_working_group([{"person_id": "lb@politi.dk", "name": "Lars Bak", "role": "analytiker"},
                                     {"person_id": "ak@politi.dk", "name": "Anne Krog"}], [], by=BY, now=NOW)
    initiative.change_working_group([], ["ak@politi.dk"], by=BY, now=NOW)
    assert [m["person_id"] for m in initiative.working_group] == ["lb@politi.dk"]
    assert types(initiative) == ["WorkingGroupChanged", "WorkingGroupChanged"]
    last = initiative.pending_events[-1].data
    assert last["removed"] == ["ak@politi.dk"] and last["added"] == []
    assert last["members"] == [{"person_id": "lb@politi.dk", "name": "Lars Bak", "email": None,
                                "role": "analytiker"}]


def test_working_group_rules():
    initiative = new_initiative()
    initiative.change_working_group([{"person_id": "lb@politi.dk"}], [], by=BY, now=NOW)
    with violates("working_group.already_member"):
        initiative.change_working_group([{"person_id": "lb@politi.dk"}], [], by=BY, now=NOW)
    with violates("working_group.already_member"):
        initiative.change_working_group([{"person_id": "x@politi.dk"}, {"person_id": "x@politi.dk"}], [],
                                        by=BY, now=NOW)
    with missing("working_group.member_not_found"):
        initiative.change_working_group([], ["nobody@politi.dk"], by=BY, now=NOW)
    with violates("working_group.no_change"):
        initiative.change_working_group([], [], by=BY, now=NOW)
    assert len(initiative.working_group) == 1


def test_a_member_can_be_swapped_in_one_change():
    initiative = new_initiative()
    initiative.change_working_group([{"person_id": "lb@politi.dk", "role": "analytiker"}], [], by=BY, now=NOW)
    initiative.change_working_group([{"person_id": "lb@politi.dk", "role": "forebygger"}],
                                    ["lb@politi.dk"], by=BY, now=NOW)
    assert initiative.working_group == [{"person_id": "lb@politi.dk", "name": None, "email": None,
                                         "role": "forebygger"}]


def test_coordinator_assignment_and_change():
    initiative = new_initiative()
    coordinator = {"person_id": "mk@hjoerring.dk", "name": "Mette Kjær", "email": "mk@hjoerring.dk"}
    initiative.assign_coordinator(coordinator, None, by=BY, now=NOW)
    with violates("roles.coordinator.already_assigned"):
        initiative.assign_coordinator(coordinator, None, by=BY, now=NOW)
    initiative.assign_coordinator({"person_id": "ol@hjoerring.dk"}, "Ny tovholder", by=BY, now=NOW)
    event = initiative.pending_events[-1]
    assert event.type_name() == "CoordinatorAssigned"
    assert event.data["previous_coordinator"] == coordinator
    assert len(initiative.coordinator_history) == 2
