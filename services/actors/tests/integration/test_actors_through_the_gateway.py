"""The actors service in the whole running system (real RabbitMQ, real store, the
gateway): ActorJoined reaches reporting and the anchor person's feed, and the edges
of registration and membership answer with clear 4xx and store nothing."""
from __future__ import annotations

import uuid

import pytest

from tests.harness import wait_until

pytestmark = pytest.mark.integration

KN_CVR, KOMMUNE_CVR = "29189846", "29189838"


def business(cvr: str = KN_CVR, **overrides) -> dict:
    return {"kind": "business", "district": "nordjylland", "name": "KN Låseteknik", "cvr": cvr,
            "contact_points": [{"name": "Karen Nielsen", "email": "karen@kn.dk"}], **overrides}


def register(system, world, payload: dict) -> str:
    response = world["operator"].post(f"{system.url}/actors", json=payload)
    assert response.status_code == 201, response.text
    return response.json()["actor_id"]


def join(system, world, actor_id: str, **body):
    return world["operator"].post(f"{system.url}/initiatives/{world['initiative_id']}/members",
                                  json={"actor_id": actor_id, **body})


def test_actor_joined_reaches_reporting_and_the_anchor_persons_feed(system, world):
    business_id = register(system, world, business())
    citizen_id = register(system, world, {"kind": "citizen", "district": "nordjylland",
                                          "display_name": "Nabo i Hjørring"})
    consent = world["operator"].post(f"{system.url}/actors/{citizen_id}/consents", json={
        "purpose": "take_part", "initiative_id": world["initiative_id"]})
    assert consent.status_code == 201, consent.text
    for actor_id in (business_id, citizen_id):
        joined = join(system, world, actor_id, interests={"categories": ["safety"]})
        assert joined.status_code == 201, joined.text

    def counted():
        report = world["operator"].get(f"{system.url}/reports/initiatives/{world['initiative_id']}")
        if not report.ok:
            return None
        cells = report.json()["actors"]["active_by_kind"]["cells"]
        by_kind = {kind: cell["value"] for kind, cell in cells.items()}
        return by_kind if by_kind == {"business": 1, "citizen": 1} else None

    wait_until(counted, timeout=30, message="reporting counts the actors by kind")

    def heard():
        items = world["anchor"].get(f"{system.url}/me/feed").json()["items"]
        joins = [i for i in items if i.get("event_type") == "ActorJoined"
                 and i.get("initiative_id") == world["initiative_id"]]
        return joins if len(joins) == 2 else None

    items = wait_until(heard, timeout=30, message="the anchor person's feed shows both joins")
    assert any("KN Låseteknik" in str(item) for item in items)
    assert not any("Nabo i Hjørring" in str(item) for item in items), "a citizen is never named"


def test_a_duplicate_cvr_is_409_and_points_at_the_existing_actor(system, world):
    first = register(system, world, business(KOMMUNE_CVR, name="Hjørring Kommune", kind="municipality"))
    again = world["operator"].post(f"{system.url}/actors",
                                   json=business(KOMMUNE_CVR, name="Hjørring Kommune, igen"))
    assert again.status_code == 409, again.text
    problem = again.json()
    assert problem["code"] == "actor.duplicate_cvr"
    assert problem["details"]["existing_actor_id"] == first
    assert world["operator"].get(f"{system.url}/actors/{first}").status_code == 200
    assert world["db"]["actors"].count_documents({"doc_type": "actor", "cvr": KOMMUNE_CVR}) == 1


@pytest.mark.parametrize("payload, status, field", [
    (business("29189847"), 400, "cvr"),
    (business("2918984"), 400, "cvr"),
    (business(kind="pirates"), 400, "kind"),
    ({"kind": "citizen", "district": "nordjylland", "display_name": "X", "cvr": "29189846"}, 400, "cvr"),
], ids=["cvr-checksum", "cvr-length", "unknown-kind", "citizen-with-cvr"])
def test_invalid_registrations_are_400_and_store_nothing(system, world, payload, status, field):
    before = world["db"]["actors"].count_documents({})
    response = world["operator"].post(f"{system.url}/actors", json=payload)
    assert response.status_code == status, response.text
    assert field in response.json()["errors"]
    assert world["db"]["actors"].count_documents({}) == before


def test_membership_edges_are_clear_4xx_and_change_nothing(system, world):
    actor_id = register(system, world, business("12345674", name="Vrå Boligselskab",
                                                kind="housing_organisation"))
    unknown = world["operator"].post(f"{system.url}/initiatives/{uuid.uuid4()}/members",
                                     json={"actor_id": actor_id})
    assert unknown.status_code == 404 and unknown.json()["code"] == "initiative.unknown"
    leave_first = world["operator"].post(
        f"{system.url}/initiatives/{world['initiative_id']}/members/{actor_id}/leave", json={})
    assert leave_first.status_code == 422 and leave_first.json()["code"] == "membership.not_a_member"
    assert world["db"]["memberships"].count_documents({"actor_id": actor_id}) == 0

    assert join(system, world, actor_id).status_code == 201
    twice = join(system, world, actor_id)
    assert twice.status_code == 409 and twice.json()["code"] == "membership.already_member"
    [membership] = world["db"]["memberships"].find({"actor_id": actor_id})
    assert len(membership["periods"]) == 1

    nobody = join(system, world, str(uuid.uuid4()))
    assert nobody.status_code == 404 and nobody.json()["code"] == "actor.unknown"
