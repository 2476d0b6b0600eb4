"""Revisions and pauses in the initiative read model (issue 15), from the events alone.

Facts are kept per event id, like every other recorder's, and the current values are
derived from them in time order: an InitiativeRevised or ChallengeRevised that arrives
before (or is applied again after) the InitiativeCreated it follows still wins, because
``derive`` lays the revisions over whatever the creation recorded.

Pauses: ``days_paused`` sums the pauses that have ended, ``paused_since`` is the start of
the one under way; the report adds the running pause's days and the days active (days
since the start, to the closing or now, without the days paused) when it is read.
"""
from __future__ import annotations

from samskab_infra.clock import chronological_key, days_between

from .facts import own, str_list, text, when

REVISED_VALUES = ("title", "vision", "themes", "focus_area", "municipalities")
"""What the read model keeps of an InitiativeRevised (co-owners are not reported)."""


def _revised(model: dict, env: dict, data: dict) -> None:
    changed = [f for f in str_list(data.get("changed_fields")) if f in REVISED_VALUES]
    own(model, "revisions")[env["event_id"]] = {
        "at": when(env), "event_id": env["event_id"], "values": {f: data.get(f) for f in changed},
        "changed_fields": str_list(data.get("changed_fields")), "reason": data.get("reason")}


def _challenge_revised(model: dict, env: dict, data: dict) -> None:
    own(model, "challenge_revisions")[env["event_id"]] = {
        "at": when(env), "event_id": env["event_id"], "revision": data.get("revision"),
        "phase": data.get("phase"), "challenge": text(data.get("challenge")),
        "challenge_perspectives": [p for p in data.get("challenge_perspectives") or []
                                   if isinstance(p, dict)],
        "previous_challenge": text(data.get("previous_challenge")), "reason": data.get("reason")}


def _paused(model: dict, env: dict, data: dict) -> None:
    own(model, "pause_changes")[env["event_id"]] = {
        "at": when(env), "event_id": env["event_id"], "paused": True, "reason": data.get("reason"),
        "phase": data.get("phase")}


def _resumed(model: dict, env: dict, data: dict) -> None:
    own(model, "pause_changes")[env["event_id"]] = {
        "at": when(env), "event_id": env["event_id"], "paused": False, "note": data.get("note")}


HANDLERS = {
    "InitiativeRevised": _revised,
    "ChallengeRevised": _challenge_revised,
    "InitiativePaused": _paused,
    "InitiativeResumed": _resumed,
}


def _in_order(facts: dict | None) -> list[dict]:
    return sorted((facts or {}).values(), key=lambda f: (chronological_key(f.get("at")), f["event_id"]))


def derive(model: dict) -> None:
    """The current values after every revision, the challenge's history and the pauses."""
    for revision in _in_order(model.get("revisions")):
        model.update(revision["values"])
    challenges = sorted((model.get("challenge_revisions") or {}).values(),
                        key=lambda c: (c.get("revision") or 0, chronological_key(c.get("at"))))
    if challenges:
        model["challenge"] = challenges[-1]["challenge"]
        model["challenge_perspectives"] = challenges[-1]["challenge_perspectives"]
    model["challenge_history"] = [{k: c.get(k) for k in ("revision", "at", "phase", "reason",
                                                         "previous_challenge")} for c in challenges]
    model["revision_history"] = [{k: r.get(k) for k in ("at", "changed_fields", "reason")}
                                 for r in _in_order(model.get("revisions"))]
    pauses: list[dict] = []
    for change in _in_order(model.get("pause_changes")):
        if change["paused"] and not (pauses and pauses[-1]["until"] is None):
            pauses.append({"since": change["at"], "until": None, "reason": change.get("reason"),
                           "phase": change.get("phase"), "days": None})
        elif not change["paused"] and pauses and pauses[-1]["until"] is None:
            pauses[-1].update(until=change["at"], days=days_between(pauses[-1]["since"], change["at"]))
    model["pauses"] = pauses
    model["paused_since"] = pauses[-1]["since"] if pauses and pauses[-1]["until"] is None else None
    model["days_paused"] = round(sum(p["days"] or 0 for p in pauses), 2)


def time_split(model: dict, now: str | None) -> dict[str, float | None]:
    """Days paused (the running pause up to ``now`` included) apart from days active
    (since the start, to the closing or ``now``, without the days paused)."""
    closed_at = (model.get("closure") or {}).get("at")
    end = closed_at or now
    paused = model.get("days_paused") or 0.0
    if model.get("paused_since") and not closed_at:
        paused += max(days_between(model["paused_since"], now) or 0.0, 0.0)
    lifetime = days_between(model.get("created_at"), end)
    return {"days_paused": round(paused, 2),
            "days_active": None if lifetime is None else round(max(lifetime - paused, 0.0), 2)}
