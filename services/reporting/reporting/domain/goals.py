"""Derived goal figures: effective definition, latest progress, progress % and trend.

A goal keeps its facts keyed by event id: the definition snapshots carried by
GoalSet / GoalAdjusted / GoalProgressRecorded, and the progress entries. The
derived figures are recomputed from them, so they do not depend on the order
events arrived in: "latest" is the entry with the latest measurement date
(then the latest recording time), never the last one to arrive.
"""
from __future__ import annotations

from samskab_infra.clock import chronological_key

DEFINITION_KEYS = ("goal_id", "platform_id", "kind", "year", "goal_type", "title",
                   "description", "indicator", "unit", "baseline_value", "target_value",
                   "direction", "target_level", "indicator_id", "target_date", "parent_goal_id")
# A snapshot from a progress record is only a fallback: it is partial (no description).
_SOURCE_RANK = {"progress": 0, "set": 1, "adjusted": 1}


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def definition(goal: dict) -> dict:
    """The goal as currently defined: the latest snapshot by its own time."""
    snapshots = sorted(goal.get("definitions", {}).values(),
                       key=lambda s: (chronological_key(s.get("at")), _SOURCE_RANK.get(s.get("source"), 0),
                                      s.get("event_id", "")))
    merged: dict = {}
    for snapshot in snapshots:
        merged.update({k: v for k, v in snapshot.get("definition", {}).items()
                       if k in DEFINITION_KEYS and (v is not None or snapshot["source"] != "progress")})
    return merged


def progress_entries(goal: dict) -> list[dict]:
    return sorted(goal.get("progress", {}).values(),
                  key=lambda p: (chronological_key(p.get("date")), chronological_key(p.get("at")),
                                 p.get("event_id", "")))


def adjustments(goal: dict) -> list[dict]:
    return sorted(goal.get("adjustments", {}).values(),
                  key=lambda a: (chronological_key(a.get("at")), a.get("event_id", "")))


def derive(goal: dict) -> dict:
    """The goal's derived, JSON-ready figures (facts are left out)."""
    spec = definition(goal)
    entries = progress_entries(goal)
    latest = entries[-1] if entries else None
    qualitative = spec.get("goal_type") == "qualitative"
    measure_key = "level" if qualitative else "value"
    series = [{"date": e.get("date"), "value": e.get(measure_key)} for e in entries
              if _num(e.get(measure_key)) is not None]
    return {
        **{k: spec.get(k) for k in DEFINITION_KEYS},
        "goal_id": goal.get("goal_id") or spec.get("goal_id"),
        "latest": latest and {k: latest.get(k) for k in ("date", "value", "level", "assessment")},
        "progress_pct": _progress(spec, latest, qualitative),
        "trend": trend([_num(p["value"]) for p in series], _desired_direction(spec)),
        "reached": _reached(spec, latest, qualitative),
        "series": series,
        "adjustments": [{"at": a.get("at"), "reason": a.get("reason"),
                         "changes": a.get("changes", {})} for a in adjustments(goal)],
    }


def _progress(spec: dict, latest: dict | None, qualitative: bool) -> float | None:
    if latest is None:
        return None
    if qualitative:
        level, target = _num(latest.get("level")), _num(spec.get("target_level"))
        return round(100 * level / target, 1) if level is not None and target else None
    baseline, target = _num(spec.get("baseline_value")), _num(spec.get("target_value"))
    value = _num(latest.get("value"))
    if None in (baseline, target, value) or target == baseline:
        return None
    return round(100 * (value - baseline) / (target - baseline), 1)


def _reached(spec: dict, latest: dict | None, qualitative: bool) -> bool:
    """Met by the latest progress entry, judged against the current definition."""
    if latest is None:
        return False
    if qualitative:
        level, target = _num(latest.get("level")), _num(spec.get("target_level"))
        return level is not None and target is not None and level >= target
    value, target = _num(latest.get("value")), _num(spec.get("target_value"))
    if value is None or target is None or spec.get("direction") not in ("up", "down"):
        return bool(latest.get("met"))
    return value >= target if spec["direction"] == "up" else value <= target


def _desired_direction(spec: dict) -> str | None:
    """Higher is better on the qualitative 1-5 scale; a quantitative goal says its direction."""
    if spec.get("goal_type") == "qualitative":
        return "up"
    return spec.get("direction") if spec.get("direction") in ("up", "down") else None


def trend(values: list[float | None], way: str | None) -> str | None:
    """improving / worsening / stable from the last two entries (rising / falling when the
    desired direction is unknown)."""
    numeric = [v for v in values if v is not None]
    if len(numeric) < 2:
        return None
    delta = numeric[-1] - numeric[-2]
    if delta == 0:
        return "stable"
    if way is None:
        return "rising" if delta > 0 else "falling"
    return "improving" if (delta > 0) == (way == "up") else "worsening"


def indicator_key(name: object) -> str | None:
    """Goals share an indicator when their names match ignoring case and spacing."""
    if not isinstance(name, str) or not name.strip():
        return None
    return " ".join(name.casefold().split())
