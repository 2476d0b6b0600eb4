"""The local copy of initiatives and platforms, built from the initiatives service's events."""
from __future__ import annotations

import pytest
from actors_samples import INITIATIVE, PLATFORM

from actors import handlers
from actors.domain import InitiativeDirectory
from samskab_contracts.events.initiatives import InitiativeClosed, InitiativeCreated, PlatformEstablished
from samskab_infra.errors import DomainRuleViolation, NotFound

pytestmark = pytest.mark.unit

CREATED = {**InitiativeCreated.example, "initiative_id": INITIATIVE}
PLATFORM_DATA = {**PlatformEstablished.example, "initiative_id": INITIATIVE, "platform_id": PLATFORM}
CLOSED = {**InitiativeClosed.example, "initiative_id": INITIATIVE}


@pytest.fixture
def store(stores):
    return stores["initiatives"]


def test_created_then_platform_builds_an_open_initiative(store, ctx):
    first = handlers.apply_initiative_created(store, CREATED, "e1", ctx)
    second = handlers.apply_platform_established(store, PLATFORM_DATA, "e2", ctx)
    assert first["applied"] and second["applied"]
    assert second["initiative"] == {"initiative_id": INITIATIVE, "district": "nordjylland",
                                    "status": "open", "platform_ids": [PLATFORM],
                                    "participating_districts": []}
    known = InitiativeDirectory(store.get).require_platform(INITIATIVE, PLATFORM)
    assert known.district == "nordjylland"


def test_each_event_is_applied_once(store, ctx):
    handlers.apply_initiative_created(store, CREATED, "e1", ctx)
    handlers.apply_platform_established(store, PLATFORM_DATA, "e2", ctx)
    version = store.get(INITIATIVE)["version"]
    again = handlers.apply_platform_established(store, PLATFORM_DATA, "e2", ctx)
    assert again["applied"] is False
    assert store.get(INITIATIVE)["version"] == version
    assert store.get(INITIATIVE)["platform_ids"] == [PLATFORM]


def test_events_arriving_out_of_order_give_the_same_copy(store, ctx):
    handlers.apply_initiative_closed(store, CLOSED, "e3", ctx)
    handlers.apply_platform_established(store, PLATFORM_DATA, "e2", ctx)
    result = handlers.apply_initiative_created(store, CREATED, "e1", ctx)
    assert result["initiative"]["status"] == "closed"
    assert result["initiative"]["platform_ids"] == [PLATFORM]


def test_a_platform_alone_proves_its_initiative_exists(store, ctx):
    handlers.apply_platform_established(store, PLATFORM_DATA, "e2", ctx)
    assert InitiativeDirectory(store.get).require_open(INITIATIVE).has_platform(PLATFORM)


def test_unknown_and_closed_are_refused(store, ctx):
    directory = InitiativeDirectory(store.get)
    with pytest.raises(NotFound):
        directory.require_open(INITIATIVE)
    handlers.apply_initiative_created(store, CREATED, "e1", ctx)
    with pytest.raises(NotFound) as err:
        directory.require_platform(INITIATIVE, PLATFORM)
    assert err.value.code == "platform.unknown"
    handlers.apply_initiative_closed(store, CLOSED, "e3", ctx)
    with pytest.raises(DomainRuleViolation):
        directory.require_open(INITIATIVE)


def test_the_copy_is_written_without_events(store, ctx):
    handlers.apply_initiative_created(store, CREATED, "e1", ctx)
    handlers.apply_initiative_closed(store, CLOSED, "e3", ctx)
    assert store.published == []


@pytest.mark.parametrize("order", [("closed", "network"), ("network", "closed")])
def test_a_network_is_open_to_joining_again_whatever_order_the_events_arrive_in(store, ctx, order):
    from samskab_contracts.events.initiatives import InitiativeBecameNetwork
    network = {**InitiativeBecameNetwork.example, "initiative_id": INITIATIVE}
    handlers.apply_initiative_created(store, CREATED, "e1", ctx)
    handlers.apply_platform_established(store, PLATFORM_DATA, "e2", ctx)
    apply = {"closed": lambda: handlers.apply_initiative_closed(store, CLOSED, "e3", ctx),
             "network": lambda: handlers.apply_initiative_became_network(store, network, "e4", ctx)}
    for step in order:
        apply[step]()
    known = InitiativeDirectory(store.get).require_platform(INITIATIVE, PLATFORM)
    assert known.status == "network"
    assert "InitiativeBecameNetwork" in handlers.EVENT_HANDLERS
