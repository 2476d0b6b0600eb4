"""The compact summary of an initiative read model: what roll-ups, the dashboard, the
open-data exports and the paged list read, and nothing else.

A model is some 50 KB, most of it facts (attendance, progress series, free text);
its summary is a few KB. The summary keeps the model's shape, so the same roll-up,
dashboard and export functions read either and give the same answer; nested
entries keep only the keys those readers use, and a key the model lacks stays
absent (so every ``.get(key, default)`` behaves as on the model). The one change of
type: a member's ``changes`` is their number instead of the facts (the roll-up only
asks whether an actor has any).

``summarise`` is a pure function of the model: the store replaces a summary whole
whenever its model changes, and a rebuild writes it beside the model.
"""
from __future__ import annotations

from collections.abc import Iterable

KEPT: tuple[str, ...] = (
    "initiative_id", "title", "district", "municipalities", "themes", "created_at", "phase",
    "phase_history", "phase_days", "status", "days_to_close", "counts", "paused_since", "days_paused",
    "districts", "participating_districts", "scope", "districts_seen")
"""Top-level fields copied as they are (all small)."""
GOAL_KEYS: tuple[str, ...] = (
    "goal_id", "platform_id", "kind", "year", "goal_type", "title", "indicator", "unit",
    "baseline_value", "target_value", "direction", "target_level", "progress_pct", "trend",
    "reached", "indicator_id", "target_date", "parent_goal_id")


def _pick(entry: dict, keys: Iterable[str]) -> dict:
    return {k: entry[k] for k in keys if k in entry}


def _each(items: dict, keys: tuple[str, ...]) -> dict:
    return {key: _pick(item, keys) for key, item in items.items()}


def _goal(goal: dict) -> dict:
    out = _pick(goal, GOAL_KEYS)
    if "latest" in goal:
        latest = goal["latest"]
        out["latest"] = latest and _pick(latest, ("date", "value", "level"))
    if "adjustments" in goal:
        out["adjustments"] = [_pick(a, ("at",)) for a in goal["adjustments"]]
    return out


def summarise(model: dict) -> dict:
    """The summary of one initiative read model (see the module docstring)."""
    out = _pick(model, KEPT)
    nested = {
        "closure": lambda v: v and _pick(v, ("at",)),
        "network": lambda v: v and _pick(v, ("name",)),
        "influence": lambda v: v and _pick(v, ("gini", "top20_share", "imbalanced")),
        "actors": lambda v: v and _pick(v, ("active_ids", "active_total")),
        "members": lambda v: {actor_id: {**_pick(member, ("kind",)),
                                         "changes": len(member.get("changes") or {})}
                              for actor_id, member in v.items()},
        "results": lambda v: _each(v, ("size",)),
        "activities": lambda v: _each(v, ("activity_type",)),
        "goal_status": lambda v: {goal_id: _goal(goal) for goal_id, goal in v.items()},
        "platform_status": lambda v: _each(v, ("name",)),
        "reality_check_series": lambda v: [_pick(c, ("date", "average_score")) for c in v],
    }
    for key, reduce in nested.items():
        if key in model:
            out[key] = reduce(model[key])
    return out


SUMMARY_FIELDS: tuple[str, ...] = KEPT + (
    "closure", "network", "influence", "actors", "members", "results", "activities",
    "goal_status", "platform_status", "reality_check_series")
