"""Every derived figure of an initiative read model, recomputed from its facts."""
from __future__ import annotations

from samskab_infra.clock import chronological_key, days_between

from .. import goals as goal_rules
from .. import influence
from . import reach, revisions
from .governance import core_group, proposers
from .governance import counts as governance_counts
from .members import by_month, summarise
from .method import counts as method_counts
from .network import counts as network_counts

LOW_AVERAGE = 2.5
LOW_DIMENSION = 2
"""A reality check counts as an obstacle ("what was hard") when its average score is at
most LOW_AVERAGE or any dimension scores at most LOW_DIMENSION on the 1-5 scale."""


def _ordered(items: dict, *keys: str) -> list[dict]:
    return sorted(items.values(),
                  key=lambda x: tuple(chronological_key(x.get(k)) for k in keys) + (x.get("event_id") or
                                                                           x.get("id") or "",))


def derive(model: dict, **options: float) -> dict:
    history = [{"phase": c["phase"], "entered_at": c["at"]}
               for c in _ordered(model.get("phase_changes", {}), "at")]
    closure, network = model.get("closure"), model.get("network")
    model["phase_history"] = history
    model["phase"] = history[-1]["phase"] if history else None
    model["phase_days"] = _phase_days(history, closure and closure.get("at"))
    model["status"] = "network" if network else "closed" if closure else "active"
    model["days_to_close"] = days_between(model.get("created_at"), closure and closure.get("at"))
    revisions.derive(model)
    reach.derive(model)
    model["goal_status"] = {gid: goal_rules.derive(g) for gid, g in sorted(model["goals"].items())}
    actors = summarise(model.get("members", {}))
    model["platform_status"] = _platforms(model, actors["per_platform"])
    model["actors"] = {k: v for k, v in actors.items() if k != "timeline"}
    model["actors"]["by_month"] = by_month(actors["timeline"])
    model["participation"] = _participation(model, actors)
    kinds = {a: m.get("kind") for a, m in model.get("members", {}).items()}
    model["influence"] = influence.measure(model["participation"], kinds, **options)
    model["influence"]["core_group"] = core_group(model, model["participation"])
    model["reality_check_series"] = [
        {"date": r.get("date"), "platform_id": r.get("platform_id"),
         "average_score": r.get("average_score"), "scores": r.get("scores") or {}}
        for r in _ordered(model.get("reality_checks", {}), "date", "at")]
    model["obstacles"] = _obstacles(model)
    model["counts"] = _counts(model)
    return model


def _phase_days(history: list[dict], closed_at: str | None) -> dict[str, float]:
    """Days spent in each finished phase (a phase entered twice adds up)."""
    days: dict[str, float] = {}
    if not history:
        return days
    ends = [h["entered_at"] for h in history[1:]] + [closed_at]
    for entry, end in zip(history, ends, strict=True):
        spent = days_between(entry["entered_at"], end)
        if spent is not None:
            days[entry["phase"]] = round(days.get(entry["phase"], 0) + spent, 2)
    return days


def _platforms(model: dict, per_platform: dict[str, int]) -> dict[str, dict]:
    out = {}
    for pid, platform in sorted(model.get("platforms", {}).items()):
        changes = _ordered(platform.get("status_changes", {}), "at")
        goals = [g for g in model["goal_status"].values() if g.get("platform_id") == pid]
        out[pid] = {
            "platform_id": pid, "name": platform.get("name"),
            "focus_area": platform.get("focus_area"),
            "established_at": platform.get("established_at"),
            "goals_reached": changes[-1]["reached"] if changes else False,
            "goals_reached_at": changes[-1]["at"] if changes and changes[-1]["reached"] else None,
            "goal_ids": [g["goal_id"] for g in goals],
            "active_actors": per_platform.get(pid, 0),
            "baseline": (model.get("baselines", {}).get(pid) or {}).get("description"),
        }
    return out


def _participation(model: dict, actors: dict) -> dict[str, dict[str, int]]:
    """Per actor: activities attended, results and ripple effects credited, proposals.

    The population is every active member plus anyone credited with participation
    whose membership is not known yet; actors that left are not counted."""
    members = model.get("members", {})
    active = set(actors["active_ids"])
    counts: dict[str, dict[str, int]] = {
        a: {"attendance": 0, "results": 0, "proposals": 0} for a in actors["active_ids"]}

    def credit(actor_id: str, what: str) -> None:
        if actor_id in members and actor_id not in active:
            return
        counts.setdefault(actor_id, {"attendance": 0, "results": 0, "proposals": 0})[what] += 1

    for activity in model.get("activities", {}).values():
        for actor_id, present in activity.get("attendance", {}).items():
            if present:
                credit(actor_id, "attendance")
    for collection in ("results", "ripple_effects"):
        for item in model.get(collection, {}).values():
            for actor_id in item.get("actor_ids", []):
                credit(actor_id, "results")
    for actor_id in proposers(model):
        credit(actor_id, "proposals")
    return dict(sorted(counts.items()))


def _obstacles(model: dict) -> list[dict]:
    """What was hard: low-scoring reality checks with notes, and why goals were adjusted."""
    found = []
    for check in _ordered(model.get("reality_checks", {}), "date", "at"):
        scores = [s for s in (check.get("scores") or {}).values() if isinstance(s, (int, float))]
        average = check.get("average_score")
        low = (isinstance(average, (int, float)) and average <= LOW_AVERAGE) or any(
            s <= LOW_DIMENSION for s in scores)
        if low and check.get("notes"):
            found.append({"source": "reality_check", "date": check.get("date"),
                          "text": check["notes"], "platform_id": check.get("platform_id"),
                          "score": average})
    for goal in model["goal_status"].values():
        for adjustment in goal["adjustments"]:
            if adjustment.get("reason"):
                found.append({"source": "goal_adjustment", "date": adjustment.get("at"),
                              "text": adjustment["reason"], "platform_id": goal.get("platform_id"),
                              "goal_title": goal.get("title")})
    return sorted(found, key=lambda o: (chronological_key(o["date"]), o["source"], o["text"]))


def _counts(model: dict) -> dict[str, int]:
    results = model.get("results", {}).values()
    findings = model.get("findings", {}).values()
    goals = model["goal_status"].values()
    return {
        "platforms": len(model["platform_status"]),
        "platforms_reached": sum(1 for p in model["platform_status"].values()
                                 if p["goals_reached"]),
        "goals": len(model["goal_status"]),
        "goals_reached": sum(1 for g in goals if g["reached"]),
        "results": len(model.get("results", {})),
        "breakthroughs": sum(1 for r in results if r.get("size") == "breakthrough"),
        "ripple_effects": len(model.get("ripple_effects", {})),
        "reality_checks": len(model.get("reality_checks", {})),
        "reality_checks_overdue": len(model.get("reality_checks_overdue", {})),
        "activities": len(model.get("activities", {})),
        "findings": len(model.get("findings", {})),
        "findings_resolved": sum(1 for f in findings if f.get("resolved_at")),
        "anchor_handovers": sum(1 for a in model.get("anchor_assignments", {}).values()
                                if a.get("handover")),
        **method_counts(model),
        **governance_counts(model),
        **network_counts(model),
    }
