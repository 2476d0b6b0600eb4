"""JSON-ready views of one initiative read model, with exact figures or suppressed ones.

Who may read an initiative and who sees its figures exactly is the handler's decision
(domain/viewer.py): the national centre, the district's operators and the people of
the initiative see every figure (``exact``). Anyone else who may read it sees the counts
derived from persons suppressed below the threshold: citizens among the actors (counts
of organisations are shown), attendance, counts that mix citizens with organisations
where citizens are few, and no per-kind participation or anchor-person handovers.
Counts of the initiative's own work (results, platforms, goals) are not about persons
and are shown to everyone, as the published case catalogue does.
"""
from __future__ import annotations

from samskab_infra.clock import chronological_key, days_between

from .projections.learning import learning_view
from .projections.reach import districts_of
from .projections.revisions import time_split
from .suppression import THRESHOLD, cell, is_small, one_way
from .vocabulary import PERSON_KINDS


def citizens_active(model: dict) -> int:
    """How many of the initiative's active actors are citizens (persons)."""
    members = model.get("members") or {}
    return sum(1 for actor_id in (model.get("actors") or {}).get("active_ids", [])
               if (members.get(actor_id) or {}).get("kind") in PERSON_KINDS)


def initiative_view(model: dict, *, exact: bool = False, directory: dict | None = None,
                    now: str | None = None, threshold: int = THRESHOLD) -> dict:
    # Organisations are listed by name, so any count that mixes them with citizens gives
    # the citizens away by subtraction: all such counts go when citizens are few.
    mixed_hidden = not exact and is_small(citizens_active(model), threshold)
    goals = model.get("goal_status", {})
    platforms = [{**p, "goals": [_goal(goals[g]) for g in p["goal_ids"] if g in goals],
                  "active_actors": cell(p.get("active_actors"), mixed_hidden)}
                 for p in model.get("platform_status", {}).values()]
    counts = dict(model.get("counts") or {})
    if not exact:
        counts.pop("anchor_handovers", None)  # about one known person
        for persons in ("activity_participants", "activity_citizens"):  # counts of persons
            if is_small(counts.get(persons), threshold):
                counts.pop(persons, None)
    loose = [_goal(g) for g in goals.values() if g.get("platform_id") not in
             model.get("platform_status", {})]
    return {
        **{k: model.get(k) for k in ("initiative_id", "title", "challenge",
                                     "challenge_perspectives", "vision", "district", "themes",
                                     "municipalities", "created_at", "phase", "phase_history",
                                     "status", "days_to_close", "obstacles",
                                     "reality_check_series", "focus_area", "paused_since")},
        "challenge_history": model.get("challenge_history") or [],
        "revision_history": model.get("revision_history") or [],
        "pauses": model.get("pauses") or [],
        "districts": districts_of(model),
        "scope": model.get("scope") or "local",
        **time_split(model, now),
        "counts": counts,
        "phase_days": current_phase_days(model, now),
        "closed_at": (model.get("closure") or {}).get("at"),
        "closure_summary": (model.get("closure") or {}).get("summary"),
        "network": model.get("network") and {k: model["network"].get(k)
                                             for k in ("at", "name", "purpose")},
        "platforms": platforms,
        "initiative_goals": loose,
        "results": _journal(model.get("results", {}), ("title", "description", "size", "date",
                                                       "platform_id")),
        "ripple_effects": _journal(model.get("ripple_effects", {}),
                                   ("title", "description", "evidence", "date", "platform_id")),
        "actors": _actors(model, exact, directory or {}, threshold),
        "activities": _activities(model, exact, threshold),
        "ideas_handed_over": _ideas(model.get("ideas_handed_over") or {}),
        "influence": _influence(model.get("influence") or {}, exact, mixed_hidden),
        "learning": learning_view(model, directory or {}),
        "suppressed_view": not exact,
    }


