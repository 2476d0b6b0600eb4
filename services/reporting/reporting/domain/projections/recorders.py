"""Fact-recording handlers of the initiative projection, one per event type it reads.

Each handler writes facts keyed by entity or event id, through the copy-on-write
helpers ``own`` / ``entry``. Names of persons (anchor person, coordinator,
working group) are never copied: reporting does not need them.
"""
from __future__ import annotations

from collections.abc import Callable

from samskab_infra.clock import chronological_key

from . import network, reach, revisions
from .facts import entry, first, ids_of, own, str_list, text, when
from .governance import HANDLERS as GOVERNANCE_HANDLERS
from .learning import HANDLERS as LEARNING_HANDLERS
from .method import HANDLERS as METHOD_HANDLERS

Handler = Callable[[dict, dict, dict], None]


# -- lifecycle -----------------------------------------------------------------


def _created(model: dict, env: dict, data: dict) -> None:
    model.update(
        title=data.get("title"), challenge=text(data.get("challenge")),
        challenge_perspectives=[p for p in data.get("challenge_perspectives") or []
                                if isinstance(p, dict)],
        vision=data.get("vision"), themes=str_list(data.get("themes")),
        municipalities=str_list(data.get("municipalities")), created_at=when(env),
        focus_area=data.get("focus_area"),
    )
    if data.get("district"):
        model["district"] = data["district"]
    if data.get("phase"):
        _phase(model, env, data["phase"])


def _phase_advanced(model: dict, env: dict, data: dict) -> None:
    if first(data, "to_phase", "phase"):
        _phase(model, env, first(data, "to_phase", "phase"))


def _phase(model: dict, env: dict, phase: str) -> None:
    own(model, "phase_changes")[env["event_id"]] = {"phase": phase, "at": when(env),
                                                    "event_id": env["event_id"]}


def _later(current: dict | None, new: dict) -> dict:
    """Of two versions of a once-only fact, keep the one with the later own time."""
    if current is None or (chronological_key(new["at"]), new["event_id"]) > (
            chronological_key(current.get("at")), current.get("event_id", "")):
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
    own(model, "anchor_assignments")[env["event_id"]] = {"at": when(env),
                                                         "handover": bool(data.get("handover"))}


def _coordinator(model: dict, env: dict, data: dict) -> None:
    model["coordinator_assigned"] = True


def _baseline(model: dict, env: dict, data: dict) -> None:
    key = data.get("platform_id") or "initiative"
    new = {"description": data.get("description"), "date": data.get("date"), "at": when(env),
           "event_id": env["event_id"]}
    current = (model.get("baselines") or {}).get(key)
    order = ("date", "at", "event_id")
    if current is None or tuple(chronological_key(new[k]) for k in order) > tuple(
            chronological_key(current.get(k)) for k in order):
        own(model, "baselines")[key] = new


# -- platforms and goals -----------------------------------------------------------


def _platform(model: dict, platform_id: str) -> dict:
    return entry(model, "platforms", platform_id, lambda: {
        "platform_id": platform_id, "name": None, "focus_area": None, "status_changes": {}})


def _platform_established(model: dict, env: dict, data: dict) -> None:
    if data.get("platform_id"):
        _platform(model, data["platform_id"]).update(
            name=data.get("name"), focus_area=data.get("focus_area"),
            description=data.get("description"), established_at=when(env))


def _platform_status(reached: bool) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        if not data.get("platform_id"):
            return
        platform = _platform(model, data["platform_id"])
        platform["name"] = platform.get("name") or data.get("platform_name")
        platform["status_changes"][env["event_id"]] = {"at": when(env), "reached": reached,
                                                       "event_id": env["event_id"]}
    return handle


def _goal(model: dict, goal_id: str) -> dict:
    return entry(model, "goals", goal_id, lambda: {"goal_id": goal_id, "definitions": {},
                                                   "progress": {}, "adjustments": {}})


def _definition(goal: dict, env: dict, spec: dict, source: str) -> None:
    goal["definitions"][env["event_id"]] = {"at": when(env), "source": source,
                                            "event_id": env["event_id"], "definition": spec}


def _goal_set(model: dict, env: dict, data: dict) -> None:
    spec = data.get("goal")
    if isinstance(spec, dict) and spec.get("goal_id"):
        _definition(_goal(model, spec["goal_id"]), env, spec, "set")


