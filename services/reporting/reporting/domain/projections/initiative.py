"""The per-initiative read model: ``apply(read_model, envelope) -> read_model``.

Handlers only record facts, keyed by entity or event id; ``derive`` then
recomputes every figure from those facts. Unknown event types and unknown
fields are ignored. Names of persons (anchor person, coordinator, working
group) are never copied into the read model: reporting does not need them.
"""
from __future__ import annotations

import copy
from collections.abc import Callable

from ..timeutil import sort_key
from .derive import derive
from .facts import first, ids_of, str_list, text, when

APPLIED_KEEP = 1000
Handler = Callable[[dict, dict, dict], None]


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


def apply(read_model: dict | None, envelope: dict, **options: float) -> dict:
    """Apply one event; a duplicate (same event id) or an unhandled type returns the model
    unchanged. ``options`` are passed to the influence measure (threshold, min_actors)."""
    model = read_model if read_model is not None else empty(initiative_id_of(envelope))
    handler = HANDLERS.get(envelope.get("type", ""))
    event_id = envelope.get("event_id")
    if handler is None or event_id in model.get("_applied", []):
        return model
    model = copy.deepcopy(model)
    data = envelope.get("data") or {}
    handler(model, envelope, data)
    model["initiative_id"] = model.get("initiative_id") or initiative_id_of(envelope)
    model["district"] = model.get("district") or data.get("district") or envelope.get("district")
    at = when(envelope)
    if at and sort_key(at) > sort_key(model.get("last_event_at")):
        model["last_event_at"] = at
    model["_applied"] = (model.get("_applied", []) + [event_id])[-APPLIED_KEEP:]
    return derive(model, **options)


def initiative_id_of(envelope: dict) -> str | None:
    return (envelope.get("data") or {}).get("initiative_id")


def handles(event_type: str) -> bool:
    return event_type in HANDLERS


# -- lifecycle -----------------------------------------------------------------


def _created(model: dict, env: dict, data: dict) -> None:
    model.update(
        title=data.get("title"), challenge=text(data.get("challenge")),
        challenge_perspectives=[p for p in data.get("challenge_perspectives") or []
                                if isinstance(p, dict)],
        vision=data.get("vision"), themes=str_list(data.get("themes")),
        municipalities=str_list(data.get("municipalities")), created_at=when(env),
    )
    if data.get("district"):
        model["district"] = data["district"]
    if data.get("phase"):
        _phase(model, env, data["phase"])


def _phase_advanced(model: dict, env: dict, data: dict) -> None:
    if first(data, "to_phase", "phase"):
        _phase(model, env, first(data, "to_phase", "phase"))


def _phase(model: dict, env: dict, phase: str) -> None:
    model["phase_changes"][env["event_id"]] = {"phase": phase, "at": when(env),
                                               "event_id": env["event_id"]}


def _later(current: dict | None, new: dict) -> dict:
    """Of two versions of a once-only fact, keep the one with the later own time."""
    if current is None or (sort_key(new["at"]), new["event_id"]) > (
            sort_key(current.get("at")), current.get("event_id", "")):
        return new
    return current


def _closed(model: dict, env: dict, data: dict) -> None:
    model["closure"] = _later(model.get("closure"), {
        "at": when(env), "event_id": env["event_id"],
        "override_used": bool(data.get("override_used")), "summary": data.get("summary")})


def _network(model: dict, env: dict, data: dict) -> None:
    model["network"] = _later(model.get("network"), {
        "at": when(env), "event_id": env["event_id"], "name": data.get("network_name"),
        "purpose": data.get("purpose")})


def _anchor(model: dict, env: dict, data: dict) -> None:
    model["anchor_assignments"][env["event_id"]] = {"at": when(env),
                                                    "handover": bool(data.get("handover"))}


def _coordinator(model: dict, env: dict, data: dict) -> None:
    model["coordinator_assigned"] = True


def _baseline(model: dict, env: dict, data: dict) -> None:
    key = data.get("platform_id") or "initiative"
    entry = {"description": data.get("description"), "date": data.get("date"), "at": when(env),
             "event_id": env["event_id"]}
    current = model["baselines"].get(key)
    order = ("date", "at", "event_id")
    if current is None or tuple(sort_key(entry[k]) for k in order) > tuple(
            sort_key(current.get(k)) for k in order):
        model["baselines"][key] = entry


# -- platforms and goals -----------------------------------------------------------


def _platform(model: dict, platform_id: str | None) -> dict | None:
    if not platform_id:
        return None
    return model["platforms"].setdefault(platform_id, {"platform_id": platform_id, "name": None,
                                                       "focus_area": None, "status_changes": {}})


def _platform_established(model: dict, env: dict, data: dict) -> None:
    platform = _platform(model, data.get("platform_id"))
    if platform is not None:
        platform.update(name=data.get("name"), focus_area=data.get("focus_area"),
                        description=data.get("description"), established_at=when(env))


def _platform_status(reached: bool) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        platform = _platform(model, data.get("platform_id"))
        if platform is None:
            return
        platform["name"] = platform.get("name") or data.get("platform_name")
        platform["status_changes"][env["event_id"]] = {"at": when(env), "reached": reached,
                                                       "event_id": env["event_id"]}
    return handle


def _goal(model: dict, goal_id: str | None) -> dict | None:
    if not goal_id:
        return None
    return model["goals"].setdefault(goal_id, {"goal_id": goal_id, "definitions": {},
                                               "progress": {}, "adjustments": {}})


