"""Envelope builders for tests of notifications (plain dicts, as they arrive on the wire)."""
from __future__ import annotations

import uuid

INITIATIVE_ID = "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10"
TITLE = "Hjørring – Fri for Indbrud"


def envelope(event_type: str, data: dict, *, district: str | None = "nordjylland",
             occurred_at: str = "2024-03-01T08:00:00.000000Z", event_id: str | None = None) -> dict:
    return {
        "event_id": event_id or str(uuid.uuid4()),
        "type": event_type,
        "version": 1,
        "occurred_at": occurred_at,
        "producer": "test",
        "correlation_id": "corr-1",
        "causation_id": None,
        "district": district,
        "data": data,
    }


def initiative_created(**overrides) -> dict:
    data = {"initiative_id": INITIATIVE_ID, "title": TITLE,
            "challenge": "Mange indbrud i private hjem i Hjørring Kommune.",
            "district": "nordjylland", "themes": ["burglary_prevention"],
            "municipalities": ["Hjørring"], "phase": "start_up", "created_by": "anchor@politi.dk"}
    return envelope("InitiativeCreated", {**data, **overrides})


def anchor_assigned(person_id: str = "anchor-1", email: str | None = "anker@politi.dk",
                    language: str = "da", name: str = "Søren Ærø") -> dict:
    data = {"initiative_id": INITIATIVE_ID, "person_id": person_id, "name": name,
            "language": language}
    if email:
        data["email"] = email
    return envelope("AnchorPersonAssigned", data)


def actor_joined(actor_id: str = "actor-7", name: str = "Hjørring Kommune", **kw) -> dict:
    return envelope("ActorJoined", {"initiative_id": INITIATIVE_ID, "actor_id": actor_id,
                                    "actor_name": name}, **kw)
