"""The published language of the initiatives service: every event has a schema, a
description and a valid example, and carries initiative_id, district, by and at."""
from __future__ import annotations

import pytest

from samskab_contracts.events import initiatives as contract
from samskab_infra.event_types import REGISTRY, Event, InvalidEvent

pytestmark = pytest.mark.unit

EVENTS = sorted((cls for cls in REGISTRY.values() if cls.producer == "initiatives"),
                key=lambda cls: cls.__name__)
REQUIRED = {"InitiativeCreated", "InitiativePhaseAdvanced", "AnchorPersonAssigned", "PlatformEstablished",
            "GoalSet", "GoalAdjusted", "GoalProgressRecorded", "PlatformGoalReached", "ResultDocumented",
            "RippleEffectRecorded", "RealityCheckRecorded", "RealityCheckOverdue", "ActivityHeld",
            "SafetyWalkFindingRecorded", "FindingResolved", "InitiativeClosed", "InitiativeBecameNetwork"}


def test_every_event_the_issue_names_is_in_the_contract():
    assert REQUIRED <= {cls.__name__ for cls in EVENTS}


@pytest.mark.parametrize("cls", EVENTS, ids=lambda cls: cls.__name__)
def test_each_event_has_a_description_and_a_valid_example(cls: type[Event]):
    assert cls.description and "\n" not in cls.description
    event = cls(**cls.example)
    for key in ("initiative_id", "district", "by", "at"):
        assert event.data[key], key
    assert cls.example["initiative_id"] == contract.INITIATIVE


def test_initiative_created_keeps_its_original_fields():
    fields = contract.InitiativeCreated.Schema().fields
    assert {"initiative_id", "title", "challenge", "district", "themes", "municipalities", "phase",
            "created_by"} <= set(fields)


@pytest.mark.parametrize("cls, change", [
    (contract.GoalAdjusted, {"changes": {"target_value": {"before": 1, "to": 2}}}),
    (contract.InitiativePhaseAdvanced, {"to_phase": "evaluation"}),
    (contract.ResultDocumented, {"size": "huge"}),
    (contract.SafetyWalkFindingRecorded, {"point": [91.0, 9.9]}),
    (contract.RealityCheckRecorded, {"scores": {"progress": 7}}),
    (contract.ActivityHeld, {"district": "jylland"}),
    (contract.GoalSet, {"goal": {**contract.GoalSet.example["goal"], "extra": 1}}),
    (contract.InitiativeClosed, {"override_used": None}),
])
def test_invalid_data_is_rejected(cls, change):
    with pytest.raises(InvalidEvent):
        cls(**{**cls.example, **change})


def test_data_missing_the_audit_fields_is_rejected():
    data = {k: v for k, v in contract.PlatformEstablished.example.items() if k != "by"}
    with pytest.raises(InvalidEvent):
        contract.PlatformEstablished(**data)
