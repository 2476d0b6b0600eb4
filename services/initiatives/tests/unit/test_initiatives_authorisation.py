"""Each initiatives command is one action of the access policy, decided on the stored
initiative: leaders steer, workers work, a platform lead works on its own platform only,
a coordinator cannot replace the anchor person, and what one may not read is not found."""
from __future__ import annotations

import pytest
from initiatives_samples import NOW, spec, through_gate

from initiatives.handlers import commands as h
from initiatives.handlers.authorisation import authorise_command
from samskab_infra.context import SYSTEM, Context, Grant, Principal
from samskab_infra.errors import Forbidden, NotFound

pytestmark = pytest.mark.unit


def ctx(*grants: Grant) -> Context:
    return Context(correlation_id="c", now=NOW, principal=Principal("p@politi.dk", tuple(grants)))


@pytest.fixture
def world():
    from samskab_dev.testing import InMemoryAggregateStore

    store = InMemoryAggregateStore()
    system = Context(correlation_id="c", now=NOW, principal=SYSTEM)
    initiative_id = h.create_initiative(store, spec(), system)["initiative_id"]
    h.assign_anchor_person(store, {"initiative_id": initiative_id, "anchor_person": {"person_id": "a"}}, system)
    for phase in ("mapping", "analysis", "actor_involvement", "establishment"):
        h.advance_phase(store, {"initiative_id": initiative_id, "to_phase": phase, "reason": "klar",
                                **through_gate(phase)}, system)
    platforms = [h.establish_platform(store, {"initiative_id": initiative_id, "name": name, "focus_area": "x"},
                                      system)["platform_id"] for name in ("Nord", "Syd")]
    return store, initiative_id, platforms


def test_a_platform_lead_works_on_its_own_platform_only_and_steers_nothing(world):
    store, initiative_id, (own, other) = world
    lead = ctx(Grant("platform_lead", f"{initiative_id}/{own}"))
    baseline = {"initiative_id": initiative_id, "description": "Før", "date": "2024-01-01"}
    authorise_command(store, "set_baseline", {**baseline, "platform_id": own}, lead)
    with pytest.raises(Forbidden):
        authorise_command(store, "set_baseline", {**baseline, "platform_id": other}, lead)
    with pytest.raises(Forbidden):
        authorise_command(store, "set_baseline", baseline, lead)
    with pytest.raises(Forbidden):
        authorise_command(store, "assign_platform_lead", {"initiative_id": initiative_id, "platform_id": own,
                                                          "lead": None}, lead)


def test_the_anchor_person_names_a_platform_lead_and_the_event_says_who(world):
    store, initiative_id, (own, _) = world
    anchor = ctx(Grant("anchor_person", initiative_id))
    payload = {"initiative_id": initiative_id, "platform_id": own, "lead": {"person_id": "pia@politi.dk"}}
    authorise_command(store, "assign_platform_lead", payload, anchor)
    h.assign_platform_lead(store, payload, anchor)
    event = store.published[-1]
    assert event.type == "PlatformLeadAssigned" and event.data["lead"]["person_id"] == "pia@politi.dk"
    assert event.data["previous_lead"] is None and event.data["platform_id"] == own


def test_a_coordinator_works_but_cannot_replace_the_anchor_person(world):
    store, initiative_id, _ = world
    coordinator = ctx(Grant("coordinator", initiative_id))
    authorise_command(store, "document_result", {"initiative_id": initiative_id}, coordinator)
    with pytest.raises(Forbidden):
        authorise_command(store, "assign_anchor_person", {"initiative_id": initiative_id}, coordinator)
    with pytest.raises(Forbidden):
        authorise_command(store, "advance_phase", {"initiative_id": initiative_id}, coordinator)


def test_what_one_may_not_read_is_not_found_and_reading_alone_changes_nothing(world):
    store, initiative_id, _ = world
    with pytest.raises(NotFound):
        authorise_command(store, "document_result", {"initiative_id": initiative_id},
                          ctx(Grant("district_operator", "fyn")))
    with pytest.raises(NotFound):
        authorise_command(store, "document_result", {"initiative_id": initiative_id}, ctx(Grant("partner")))
    with pytest.raises(Forbidden):
        authorise_command(store, "document_result", {"initiative_id": initiative_id},
                          ctx(Grant("national_centre")))
    with pytest.raises(Forbidden):
        authorise_command(store, "create_initiative", {"district": "nordjylland"},
                          ctx(Grant("district_operator", "fyn")))
    authorise_command(store, "create_initiative", {"district": "nordjylland"},
                      ctx(Grant("district_operator", "nordjylland")))
