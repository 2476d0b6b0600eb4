"""Roll-ups per district and nationally, as pure functions over initiative read models
(or their summaries, which read the same: see projections/summary.py).

A roll-up is computed in two steps. ``tally`` counts everything a roll-up of one
scope shows, before suppression: the result is JSON-native and the same for every
viewer, so it can be stored and shared (adapters/rollup_cache.py). ``present``
then shows it to one viewer (domain/viewer.py). Counts of initiatives, platforms,
goals, results, activities and organisations are shown to everyone as they are;
the counts of citizens (actors by kind) are suppressed below the threshold, with
complementary suppression, unless the viewer sees exact figures for the scope (the
national centre everywhere, a district's operators in their district). The shared
indicators list only initiatives the viewer may see. Initiatives whose
InitiativeCreated has not arrived yet are left out.
"""
from __future__ import annotations

from collections import Counter
from statistics import mean, median

from samskab_contracts.vocabulary import INITIATIVE_SCOPES

from .indicators import indicator_groups, present_indicators
from .projections.network import TARGET_GROUP_PREFIX
from .projections.reach import districts_of
from .suppression import THRESHOLD, cell, is_small, one_way, two_way
from .viewer import PUBLIC, Viewer
from .vocabulary import (
    ACTIVITY_ORDER,
    DISTRICT_ORDER,
    PERSON_KINDS,
    PHASES,
    RESULT_SIZES,
    STATUSES,
    TARGET_GROUPS,
    ordered,
)

ROLLUP_FIELDS: tuple[str, ...] = (
    "initiative_id", "title", "district", "created_at", "phase", "status", "themes",
    "days_to_close", "phase_history", "phase_days", "closure", "counts", "influence", "actors",
    "members", "results", "activities", "goal_status", "paused_since", "days_paused", "districts",
    "scope")
"""The fields of an initiative model ``rollup`` reads."""
REACHED = ("reached", "not_reached")
KIND_COLUMNS = ("active", "left")


def in_scope(models: list[dict], scope: str | None) -> list[dict]:
    """The initiatives a roll-up of ``scope`` counts: nationally each once; in a district
    those it leads and those it takes part in (docs/reporting.md)."""
    return [m for m in models if m.get("created_at") and (scope is None or scope in districts_of(m))]



def initiatives_by_phase(models: list[dict]) -> dict[str, int]:
    """Counts for the Prometheus business metrics (internal, never suppressed)."""
    return phase_table(Counter(m.get("phase") or "unknown" for m in in_scope(models, None)))


def phase_table(counts: dict[str, int]) -> dict[str, int]:
    return {p: counts.get(p, 0) for p in ordered(PHASES, set(counts))}


def rollup(models: list[dict], *, scope: str | None = None, viewer: Viewer = PUBLIC,
           threshold: int = THRESHOLD) -> dict:
    return present(tally(models, scope), scope=scope, viewer=viewer, threshold=threshold)


def tally(models: list[dict], scope: str | None = None) -> dict:
    """Every figure of the roll-up of ``scope``, unsuppressed (JSON-native, viewer-independent)."""
    chosen = in_scope(models, scope)
    phases = Counter(m.get("phase") or "unknown" for m in chosen)
    closed = [m["days_to_close"] for m in chosen if m.get("days_to_close") is not None]
    out = {
        "initiatives": len(chosen),
        "by_phase": dict(phases),
        "by_status": dict(Counter(m.get("status") or "active" for m in chosen)),
        "by_theme": dict(Counter(t for m in chosen for t in m.get("themes", []))),
        "goals": _reached(chosen, "goals", "goals_reached"),
        "platforms": _reached(chosen, "platforms", "platforms_reached"),
        "time_to_close": {"closed": len(closed),
                          "median_days": round(median(closed), 1) if closed else None,
                          "mean_days": round(mean(closed), 1) if closed else None},
        "median_days_in_phase": _phase_medians(chosen),
        "actors_by_kind": _actors(chosen),
        "results": dict(Counter(r.get("size") or "unknown" for m in chosen
                                for r in m.get("results", {}).values())),
        "ripple_effects": _total(chosen, "ripple_effects"),
        "activities": dict(Counter(a.get("activity_type") or "unknown" for m in chosen
                                   for a in m.get("activities", {}).values())),
        "activity_participants": _total(chosen, "activity_participants"),
        "activity_target_groups": {g: _total(chosen, TARGET_GROUP_PREFIX + g) for g in TARGET_GROUPS},
        "ideas_handed_over": _total(chosen, "ideas_handed_over"),
        "reality_checks_overdue": _total(chosen, "reality_checks_overdue"),
        "influence_imbalanced": sum(1 for m in chosen
                                    if (m.get("influence") or {}).get("imbalanced")),
        "paused": sum(1 for m in chosen if m.get("paused_since") and not m.get("closure")),
        "days_paused": round(sum(m.get("days_paused") or 0 for m in chosen), 1),
        "shared_indicators": indicator_groups(chosen),
        "by_scope": dict(Counter(m.get("scope") or "local" for m in chosen)),
        "participating": sum(1 for m in chosen if scope is not None and m.get("district") != scope),
    }
    if scope is None:
        by_district: dict[str, Counter] = {}
        for m in chosen:
            by_district.setdefault(m.get("district") or "unknown", Counter())[
                m.get("phase") or "unknown"] += 1
        out["by_district_and_phase"] = {d: dict(row) for d, row in by_district.items()}
    return out