def _goal_adjusted(model: dict, env: dict, data: dict) -> None:
    spec = data.get("goal") if isinstance(data.get("goal"), dict) else {}
    goal_id = data.get("goal_id") or spec.get("goal_id")
    if not goal_id:
        return
    goal = _goal(model, goal_id)
    if spec:
        _definition(goal, env, {**spec, "goal_id": goal_id}, "adjusted")
    goal["adjustments"][env["event_id"]] = {"at": when(env), "event_id": env["event_id"],
                                            "reason": data.get("reason"),
                                            "changes": data.get("changes") or {}}


SNAPSHOT_FIELDS = ("goal_id", "platform_id", "kind", "goal_type", "title", "indicator", "unit",
                   "baseline_value", "target_value", "target_level", "direction", "indicator_id",
                   "target_date", "parent_goal_id")


def _goal_progress(model: dict, env: dict, data: dict) -> None:
    if not data.get("goal_id"):
        return
    goal = _goal(model, data["goal_id"])
    _definition(goal, env, {k: data.get(k) for k in SNAPSHOT_FIELDS}, "progress")
    goal["progress"][env["event_id"]] = {
        "event_id": env["event_id"], "date": first(data, "date") or when(env), "at": when(env),
        "value": data.get("value"), "level": data.get("level"),
        "assessment": data.get("assessment"), "met": data.get("met"),
    }


# -- value journal, evaluation, activities ----------------------------------------


def _keyed(collection: str, id_field: str, fields: tuple[str, ...]) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        key = data.get(id_field) or env["event_id"]
        own(model, collection)[key] = {
            "id": key, "at": when(env), **{f: data.get(f) for f in fields},
            "actor_ids": ids_of(data.get("actor_ids")),
        }
    return handle


def _activity(model: dict, env: dict, data: dict) -> None:
    key = data.get("activity_id") or env["event_id"]
    attendance = {a["actor_id"]: a.get("count", 1) for a in data.get("attendance") or []
                  if isinstance(a, dict) and isinstance(a.get("actor_id"), str)}
    own(model, "activities")[key] = {
        "id": key, "at": when(env), "activity_type": data.get("activity_type"),
        "platform_id": data.get("platform_id"), "title": data.get("title"),
        "date": data.get("date"), "place": data.get("place"), "attendance": attendance,
        "total_attendance": data.get("total_attendance"),
        "findings_count": data.get("findings_count"),
    }


def _finding_entry(model: dict, key: str) -> dict:
    return entry(model, "findings", key, lambda: {"id": key, "resolved_at": None,
                                                  "action": False})


def _finding(model: dict, env: dict, data: dict) -> None:
    _finding_entry(model, data.get("finding_id") or env["event_id"]).update(
        activity_id=data.get("activity_id"), category=data.get("category"),
        date=data.get("date"), place=data.get("place"), description=data.get("description"),
        at=when(env))


def _finding_part(part: str) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        if not data.get("finding_id"):
            return
        finding = _finding_entry(model, data["finding_id"])
        finding.setdefault("category", data.get("category"))
        if part == "action":
            finding["action"] = True
        else:
            finding["resolved_at"] = first(data, "date") or when(env)
            finding["resolution"] = data.get("resolution")
    return handle


def _overdue(model: dict, env: dict, data: dict) -> None:
    own(model, "reality_checks_overdue")[env["event_id"]] = {
        "at": when(env), "platform_id": data.get("platform_id"), "due_date": data.get("due_date")}


# -- actors (events from the actors service) -------------------------------------


def _membership(change: str) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        actor_id = data.get("actor_id")
        if not actor_id:
            return
        member = entry(model, "members", actor_id, lambda: {"kind": None, "changes": {}})
        member["kind"] = data.get("actor_kind") or member.get("kind")
        member["changes"][env["event_id"]] = {
            "event_id": env["event_id"], "change": change, "scope": data.get("scope"),
            "platform_ids": str_list(data.get("platform_ids")), "at": when(env),
            "seq": data.get("membership_seq"), "reason_code": data.get("reason_code"),
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
    **METHOD_HANDLERS,
    **GOVERNANCE_HANDLERS,
    **LEARNING_HANDLERS,
    **revisions.HANDLERS,
    **network.HANDLERS,
    **reach.HANDLERS,
}
