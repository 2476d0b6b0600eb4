"""The actors service's published events: examples valid, citizens never named."""
from __future__ import annotations

import pytest

from samskab_contracts.events import actors as contract
from samskab_infra.event_types import REGISTRY, InvalidEvent

pytestmark = pytest.mark.unit

ACTOR_EVENTS = [cls for cls in REGISTRY.values() if cls.producer == "actors"]


def test_the_contract_has_every_actors_event():
    assert {cls.__name__ for cls in ACTOR_EVENTS} == {
        "ActorRegistered", "ActorUpdated", "ActorJoined", "ActorLeft",
        "ConsentGiven", "ConsentWithdrawn", "ActorErased", "ActorContactShared",
        "ActorRepresentativeAdded", "ActorRepresentativeRemoved", "ActorEnrolled"}


@pytest.mark.parametrize("cls", ACTOR_EVENTS, ids=lambda c: c.__name__)
def test_every_example_is_valid_and_described(cls):
    event = cls(**cls.example)
    assert event.data["district"] and event.data["at"]
    assert cls.description


@pytest.mark.parametrize("cls", [contract.ActorRegistered, contract.ActorUpdated, contract.ActorJoined])
def test_a_named_citizen_is_rejected_by_the_contract(cls):
    with pytest.raises(InvalidEvent):
        cls(**{**cls.example, "actor_kind": "citizen", "name": "Hans Hansen"})
    cls(**{**cls.example, "actor_kind": "citizen", "name": None})


def test_unknown_fields_kinds_and_districts_are_rejected():
    example = contract.ActorJoined.example
    with pytest.raises(InvalidEvent):
        contract.ActorJoined(**{**example, "email": "x@y.dk"})
    with pytest.raises(InvalidEvent):
        contract.ActorJoined(**{**example, "actor_kind": "alien"})
    with pytest.raises(InvalidEvent):
        contract.ActorJoined(**{**example, "district": "jylland"})