def present(counts: dict, *, scope: str | None = None, viewer: Viewer = PUBLIC,
            threshold: int = THRESHOLD) -> dict:
    """The roll-up one viewer sees: ``counts`` (a ``tally`` of ``scope``), with the counts
    of persons suppressed unless the viewer sees the scope's figures exactly."""
    hide = not viewer.exact(scope)

    def table(values: dict[str, int], keys: list[str]) -> dict:
        return one_way({k: values.get(k, 0) for k in keys}, suppress=False)

    phases, spans = counts["by_phase"], counts["median_days_in_phase"]
    participants = counts.get("activity_participants", 0)
    closing = counts["time_to_close"]
    out = {
        "scope": scope, "suppressed_view": hide, "threshold": threshold,
        "initiatives": cell(counts["initiatives"]),
        "by_phase": table(phases, ordered(PHASES, set(phases))),
        "by_status": table(counts["by_status"], ordered(STATUSES, set(counts["by_status"]))),
        "by_theme": table(counts["by_theme"], sorted(counts["by_theme"])),
        "goals": table(counts["goals"], list(REACHED)),
        "platforms": table(counts["platforms"], list(REACHED)),
        "time_to_close": {
            "closed": cell(closing["closed"]),
            "median_days": cell(closing["median_days"]),
            "mean_days": cell(closing["mean_days"]),
        },
        "median_days_in_phase": {p: cell(spans[p]["median"])
                                 for p in ordered(PHASES, set(spans)) if p in spans},
        "actors_by_kind": two_way({kind: {c: row[c] for c in KIND_COLUMNS} for kind, row in sorted(
            counts["actors_by_kind"].items())}, suppress=hide, threshold=threshold,
            sensitive_rows=PERSON_KINDS),
        "results": table(counts["results"], ordered(RESULT_SIZES, set(counts["results"]))),
        "ripple_effects": cell(counts["ripple_effects"]),
        "activities": table(counts["activities"], ordered(ACTIVITY_ORDER, set(counts["activities"]))),
        "activity_participants": cell(participants, hide and is_small(participants, threshold)),
        "activity_target_groups": table(counts.get("activity_target_groups", {}), list(TARGET_GROUPS)),
        "ideas_handed_over": cell(counts.get("ideas_handed_over", 0)),
        "reality_checks_overdue": cell(counts["reality_checks_overdue"]),
        "influence_imbalanced": cell(counts["influence_imbalanced"]),
        "paused": cell(counts.get("paused", 0)),
        "days_paused": cell(counts.get("days_paused", 0.0)),
        "by_scope": table(counts.get("by_scope", {}), ordered(INITIATIVE_SCOPES, set(counts.get("by_scope", {})))),
        "participating": cell(counts.get("participating", 0)),
        "shared_indicators": present_indicators(counts["shared_indicators"], viewer=viewer,
                                                threshold=threshold),
    }
    if scope is None:
        grid = counts["by_district_and_phase"]
        columns = ordered(PHASES, set(phases))
        out["by_district_and_phase"] = two_way(
            {d: {p: grid.get(d, {}).get(p, 0) for p in columns}
             for d in ordered(DISTRICT_ORDER, set(grid))}, suppress=False)
    return out


def _reached(models: list[dict], total_key: str, reached_key: str) -> dict[str, int]:
    total = sum(m.get("counts", {}).get(total_key, 0) for m in models)
    reached = sum(m.get("counts", {}).get(reached_key, 0) for m in models)
    return {"reached": reached, "not_reached": total - reached}


def _total(models: list[dict], key: str) -> int:
    return sum(m.get("counts", {}).get(key, 0) for m in models)


def _phase_medians(models: list[dict]) -> dict[str, dict]:
    """Median days spent in each phase, over the initiatives that finished it."""
    spans: dict[str, list[float]] = {}
    for m in models:
        history = [h["phase"] for h in m.get("phase_history", [])]
        finished = set(history[:-1]) | (set(history[-1:]) if m.get("closure") else set())
        for phase, days in (m.get("phase_days") or {}).items():
            if phase in finished:
                spans.setdefault(phase, []).append(days)
    return {p: {"median": round(median(days), 1), "count": len(days)} for p, days in spans.items()}


def _actors(models: list[dict]) -> dict[str, dict[str, int]]:
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
    return table
