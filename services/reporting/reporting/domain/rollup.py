"""Roll-ups per district and nationally, as pure functions over initiative read models.

``viewer_district`` decides suppression: a district viewing its own district's
roll-up sees every count; anyone else (None = the national centre or the
public, or another district) sees counts below the threshold suppressed, with
complementary suppression so no suppressed cell can be recomputed from a total.
Initiatives whose InitiativeCreated has not arrived yet are left out.
"""
from __future__ import annotations

from collections import Counter
from statistics import mean, median

from .indicators import shared_indicators
from .suppression import THRESHOLD, cell, one_way, scalar, two_way
from .vocabulary import ACTIVITY_TYPES, DISTRICT_ORDER, PHASES, RESULT_SIZES, STATUSES, ordered

ROLLUP_FIELDS: tuple[str, ...] = (
    "initiative_id", "title", "district", "created_at", "phase", "status", "themes",
    "days_to_close", "phase_history", "phase_days", "closure", "counts", "influence", "actors",
    "members", "results", "activities", "goal_status")
"""The fields of an initiative model ``rollup`` reads: a store query fetches only these (a
model is some 50 KB, most of it facts the roll-up does not need)."""


def in_scope(models: list[dict], scope: str | None) -> list[dict]:
    return [m for m in models if m.get("created_at") and (scope is None or
                                                          m.get("district") == scope)]


def initiatives_by_phase(models: list[dict]) -> dict[str, int]:
    """Counts for the Prometheus business metrics (internal, never suppressed)."""
    counts = Counter(m.get("phase") or "unknown" for m in in_scope(models, None))
    return {p: counts.get(p, 0) for p in ordered(PHASES, set(counts))}


def rollup(models: list[dict], *, scope: str | None = None, viewer_district: str | None = None,
           threshold: int = THRESHOLD) -> dict:
    chosen = in_scope(models, scope)
    hide = not (scope is not None and viewer_district == scope)

    def table(counts: Counter, keys: list[str]) -> dict:
        return one_way({k: counts.get(k, 0) for k in keys}, suppress=hide, threshold=threshold)

    phases = Counter(m.get("phase") or "unknown" for m in chosen)
    statuses = Counter(m.get("status") or "active" for m in chosen)
    themes = Counter(t for m in chosen for t in m.get("themes", []))
    closed = [m["days_to_close"] for m in chosen if m.get("days_to_close") is not None]
    sizes = _sum_sizes(chosen)
    activity_types = _activity_types(chosen)
    out = {
        "scope": scope, "viewer_district": viewer_district, "suppressed_view": hide,
        "threshold": threshold,
        "initiatives": cell(len(chosen), hide and 0 < len(chosen) < threshold),
        "by_phase": table(phases, ordered(PHASES, set(phases))),
        "by_status": table(statuses, ordered(STATUSES, set(statuses))),
        "by_theme": table(themes, sorted(themes)),
        "goals": _reached_table(chosen, "goals", "goals_reached", hide, threshold),
        "platforms": _reached_table(chosen, "platforms", "platforms_reached", hide, threshold),
        "time_to_close": {
            "closed": cell(len(closed), hide and 0 < len(closed) < threshold),
            "median_days": scalar(round(median(closed), 1) if closed else None, len(closed),
                                  suppress=hide, threshold=threshold),
            "mean_days": scalar(round(mean(closed), 1) if closed else None, len(closed),
                                suppress=hide, threshold=threshold),
        },
        "median_days_in_phase": _phase_medians(chosen, hide, threshold),
        "actors_by_kind": _actors(chosen, hide, threshold),
        "results": table(sizes, ordered(RESULT_SIZES, set(sizes))),
        "ripple_effects": _total(chosen, "ripple_effects", hide, threshold),
        "activities": table(activity_types, ordered(ACTIVITY_TYPES, set(activity_types))),
        "reality_checks_overdue": _total(chosen, "reality_checks_overdue", hide, threshold),
        "influence_imbalanced": _flagged(chosen, hide, threshold),
        "shared_indicators": shared_indicators(chosen, viewer_district=viewer_district,
                                               suppress=hide, threshold=threshold),
    }
    if scope is None:
        by_district: dict[str, dict[str, int]] = {}
        districts = ordered(DISTRICT_ORDER, {m.get("district") or "unknown" for m in chosen})
        for d in districts:
            row = Counter(m.get("phase") or "unknown" for m in chosen
                          if (m.get("district") or "unknown") == d)
            by_district[d] = {p: row.get(p, 0) for p in ordered(PHASES, set(phases))}
        out["by_district_and_phase"] = two_way(by_district, suppress=hide, threshold=threshold)
    return out


def _reached_table(models: list[dict], total_key: str, reached_key: str, hide: bool,
                   threshold: int) -> dict:
    total = sum(m.get("counts", {}).get(total_key, 0) for m in models)
    reached = sum(m.get("counts", {}).get(reached_key, 0) for m in models)
    return one_way({"reached": reached, "not_reached": total - reached}, suppress=hide,
                   threshold=threshold)


def _total(models: list[dict], key: str, hide: bool, threshold: int) -> dict:
    total = sum(m.get("counts", {}).get(key, 0) for m in models)
    return cell(total, hide and 0 < total < threshold)


def _sum_sizes(models: list[dict]) -> Counter:
    return Counter(r.get("size") or "unknown" for m in models
                   for r in m.get("results", {}).values())


def _activity_types(models: list[dict]) -> Counter:
    return Counter(a.get("activity_type") or "unknown" for m in models
                   for a in m.get("activities", {}).values())


def _flagged(models: list[dict], hide: bool, threshold: int) -> dict:
    flagged = sum(1 for m in models if (m.get("influence") or {}).get("imbalanced"))
    return cell(flagged, hide and 0 < flagged < threshold)


def _phase_medians(models: list[dict], hide: bool, threshold: int) -> dict:
    """Median days spent in each phase, over the initiatives that finished it."""
    spans: dict[str, list[float]] = {}
    for m in models:
        history = [h["phase"] for h in m.get("phase_history", [])]
        finished = set(history[:-1]) | (set(history[-1:]) if m.get("closure") else set())
        for phase, days in (m.get("phase_days") or {}).items():
            if phase in finished:
                spans.setdefault(phase, []).append(days)
    return {p: scalar(round(median(spans[p]), 1), len(spans[p]), suppress=hide,
                      threshold=threshold)
            for p in ordered(PHASES, set(spans)) if p in spans}


def _actors(models: list[dict], hide: bool, threshold: int) -> dict:
    """Distinct actors by kind: active in at least one initiative, or only ever left."""
    kinds: dict[str, str] = {}
    active: set[str] = set()
    for m in models:
        for actor_id, member in m.get("members", {}).items():
            kinds[actor_id] = member.get("kind") or kinds.get(actor_id) or "unknown"
        active |= set((m.get("actors") or {}).get("active_ids", []))
    ever = {a for m in models for a, member in m.get("members", {}).items()
            if member.get("changes")}
    table: dict[str, dict[str, int]] = {}
    for kind in sorted(set(kinds.values())):
        ids = {a for a in ever if kinds[a] == kind}
        table[kind] = {"active": len(ids & active), "left": len(ids - active)}
    return two_way(table, suppress=hide, threshold=threshold)
