"""Fixture data made once through the API: a 'world' is one initiative in
co-creative development with an anchor person, a platform with a baseline, a
quantitative and a qualitative goal, a safety walk with two findings, a member actor
and a second actor that is not (yet) a member, a subscription and a webhook endpoint."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import requests

from tests.harness import wait_until

DISTRICT = "nordjylland"
TODAY = datetime.now(UTC).date().isoformat()
HOOK_URL = "https://127.0.0.1:9/hook"
"""Webhooks of the tests go to a closed local port (NOTIFY_WEBHOOK_ALLOWED_HOSTS=127.0.0.1)."""


@dataclass
class World:
    initiative_id: str
    platform_id: str
    quantitative_goal_id: str
    qualitative_goal_id: str
    finding_ids: list[str]
    member_actor_id: str
    actor_id: str
    """A citizen, registered, not a member: the subject of the actor and membership routes."""
    subscription_id: str = ""
    endpoint_id: str = ""
    grant_id: str = ""
    source_id: str = ""
    potential_actor_id: str = ""
    idea_id: str = ""
    """A district operator grant in DISTRICT, given by the builder, for the withdrawal row."""


def ok(response: requests.Response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.request.method} {response.url}: {response.text}"
    return response.json()


def initiative_body(title: str = "Hjørring – Fri for Indbrud", district: str = DISTRICT) -> dict:
    return {"title": title, "district": district, "themes": ["burglary_prevention"],
            "challenge": {"text": "Mange indbrud i private hjem"}, "municipalities": ["Hjørring"]}


def actor_body(name: str, district: str = DISTRICT) -> dict:
    return {"kind": "association", "district": district, "name": name,
            "contact_points": [{"name": "Kontakt", "email": "kontakt@example.dk"}]}


def citizen_body(display_name: str, district: str = DISTRICT) -> dict:
    return {"kind": "citizen", "district": district, "display_name": display_name,
            "contact": {"channel": "email", "address": "borger@example.dk"}}


def _advance(session, url: str, to_phase: str) -> None:
    ok(session.post(f"{url}/phase-transitions", json={"to_phase": to_phase, "reason": "gate met"}))


def build_world(session: requests.Session, base: str, label: str) -> World:
    """As a district operator of DISTRICT: everything the route matrix needs."""
    initiative_id = ok(session.post(f"{base}/initiatives", json=initiative_body(f"Verden {label}")),
                       201)["initiative_id"]
    url = f"{base}/initiatives/{initiative_id}"
    ok(session.put(f"{url}/anchor-person", json={"anchor_person": {"person_id": "anne", "name": "Anne"}}))
    method = method_work(session, url)
    platform = ok(session.post(f"{url}/platforms", json={"name": "Boligområdet", "focus_area": "Indbrud"}), 201)
    platform_id = platform["platform_id"]
    ok(session.put(f"{url}/baseline", json={"platform_id": platform_id, "description": "Før", "date": TODAY}))
    _advance(session, url, "co_creative_development")
    quantitative = ok(session.post(f"{url}/goals", json={
        "kind": "process", "goal_type": "quantitative", "title": "Færre indbrud", "indicator": "indbrud",
        "unit": "antal", "baseline_value": 40, "target_value": 20, "direction": "down"}), 201)
    qualitative = ok(session.post(f"{url}/goals", json={
        "kind": "process", "goal_type": "qualitative", "title": "Tryghed", "target_level": 4}), 201)
    walk = ok(session.post(f"{url}/safety-walks", json={
        "date": TODAY, "place": "Banegården", "route": [[57.45, 9.98], [57.46, 9.99]],
        "findings": [{"point": [57.45, 9.98], "category": "graffiti"},
                     {"point": [57.46, 9.99], "category": "missing_lighting"}]}), 201)
    member = ok(session.post(f"{base}/actors", json=actor_body(f"Grundejerforening {label}")), 201)["actor_id"]
    actor = ok(session.post(f"{base}/actors", json=citizen_body(f"Borger {label}")), 201)["actor_id"]
    wait_until(lambda: session.post(f"{url}/members", json={"actor_id": member}).status_code == 201,
               timeout=20, message="actors knows the initiative")
    # The citizen agreed to take part, so the initiative's leaders may enrol them (docs/access.md).
    ok(session.post(f"{base}/actors/{actor}/consents", json={"purpose": "take_part", "initiative_id": initiative_id}),
       201)
    grant = ok(session.post(f"{base}/admin/grants", json={
        "subject": f"kollega-{label}@politi.dk", "role": "district_operator", "district": DISTRICT}), 201)
    world = World(initiative_id, platform_id, quantitative["goal_id"], qualitative["goal_id"],
                  walk["finding_ids"], member, actor)
    world.grant_id = grant["grant_id"]
    world.source_id, world.potential_actor_id = method["source_id"], method["potential_actor_id"]
    world.idea_id = ok(session.post(f"{url}/ideas-handed-over", json={
        "idea": "Natbusser", "recipient_name": "Kommunen", "date": TODAY}), 201)["idea_id"]
    return world


def method_work(session: requests.Session, url: str) -> dict:
    """Phases 2-4 through their gates: a source and the problem statement it evidences, a
    direction, a potential actor in dialogue; the ids the matrix's rows refer to."""
    _advance(session, url, "mapping")
    source_id = ok(session.post(f"{url}/mapping/sources", json={
        "kind": "interview", "gathered_by": "Arbejdsgruppen", "date": TODAY,
        "description": "Beboerne fortæller om indbrud"}), 201)["source_id"]
    ok(session.post(f"{url}/mapping/problem-statements", json={
        "statement": "Indbrud om dagen", "source_ids": [source_id]}), 201)
    _advance(session, url, "analysis")
    ok(session.put(f"{url}/analysis/direction", json={"direction": "Naboer hjælper naboer"}))
    potential_actor_id = ok(session.post(f"{url}/analysis/potential-actors", json={
        "name": "Boligforeningen", "kind": "housing_organisation", "why": "Ejer blokkene"}), 201)["potential_actor_id"]
    _advance(session, url, "actor_involvement")
    ok(session.put(f"{url}/analysis/potential-actors/{potential_actor_id}/dialogue",
                   json={"dialogue_status": "in_dialogue"}))
    _advance(session, url, "establishment")
    return {"source_id": source_id, "potential_actor_id": potential_actor_id}


def add_notifications(subscriber: requests.Session, endpoint_owner: requests.Session, base: str,
                      world: World) -> None:
    """A subscription of ``subscriber`` and a webhook endpoint of ``endpoint_owner``."""
    followed = subscriber.post(f"{base}/subscriptions", json={
        "event_types": ["InitiativeClosed"], "initiative_id": world.initiative_id, "channels": ["feed"]})
    if followed.status_code == 404:  # may not read the initiative: a mute needs no scope
        followed = subscriber.post(f"{base}/subscriptions", json={
            "event_types": ["InitiativeCreated"], "mute": True, "channels": []})
    world.subscription_id = ok(followed, 201)["subscriptions"][0]["subscription_id"]
    world.endpoint_id = ok(endpoint_owner.post(f"{base}/webhook-endpoints", json={
        "url": HOOK_URL, "event_types": ["InitiativeCreated"]}), 201)["endpoint_id"]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
