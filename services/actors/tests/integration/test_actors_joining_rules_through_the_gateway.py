"""Issue 11, finding 1 ("enrol anyone, then read their contacts") on the running system:
real RabbitMQ, real store, the gateway and every service. Joining respects the joiner, the
contact directory shows only what an actor shares, a duplicate CVR names no foreign actor,
and representatives get and lose access through their events (docs/access.md)."""
from __future__ import annotations

import uuid

import pytest

from tests.harness import wait_until

pytestmark = pytest.mark.integration

CITIZEN_EMAIL = "privat.nabo@example.dk"


def created(response) -> dict:
    assert response.status_code == 201, response.text
    return response.json()


def members(system, world) -> str:
    return f"{system.url}/initiatives/{world['initiative_id']}/members"


def memberships_of(world, actor_id: str) -> int:
    return world["db"]["memberships"].count_documents({"actor_id": actor_id})


def test_an_anchor_person_cannot_enrol_a_citizen_without_their_consent(system, world):
    citizen = created(world["operator"].post(f"{system.url}/actors", json={
        "kind": "citizen", "district": "nordjylland", "display_name": "Nabo uden samtykke",
        "contact": {"channel": "email", "address": CITIZEN_EMAIL}}))["actor_id"]
    refused = world["anchor"].post(members(system, world), json={"actor_id": citizen})
    assert refused.status_code == 403, refused.text
    assert refused.json()["code"] == "enrolment.citizen_consent_required"
    assert memberships_of(world, citizen) == 0

    consent = world["operator"].post(f"{system.url}/actors/{citizen}/consents", json={
        "purpose": "take_part", "initiative_id": world["initiative_id"]})
    assert consent.status_code == 201, consent.text
    assert world["anchor"].post(members(system, world), json={"actor_id": citizen}).status_code == 201

    contacts = world["anchor"].get(f"{system.url}/initiatives/{world['initiative_id']}/contacts")
    assert contacts.status_code == 200, contacts.text
    [entry] = [e for e in contacts.json()["items"] if e["actor_id"] == citizen]
    assert entry["name"] == "Nabo uden samtykke" and entry["contacts"] == []
    assert CITIZEN_EMAIL not in contacts.text, "taking part shares no contact without consent"

    withdrawn = world["operator"].delete(f"{system.url}/actors/{citizen}/consents/take_part",
                                         params={"initiative_id": world["initiative_id"]})
    assert withdrawn.status_code == 200, withdrawn.text
    assert [c["withdrawn_at"] is not None for c in withdrawn.json()["consents"]] == [True]


def test_an_anchor_person_enrols_an_organisation_of_the_district_and_its_representative_is_told(system, world):
    representative = f"rep-{uuid.uuid4().hex[:8]}@vraa-laase.dk"
    organisation = created(world["operator"].post(f"{system.url}/actors", json={
        "kind": "business", "district": "nordjylland", "name": "Vrå Låse", "representative": representative,
        "contact_points": [{"name": "Vibeke", "email": "vibeke@vraa-laase.dk"}]}))["actor_id"]
    enrolled = world["anchor"].post(members(system, world), json={"actor_id": organisation})
    assert enrolled.status_code == 201, enrolled.text

    contacts = world["anchor"].get(f"{system.url}/initiatives/{world['initiative_id']}/contacts")
    [entry] = [e for e in contacts.json()["items"] if e["actor_id"] == organisation]
    assert entry["name"] == "Vrå Låse" and entry["contacts"] == [], "not shared with initiatives"

    # The representative's access and the notice follow the events: no token carries them.
    as_representative = system.session(role=None, subject=representative)

    def told():
        feed = as_representative.get(f"{system.url}/me/feed")
        items = feed.json().get("items", []) if feed.ok else []
        return [i for i in items if i.get("event_type") == "ActorEnrolled"]

    [notice] = wait_until(told, timeout=30, message="the representative's feed shows the enrolment")
    assert notice["initiative_id"] == world["initiative_id"]
    left = as_representative.post(f"{members(system, world)}/{organisation}/leave", json={"reason": "ikke os"})
    assert left.status_code == 200, left.text


def test_an_organisation_from_another_district_is_not_enrolled_by_the_anchor_person(system, world):
    fyn = system.session(role="district_operator", district="fyn", subject="operator@fyn.politi.dk")
    odense = created(fyn.post(f"{system.url}/actors", json={
        "kind": "association", "district": "fyn", "name": "Odense Grundejere"}))["actor_id"]
    refused = world["anchor"].post(members(system, world), json={"actor_id": odense})
    assert refused.status_code == 403 and refused.json()["code"] == "enrolment.other_district", refused.text
    assert memberships_of(world, odense) == 0


def test_a_duplicate_cvr_from_another_district_does_not_reveal_the_holder(system, world):
    holder = created(world["operator"].post(f"{system.url}/actors", json={
        "kind": "business", "district": "nordjylland", "name": "Hjørring Byg", "cvr": "30060946"}))["actor_id"]
    fyn = system.session(role="district_operator", district="fyn", subject="operator@fyn.politi.dk")
    again = fyn.post(f"{system.url}/actors", json={"kind": "business", "district": "fyn",
                                                  "name": "Hjørring Byg (Fyn)", "cvr": "30060946"})
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "actor.duplicate_cvr"
    assert again.json()["details"] == {"existing_actor_id": None}
    assert holder not in again.text
    assert fyn.get(f"{system.url}/actors/{holder}").status_code == 404


def test_appointing_a_representative_gives_access_and_removing_them_takes_it_away(system, world):
    actor_id = created(world["operator"].post(f"{system.url}/actors", json={
        "kind": "association", "district": "nordjylland", "name": "Grundejerforeningen Vrå"}))["actor_id"]
    person = f"formand-{uuid.uuid4().hex[:8]}@vraa.dk"
    as_person = system.session(role=None, subject=person)
    actor_url = f"{system.url}/actors/{actor_id}"
    assert as_person.get(actor_url).status_code == 404

    appointed = world["operator"].put(f"{actor_url}/representatives/{person}")
    assert appointed.status_code == 200, appointed.text
    assert appointed.json()["representatives"] == [person]
    wait_until(lambda: as_person.get(actor_url).status_code == 200, timeout=30,
               message="the appointed representative reads the actor")

    removed = world["operator"].delete(f"{actor_url}/representatives/{person}")
    assert removed.status_code == 200 and removed.json()["representatives"] == [], removed.text
    wait_until(lambda: as_person.get(actor_url).status_code == 404, timeout=30,
               message="the removed representative no longer finds the actor")
