"""Shared indicators: goals in different initiatives measured by the same indicator
(e.g. "Anmeldte indbrud i beboelse pr. år", feeling of safety), each compared with
its own initiative's baseline, so the national centre can compare like with like.

In a suppressed view an indicator shared by fewer initiatives than the threshold
shows no per-initiative rows (they could be counted), and raw values below the
threshold from other districts are suppressed; the relative change is shown.
"""
from __future__ import annotations

from statistics import mean

from .goals import indicator_key
from .suppression import THRESHOLD, cell, is_small

MIN_INITIATIVES = 2


def _change_pct(baseline: object, latest: object) -> float | None:
    if not isinstance(baseline, (int, float)) or not isinstance(latest, (int, float)) or not baseline:
        return None
    return round(100 * (latest - baseline) / baseline, 1)


def shared_indicators(models: list[dict], *, viewer_district: str | None, suppress: bool,
                      threshold: int = THRESHOLD) -> list[dict]:
    return present_indicators(indicator_groups(models), viewer_district=viewer_district,
                              suppress=suppress, threshold=threshold)


def indicator_groups(models: list[dict]) -> list[dict]:
    """The shared indicators of ``models`` before suppression (JSON-native): per indicator
    the number of initiatives, the mean change and every row, in a stable order."""
    groups: dict[str, dict] = {}
    for model in models:
        for goal in model.get("goal_status", {}).values():
            key = indicator_key(goal.get("indicator"))
            if key is None or goal.get("goal_type") == "qualitative":
                continue
            group = groups.setdefault(key, {"indicator": goal["indicator"], "rows": []})
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
        out.append({"indicator": groups[key]["indicator"], "key": key, "initiatives": initiatives,
                    "mean_change_pct": round(mean(changes), 1) if changes else None,
                    "rows": rows})
    return out


def present_indicators(groups: list[dict], *, viewer_district: str | None, suppress: bool,
                       threshold: int = THRESHOLD) -> list[dict]:
    """``indicator_groups`` as one viewer sees them."""
    out = []
    for group in groups:
        hidden = suppress and is_small(group["initiatives"], threshold)
        out.append({
            "indicator": group["indicator"], "key": group["key"],
            "initiatives": cell(group["initiatives"], hidden),
            "mean_change_pct": cell(group["mean_change_pct"], hidden),
            "rows": [] if hidden else [_row(r, viewer_district, suppress, threshold)
                                       for r in group["rows"]],
        })
    return out


def _row(row: dict, viewer_district: str | None, suppress: bool, threshold: int) -> dict:
    foreign = suppress and row["district"] != viewer_district
    out = dict(row)
    for key in ("baseline_value", "target_value", "latest_value"):
        out[key] = cell(row[key], foreign and is_small(row[key], threshold))
    return out