def _definition(model: dict, env: dict, spec: dict, source: str) -> None:
    goal = _goal(model, spec.get("goal_id"))
    if goal is not None:
        goal["definitions"][env["event_id"]] = {"at": when(env), "source": source,
                                                "event_id": env["event_id"], "definition": spec}


def _goal_set(model: dict, env: dict, data: dict) -> None:
    if isinstance(data.get("goal"), dict):
        _definition(model, env, data["goal"], "set")


def _goal_adjusted(model: dict, env: dict, data: dict) -> None:
    spec = data.get("goal") if isinstance(data.get("goal"), dict) else {}
    goal = _goal(model, data.get("goal_id") or spec.get("goal_id"))
    if goal is None:
        return
    if spec:
        _definition(model, env, {"goal_id": goal["goal_id"], **spec}, "adjusted")
    goal["adjustments"][env["event_id"]] = {"at": when(env), "event_id": env["event_id"],
                                            "reason": data.get("reason"),
                                            "changes": data.get("changes") or {}}


def _goal_progress(model: dict, env: dict, data: dict) -> None:
    goal = _goal(model, data.get("goal_id"))
    if goal is None:
        return
    snapshot = {k: data.get(k) for k in ("goal_id", "platform_id", "kind", "goal_type", "title",
                                         "indicator", "unit", "baseline_value", "target_value",
                                         "target_level", "direction")}
    _definition(model, env, snapshot, "progress")
    goal["progress"][env["event_id"]] = {
        "event_id": env["event_id"], "date": first(data, "date") or when(env), "at": when(env),
        "value": data.get("value"), "level": data.get("level"),
        "assessment": data.get("assessment"), "met": data.get("met"),
    }


# -- value journal, evaluation, activities ----------------------------------------


def _keyed(collection: str, id_field: str, fields: tuple[str, ...]) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        key = data.get(id_field) or env["event_id"]
        model[collection][key] = {
            "id": key, "at": when(env), **{f: data.get(f) for f in fields},
            "actor_ids": ids_of(data.get("actor_ids")),
        }
    return handle


def _activity(model: dict, env: dict, data: dict) -> None:
    key = data.get("activity_id") or env["event_id"]
    attendance = {a["actor_id"]: a.get("count", 1) for a in data.get("attendance") or []
                  if isinstance(a, dict) and isinstance(a.get("actor_id"), str)}
    model["activities"][key] = {
        "id": key, "at": when(env), "activity_type": data.get("activity_type"),
        "platform_id": data.get("platform_id"), "title": data.get("title"),
        "date": data.get("date"), "place": data.get("place"), "attendance": attendance,
        "total_attendance": data.get("total_attendance"),
        "findings_count": data.get("findings_count"),
    }


def _finding(model: dict, env: dict, data: dict) -> None:
    key = data.get("finding_id") or env["event_id"]
    finding = model["findings"].setdefault(key, {"id": key, "resolved_at": None, "action": False})
    finding.update(activity_id=data.get("activity_id"), category=data.get("category"),
                   date=data.get("date"), place=data.get("place"),
                   description=data.get("description"), at=when(env))


def _finding_part(part: str) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        key = data.get("finding_id")
        if not key:
            return
        finding = model["findings"].setdefault(key, {"id": key, "resolved_at": None,
                                                     "action": False})
        finding.setdefault("category", data.get("category"))
        if part == "action":
            finding["action"] = True
        else:
            finding["resolved_at"] = first(data, "date") or when(env)
            finding["resolution"] = data.get("resolution")
    return handle


def _overdue(model: dict, env: dict, data: dict) -> None:
    model["reality_checks_overdue"][env["event_id"]] = {
        "at": when(env), "platform_id": data.get("platform_id"), "due_date": data.get("due_date")}


# -- actors (events from the actors service) -------------------------------------


def _membership(change: str) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        actor_id = data.get("actor_id")
        if not actor_id:
            return
        member = model["members"].setdefault(actor_id, {"kind": None, "changes": {}})
        member["kind"] = data.get("actor_kind") or member.get("kind")
        member["changes"][env["event_id"]] = {
            "event_id": env["event_id"], "change": change, "scope": data.get("scope"),
            "platform_ids": str_list(data.get("platform_ids")),
            "at": when(env),
        }
    return handle


HANDLERS: dict[str, Handler] = {
    "InitiativeCreated": _created,
    "InitiativePhaseAdvanced": _phase_advanced,
    "InitiativeClosed": _closed,
    "InitiativeBecameNetwork": _network,
    "AnchorPersonAssigned": _anchor,
    "CoordinatorAssigned": _coordinator,
    "BaselineDescribed": _baseline,
    "PlatformEstablished": _platform_established,
    "PlatformGoalReached": _platform_status(True),
    "PlatformGoalUnmet": _platform_status(False),
    "GoalSet": _goal_set,
    "GoalAdjusted": _goal_adjusted,
    "GoalProgressRecorded": _goal_progress,
    "ResultDocumented": _keyed("results", "result_id",
                               ("platform_id", "title", "description", "size", "date")),
    "RippleEffectRecorded": _keyed("ripple_effects", "ripple_effect_id",
                                   ("platform_id", "title", "description", "evidence", "date")),
    "RealityCheckRecorded": _keyed("reality_checks", "reality_check_id",
                                   ("platform_id", "platform_name", "date", "scores",
                                    "average_score", "notes")),
    "RealityCheckOverdue": _overdue,
    "ActivityHeld": _activity,
    "SafetyWalkFindingRecorded": _finding,
    "FollowUpActionCreated": _finding_part("action"),
    "FindingResolved": _finding_part("resolved"),
    "ActorJoined": _membership("joined"),
    "ActorLeft": _membership("left"),
}
