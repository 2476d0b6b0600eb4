"""The per-initiative read model: ``apply(read_model, envelope) -> read_model``.

Recorders (recorders.py) only record facts, keyed by entity or event id; ``derive``
then recomputes every figure from those facts. Unknown event types and unknown
fields are ignored. The model passed in is never changed (copy-on-write).
"""
from __future__ import annotations

from collections.abc import Iterable

from samskab_infra.applied_events import remember_applied
from samskab_infra.clock import chronological_key

from .derive import derive
from .facts import when
from .recorders import HANDLERS

APPLIED_KEEP = 1000
"""Event ids kept for de-duplication. Facts are keyed by id too, so a duplicate
older than this still changes nothing; the list only makes the common case cheap."""


def empty(initiative_id: str | None) -> dict:
    return {
        "initiative_id": initiative_id, "title": None, "challenge": None,
        "challenge_perspectives": [], "vision": None, "district": None, "themes": [],
        "municipalities": [], "created_at": None, "phase_changes": {}, "anchor_assignments": {},
        "coordinator_assigned": False, "baselines": {}, "platforms": {}, "goals": {},
        "results": {}, "ripple_effects": {}, "reality_checks": {}, "reality_checks_overdue": {},
        "activities": {}, "findings": {}, "members": {}, "closure": None, "network": None,
        "last_event_at": None, "_applied": [],
    }


def initiative_id_of(envelope: dict) -> str | None:
    return (envelope.get("data") or {}).get("initiative_id")


def handles(event_type: str) -> bool:
    return event_type in HANDLERS


def _record(model: dict, envelope: dict) -> dict | None:
    """Record one event's facts on a shallow copy; None when there is nothing to do."""
    handler = HANDLERS.get(envelope.get("type", ""))
    event_id = envelope.get("event_id")
    if handler is None or event_id in model.get("_applied", []):
        return None
    model = dict(model)
    data = envelope.get("data") or {}
    handler(model, envelope, data)
    model["initiative_id"] = model.get("initiative_id") or initiative_id_of(envelope)
    model["district"] = model.get("district") or data.get("district") or envelope.get("district")
    at = when(envelope)
    if at and chronological_key(at) > chronological_key(model.get("last_event_at")):
        model["last_event_at"] = at
    model["_applied"] = remember_applied(model.get("_applied"), event_id, APPLIED_KEEP)
    return model


def apply(read_model: dict | None, envelope: dict, **options: float) -> dict:
    """Apply one event; a duplicate (same event id) or an unhandled type returns the model
    unchanged (the same object). ``options`` go to the influence measure
    (threshold, min_actors)."""
    model = read_model if read_model is not None else empty(initiative_id_of(envelope))
    recorded = _record(model, envelope)
    return model if recorded is None else derive(recorded, **options)


def apply_many(read_model: dict | None, envelopes: Iterable[dict], **options: float) -> dict:
    """Apply a batch and derive once: the same model as applying them one by one."""
    model = read_model
    changed = False
    for envelope in envelopes:
        base = model if model is not None else empty(initiative_id_of(envelope))
        recorded = _record(base, envelope)
        if recorded is not None:
            model, changed = recorded, True
    if model is None:
        return empty(None)
    return derive(model, **options) if changed else model
