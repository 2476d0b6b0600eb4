"""The actor directory read model: kind and (organisations only) display name per actor.

The catalogue names the organisations taking part, as the police's own case
catalogue does; a citizen is never named (the actors contract never sends a
citizen's name, and this projection would drop one anyway). Erasure is sticky:
after ActorErased no later-arriving event can bring a name back.
"""
from __future__ import annotations

import copy

from samskab_infra.applied_events import remember_applied
from samskab_infra.clock import chronological_key

from .facts import when

APPLIED_KEEP = 200
CITIZEN = "citizen"
HANDLED = ("ActorRegistered", "ActorUpdated", "ActorJoined", "ActorErased")


def empty(actor_id: str | None) -> dict:
    return {"actor_id": actor_id, "kind": None, "name": None, "department": None,
            "municipality": None, "district": None, "fields_at": {}, "erased": False,
            "_applied": []}


def handles(event_type: str) -> bool:
    return event_type in HANDLED


def apply(entry: dict | None, envelope: dict) -> dict:
    data = envelope.get("data") or {}
    entry = entry if entry is not None else empty(data.get("actor_id"))
    event_type, event_id = envelope.get("type", ""), envelope.get("event_id")
    if event_type not in HANDLED or event_id in entry.get("_applied", []):
        return entry
    entry = copy.deepcopy(entry)
    at = when(envelope)
    entry["kind"] = data.get("actor_kind") or entry.get("kind")
    entry["district"] = data.get("district") or entry.get("district")
    if event_type == "ActorErased":
        entry.update(erased=True, name=None, department=None, municipality=None, fields_at={})
    elif not entry["erased"]:
        # Each detail keeps the value from the latest event that carried it.
        named = entry["kind"] != CITIZEN
        stamps = entry.setdefault("fields_at", {})
        for key in ("name", "department", "municipality"):
            if key in data and chronological_key(at) >= chronological_key(stamps.get(key)):
                entry[key] = data[key] if named else None
                stamps[key] = at
    entry["_applied"] = remember_applied(entry.get("_applied"), event_id, APPLIED_KEEP)
    return entry