def current_phase_days(model: dict, now: str | None) -> dict[str, float]:
    """Days per phase, with the time so far in the current phase when ``now`` is given."""
    days = dict(model.get("phase_days") or {})
    history = model.get("phase_history") or []
    if now and history and not model.get("closure"):
        last = history[-1]
        spent = days_between(last["entered_at"], now)
        if spent is not None and spent >= 0:
            days[last["phase"]] = round(days.get(last["phase"], 0) + spent, 2)
    return days


def _goal(goal: dict) -> dict:
    return {k: goal.get(k) for k in ("goal_id", "platform_id", "kind", "year", "goal_type",
                                     "title", "description", "indicator", "unit",
                                     "baseline_value", "target_value", "direction",
                                     "target_level", "latest", "progress_pct", "trend",
                                     "reached", "series", "adjustments", "indicator_id",
                                     "target_date", "parent_goal_id")}


def _journal(items: dict, fields: tuple[str, ...]) -> list[dict]:
    ordered = sorted(items.values(), key=lambda i: (chronological_key(i.get("date")), i.get("id", "")))
    return [{"id": i.get("id"), **{f: i.get(f) for f in fields}} for i in ordered]


def organisations(model: dict, directory: dict) -> list[dict]:
    """Active organisation actors with their display names (never citizens, never erased)."""
    out = []
    for actor_id in (model.get("actors") or {}).get("active_ids", []):
        entry = directory.get(actor_id) or {}
        kind = entry.get("kind") or model.get("members", {}).get(actor_id, {}).get("kind")
        if kind == "citizen" or entry.get("erased") or not entry.get("name"):
            continue
        out.append({"name": entry["name"], "department": entry.get("department"), "kind": kind})
    return sorted(out, key=lambda o: (o["name"].casefold(), o.get("department") or ""))


def _actors(model: dict, exact: bool, directory: dict, threshold: int) -> dict:
    summary = model.get("actors") or {}
    suppress = not exact
    by_month = summary.get("by_month", [])

    def by_kind(key: str) -> dict:
        return one_way(summary.get(key, {}), suppress=suppress, threshold=threshold,
                       sensitive=PERSON_KINDS)

    return {
        "active_by_kind": by_kind("active_by_kind"),
        "ever_by_kind": by_kind("ever_by_kind"),
        "left_by_kind": by_kind("left_by_kind"),
        "by_month": by_month if exact else [
            {"month": m["month"], "active": cell(sum(m["active_by_kind"].values()), is_small(
                sum(m["active_by_kind"].get(k, 0) for k in PERSON_KINDS), threshold))}
            for m in by_month],
        "organisations": organisations(model, directory),
    }


def _activities(model: dict, exact: bool, threshold: int) -> list[dict]:
    """Attendance counts persons."""
    out = []
    for a in sorted(model.get("activities", {}).values(),
                    key=lambda a: (chronological_key(a.get("date")), a.get("id", ""))):
        out.append({k: a.get(k) for k in ("id", "activity_type", "title", "date", "place",
                                          "findings_count", "platform_id", "outcome")}
                   | {"total_attendance": _count(a.get("total_attendance"), not exact, threshold),
                      "target_groups": a.get("target_groups") or [],
                      "network": bool(a.get("network"))})
    return out


def _ideas(ideas: dict) -> list[dict]:
    """Ideas handed over to other bodies, oldest first (a citizen recipient is not named)."""
    return [{k: i.get(k) for k in ("id", "date", "idea", "recipient_name", "recipient_kind", "outcome")}
            for i in sorted(ideas.values(), key=lambda i: (chronological_key(i.get("date")), i.get("id", "")))]


def _influence(measure: dict, exact: bool, mixed_hidden: bool) -> dict:
    shown = {k: measure.get(k) for k in ("gini", "top20_share", "kind_gini", "threshold",
                                         "imbalanced")}
    shown["actor_count"] = cell(measure.get("actor_count"), mixed_hidden)
    if exact:
        shown["by_kind"] = measure.get("by_kind", {})
        shown["participation_total"] = measure.get("participation_total")
    return shown


def _count(value: int | None, suppress: bool, threshold: int) -> dict:
    return cell(value, suppress and value is not None and 0 < value < threshold)
