"""Shared indicators: goals in different initiatives measured by the same indicator
(e.g. "Anmeldte indbrud i beboelse pr. år", feeling of safety), each compared with
its own initiative's baseline, so the national centre can compare like with like.

A goal that refers to a managed shared indicator (``indicator_id``, vocabulary
SHARED_INDICATORS) is grouped by that key; an older goal with only a free-text name is
grouped by the name (ignoring case and spacing), together with the managed indicator whose
Danish or English name it is. Sub-goals (milestones) are left out: their parent stands for them.

Everyone sees how many initiatives share an indicator and their mean change; the
per-initiative rows only of initiatives the viewer may see, with raw values below the
threshold (a target of "3 break-ins" can point at a household) suppressed unless the
viewer sees that initiative's figures exactly.
"""
from __future__ import annotations

from statistics import mean

from samskab_contracts.vocabulary import SHARED_INDICATORS

from .goals import indicator_key
from .suppression import THRESHOLD, cell, is_small
from .viewer import PUBLIC, Viewer

MIN_INITIATIVES = 2
_MANAGED_NAMES = {indicator_key(labels[lang]): key for key, labels in SHARED_INDICATORS.items()
                  for lang in ("da", "en")}


def indicator_group(goal: dict) -> tuple[str, str, str | None] | None:
    """(group key, name, managed indicator id) of a quantitative top-level goal, or None."""
    if goal.get("goal_type") == "qualitative" or goal.get("parent_goal_id"):
        return None
    managed = goal.get("indicator_id")
    if managed not in SHARED_INDICATORS:
        managed = _MANAGED_NAMES.get(indicator_key(goal.get("indicator")) or "")
    if managed is not None:
        return managed, SHARED_INDICATORS[managed]["da"], managed
    key = indicator_key(goal.get("indicator"))
    return (key, goal["indicator"], None) if key is not None else None


def _change_pct(baseline: object, latest: object) -> float | None:
    if not isinstance(baseline, (int, float)) or not isinstance(latest, (int, float)) or not baseline:
        return None
    return round(100 * (latest - baseline) / baseline, 1)


def shared_indicators(models: list[dict], *, viewer: Viewer = PUBLIC,
                      threshold: int = THRESHOLD) -> list[dict]:
    return present_indicators(indicator_groups(models), viewer=viewer, threshold=threshold)


def indicator_groups(models: list[dict]) -> list[dict]:
    """The shared indicators of ``models`` before suppression (JSON-native): per indicator
    the number of initiatives, the mean change and every row, in a stable order."""
    groups: dict[str, dict] = {}
    for model in models:
        for goal in model.get("goal_status", {}).values():
            found = indicator_group(goal)
            if found is None:
                continue
            key, name, managed = found
            group = groups.setdefault(key, {"indicator": name, "indicator_id": managed,
                                            "rows": []})
            latest = goal.get("latest") or {}
            group["rows"].append({
                "initiative_id": model.get("initiative_id"), "title": model.get("title"),
                "district": model.get("district"), "goal_id": goal.get("goal_id"),
                "unit": goal.get("unit"), "direction": goal.get("direction"),
                "baseline_value": goal.get("baseline_value"),
                "target_value": goal.get("target_value"),
                "latest_value": latest.get("value"), "latest_date": latest.get("date"),
                "change_pct": _change_pct(goal.get("baseline_value"), latest.get("value")),
                "reached": goal.get("reached"),
            })
    out = []
    for key in sorted(groups):
        rows = sorted(groups[key]["rows"], key=lambda r: (r["district"] or "", r["title"] or "",
                                                          r["goal_id"] or ""))
        initiatives = len({r["initiative_id"] for r in rows})
        if initiatives < MIN_INITIATIVES:
            continue
        changes = [r["change_pct"] for r in rows if r["change_pct"] is not None]
        out.append({"indicator": groups[key]["indicator"], "key": key,
                    "indicator_id": groups[key]["indicator_id"], "initiatives": initiatives,
                    "mean_change_pct": round(mean(changes), 1) if changes else None,
                    "rows": rows})
    return out


def present_indicators(groups: list[dict], *, viewer: Viewer = PUBLIC,
                       threshold: int = THRESHOLD) -> list[dict]:
    """``indicator_groups`` as one viewer sees them: how many initiatives share an indicator
    and their mean change for everyone (counts of initiatives), the rows only of the
    initiatives the viewer may see, with raw values below the threshold suppressed unless
    the viewer sees that initiative's figures exactly."""
    return [{
        "indicator": group["indicator"], "key": group["key"],
        "indicator_id": group.get("indicator_id"),
        "initiatives": cell(group["initiatives"]),
        "mean_change_pct": cell(group["mean_change_pct"]),
        "rows": [_row(r, viewer, threshold) for r in group["rows"]
                 if viewer.shows(r["district"], r["initiative_id"])],
    } for group in groups]


def _row(row: dict, viewer: Viewer, threshold: int) -> dict:
    exact = viewer.exact(row["district"], row["initiative_id"])
    out = dict(row)
    for key in ("baseline_value", "target_value", "latest_value"):
        out[key] = cell(row[key], not exact and is_small(row[key], threshold))
    return out
