"""The published language: every event validates its example, the catalogue is current."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from samskab_dev.catalogue import markdown, production_events
from samskab_infra.envelope import Envelope, InvalidEnvelope
from samskab_infra.event_types import InvalidEvent

pytestmark = pytest.mark.unit
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("cls", production_events(), ids=lambda c: c.type_name())
def test_every_event_example_is_valid_and_round_trips_through_the_envelope(cls):
    event = cls(**cls.example)
    envelope = Envelope.wrap(event, producer=cls.producer, district="nordjylland")
    parsed = Envelope.parse(json.loads(json.dumps(envelope.to_dict())))
    assert parsed == envelope
    assert cls.description, f"{cls.type_name()} needs a description for the catalogue"


def test_the_issue_names_are_all_in_the_contract():
    names = {cls.type_name() for cls in production_events()}
    required = {
        "InitiativeCreated", "InitiativePhaseAdvanced", "AnchorPersonAssigned", "PlatformEstablished",
        "GoalSet", "GoalAdjusted", "GoalProgressRecorded", "PlatformGoalReached", "ResultDocumented",
        "RippleEffectRecorded", "RealityCheckRecorded", "RealityCheckOverdue", "ActivityHeld",
        "SafetyWalkFindingRecorded", "FindingResolved", "InitiativeClosed", "InitiativeBecameNetwork",
        "ActorJoined", "ActorLeft", "ActorRegistered", "ActorUpdated", "ActorErased",
        "InfluenceImbalanceDetected",
    }
    assert required <= names, sorted(required - names)


def test_unknown_fields_and_unknown_types_are_rejected():
    cls = production_events()[0]
    with pytest.raises(InvalidEvent):
        cls(**{**cls.example, "not_in_the_contract": 1})
    raw = Envelope.wrap(cls(**cls.example), producer=cls.producer).to_dict()
    with pytest.raises(InvalidEvent):
        Envelope.parse({**raw, "type": "NoSuchEvent"})
    with pytest.raises(Exception):  # noqa: B017 - marshmallow ValidationError
        Envelope.parse({**raw, "extra": True})
    with pytest.raises(InvalidEnvelope):
        Envelope.parse(["not", "an", "object"])


def test_the_catalogue_in_docs_is_current():
    """Run `make catalogue` after changing an event."""
    assert (DOCS / "events.md").read_text() == markdown()
