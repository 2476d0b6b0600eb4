"""The figures of one scope (national or a district) that roll-ups and the dashboard show,
before suppression: the same for every viewer, so they can be computed once, stored and
shared (adapters/rollup_cache.py), and suppressed per viewer when asked for."""
from __future__ import annotations

from collections import Counter

from samskab_infra.clock import chronological_key

from .rollup import in_scope, tally

MAX_LABEL = 52
"""Characters of a goal bar's label (initiative and goal title) before it is cut short."""


def scope_figures(models: list[dict], scope: str | None) -> dict:
    """``{"rollup": tally, "dashboard": dashboard_tally}`` of ``scope`` over initiative models
    or their summaries (JSON-native)."""
    return {"rollup": tally(models, scope), "dashboard": dashboard_tally(in_scope(models, scope))}


def dashboard_tally(chosen: list[dict]) -> dict:
    """What the dashboard shows besides the roll-up, for the initiatives of one scope, the same
    for every viewer (JSON-native, so it is kept with the scope's roll-up tally): the goal
    progress bars and, per quarter, the mean reality-check score, the number of checks and
    how many came from each district (to leave a quarter out for outsiders)."""
    quarters: dict[str, list[tuple[float, str]]] = {}
    for m in chosen:
        for check in m.get("reality_check_series", []):
            key = chronological_key(check.get("date"))
            score = check.get("average_score")
            if len(key) >= 7 and isinstance(score, (int, float)):
                quarter = f"{key[:4]}-K{(int(key[5:7]) - 1) // 3 + 1}"
                quarters.setdefault(quarter, []).append((float(score), m.get("district") or ""))
    return {
        "goal_progress": _goal_items(chosen),
        "quarters": {q: {"mean": round(sum(s for s, _ in scores) / len(scores), 2),
                         "checks": len(scores),
                         "by_district": dict(Counter(d for _, d in scores))}
                     for q, scores in sorted(quarters.items())},
    }


def _goal_items(models: list[dict]) -> list[dict]:
    """Goal progress is a percentage of the way to the target, not a count of anyone; each
    item names its initiative, so a viewer is shown only those it may see."""
    items = []
    for m in sorted(models, key=lambda m: ((m.get("title") or "").casefold(),
                                           m.get("initiative_id") or "")):
        for goal in m.get("goal_status", {}).values():
            label = f"{m.get('title') or ''}: {goal.get('title') or ''}"
            short = label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"
            items.append({"initiative_id": m.get("initiative_id"), "district": m.get("district"),
                          "label": short, "progress_pct": goal.get("progress_pct")})
    return items
