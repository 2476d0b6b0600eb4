"""Open-data exports as CSV and JSON: documented columns in a stable order, UTF-8.

The columns are documented in docs/reporting.md; adding a column appends it at
the end so existing consumers keep working. CSV follows RFC 4180 (comma, CRLF,
quotes when needed); a list value is joined with ";". JSON is an array of
objects with the same keys in the same order, non-ASCII characters kept as is.
A suppressed number is an empty CSV cell / JSON null, and the row's
``suppressed_columns`` names the columns that were suppressed.

An export holds the initiatives the viewer may read (domain/viewer.py). The
exports are open data: the handler passes a viewer ``as_open_data()``, so counts
derived from persons are suppressed whoever asks; counts of initiatives, platforms,
goals, results and organisations never are.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from samskab_contracts.districts import DISTRICTS

from ..domain.rollup import in_scope, rollup
from ..domain.suppression import THRESHOLD, is_small
from ..domain.viewer import PUBLIC, Viewer
from ..domain.views import citizens_active
from ..domain.vocabulary import PHASES

INITIATIVE_COLUMNS: tuple[str, ...] = (
    "initiative_id", "title", "district", "district_name", "municipalities", "themes", "phase",
    "phase_number", "status", "created_at", "closed_at", "days_to_close", "network_name",
    "platforms", "platforms_reached", "goals", "goals_reached", "results", "breakthroughs",
    "ripple_effects", "reality_checks", "activities", "findings", "findings_resolved",
    "actors_active", "influence_gini", "influence_top20_share", "suppressed_columns",
)
GOAL_COLUMNS: tuple[str, ...] = (
    "initiative_id", "district", "platform_id", "platform_name", "goal_id", "title", "kind",
    "goal_type", "indicator", "unit", "direction", "baseline_value", "target_value",
    "target_level", "latest_date", "latest_value", "latest_level", "progress_pct", "trend",
    "reached", "adjustments", "indicator_id", "target_date", "parent_goal_id",
    "suppressed_columns",
)
ROLLUP_COLUMNS: tuple[str, ...] = ("scope", "table", "row", "column", "value", "suppressed")
_COUNTS = ("platforms", "platforms_reached", "goals", "goals_reached", "results", "breakthroughs",
           "ripple_effects", "reality_checks", "activities", "findings", "findings_resolved")


def _readable(models: list[dict], scope: str | None, viewer: Viewer) -> list[dict]:
    return sorted((m for m in in_scope(models, scope) if viewer.shows_model(m)),
                  key=lambda m: (m.get("district") or "", m["initiative_id"]))


def initiative_rows(models: list[dict], *, scope: str | None = None,
                    viewer: Viewer = PUBLIC, threshold: int = THRESHOLD) -> list[dict]:
    """``actors_active`` mixes organisations with citizens: it is suppressed when the
    initiative's active citizens are few (1 to threshold - 1)."""
    rows = []
    for m in _readable(models, scope, viewer):
        counts, measure = m.get("counts", {}), m.get("influence") or {}
        actors = (m.get("actors") or {}).get("active_total", 0)
        hide = not viewer.exact_for_model(m) and is_small(citizens_active(m), threshold)
        phase = m.get("phase")
        row = {
            "initiative_id": m["initiative_id"], "title": m.get("title"),
            "district": m.get("district"), "district_name": DISTRICTS.get(m.get("district") or ""),
            "municipalities": m.get("municipalities", []), "themes": m.get("themes", []),
            "phase": phase, "phase_number": PHASES.index(phase) + 1 if phase in PHASES else None,
            "status": m.get("status"), "created_at": m.get("created_at"),
            "closed_at": (m.get("closure") or {}).get("at"), "days_to_close": m.get("days_to_close"),
            "network_name": (m.get("network") or {}).get("name"),
            **{k: counts.get(k, 0) for k in _COUNTS},
            "actors_active": None if hide else actors,
            "influence_gini": measure.get("gini"), "influence_top20_share": measure.get("top20_share"),
            "suppressed_columns": ["actors_active"] if hide else [],
        }
        rows.append({c: row[c] for c in INITIATIVE_COLUMNS})
    return rows


def goal_rows(models: list[dict], *, scope: str | None = None,
              viewer: Viewer = PUBLIC, threshold: int = THRESHOLD) -> list[dict]:
    """Raw goal values below the threshold are suppressed unless the viewer sees the
    initiative's figures exactly (a target of "3 break-ins" in a small area can point at
    a household)."""
    rows = []
    for m in _readable(models, scope, viewer):
        exact = viewer.exact_for_model(m)
        platforms = m.get("platform_status", {})
        for goal_id, g in m.get("goal_status", {}).items():
            latest = g.get("latest") or {}
            row = {
                "initiative_id": m["initiative_id"], "district": m.get("district"),
                "platform_id": g.get("platform_id"),
                "platform_name": (platforms.get(g.get("platform_id")) or {}).get("name"),
                "goal_id": goal_id, **{k: g.get(k) for k in (
                    "title", "kind", "goal_type", "indicator", "unit", "direction",
                    "baseline_value", "target_value", "target_level")},
                "latest_date": latest.get("date"), "latest_value": latest.get("value"),
                "latest_level": latest.get("level"), "progress_pct": g.get("progress_pct"),
                "trend": g.get("trend"), "reached": g.get("reached"),
                "adjustments": len(g.get("adjustments", [])), "indicator_id": g.get("indicator_id"),
                "target_date": g.get("target_date"), "parent_goal_id": g.get("parent_goal_id"),
                "suppressed_columns": [],
            }
            for key in ("baseline_value", "target_value", "latest_value"):
                if not exact and is_small(row[key], threshold):
                    row[key] = None
                    row["suppressed_columns"].append(key)
            rows.append({c: row[c] for c in GOAL_COLUMNS})
    return rows


def rollup_rows(models: list[dict], *, scope: str | None = None,
                viewer: Viewer = PUBLIC, threshold: int = THRESHOLD) -> list[dict]:
    """Every roll-up table in long form: one row per cell, totals as row "total"."""
    return long_form(rollup(models, scope=scope, viewer=viewer, threshold=threshold), scope)


def long_form(data: dict, scope: str | None) -> list[dict]:
    """The rows of the rollup export from a roll-up as one viewer sees it."""
    label = scope or "national"
    rows: list[dict] = []

    def add(table: str, row: str, column: str, c: dict) -> None:
        rows.append({"scope": label, "table": table, "row": row, "column": column,
                     "value": c["value"], "suppressed": c["suppressed"]})

    add("initiatives", "total", "", data["initiatives"])
    for table in ("by_phase", "by_status", "by_theme", "goals", "platforms", "results",
                  "activities"):
        for key, c in data[table]["cells"].items():
            add(table, key, "", c)
        add(table, "total", "", data[table]["total"])
    for key, c in data["time_to_close"].items():
        add("time_to_close", key, "", c)
    for phase, c in data["median_days_in_phase"].items():
        add("median_days_in_phase", phase, "", c)
    for table in ("ripple_effects", "reality_checks_overdue", "influence_imbalanced", "paused", "days_paused"):
        add(table, "total", "", data[table])
    two_ways = ["actors_by_kind"] + (["by_district_and_phase"] if scope is None else [])
    for table in two_ways:
        grid = data[table]
        for row, cells in grid["rows"].items():
            for column, c in cells.items():
                add(table, row, column, c)
            add(table, row, "total", grid["row_totals"][row])
        for column, c in grid["column_totals"].items():
            add(table, "total", column, c)
        add(table, "total", "total", grid["total"])
    return rows


# A spreadsheet runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), +cmd|..., -2+3, @SUM(...)); tab and CR start one too
# (OWASP "CSV Injection"). A leading single quote makes the cell plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _defused(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_value(value: object) -> str:
    """Numbers are written as they are (a negative number stays a number); every
    text cell that a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return _defused(";".join(str(v) for v in value))
    return _defused(str(value))


def to_csv(rows: Iterable[dict], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(c)) for c in columns])
    return buffer.getvalue()


def to_json(rows: Iterable[dict], columns: Sequence[str]) -> str:
    return json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False,
                      indent=1)


EXPORTS = {
    "initiatives": (initiative_rows, INITIATIVE_COLUMNS),
    "goals": (goal_rows, GOAL_COLUMNS),
    "rollup": (rollup_rows, ROLLUP_COLUMNS),
}


def _check(name: str, fmt: str) -> None:
    if name not in EXPORTS or fmt not in ("csv", "json"):
        raise ValueError(f"unknown export {name!r}/{fmt!r}; exports: {sorted(EXPORTS)}, "
                         f"formats: csv, json")


def render(name: str, fmt: str, rows: list[dict]) -> str:
    """Rows of export ``name`` as "csv" or "json" text; encode it as UTF-8."""
    _check(name, fmt)
    columns = EXPORTS[name][1]
    return to_csv(rows, columns) if fmt == "csv" else to_json(rows, columns)


def export(name: str, fmt: str, models: list[dict], *, scope: str | None = None,
           viewer: Viewer = PUBLIC, threshold: int = THRESHOLD) -> str:
    """One export (initiatives, goals, rollup) as "csv" or "json" text; encode it as UTF-8.
    ``models``: initiative read models or their summaries."""
    _check(name, fmt)
    rows = EXPORTS[name][0](models, scope=scope, viewer=viewer, threshold=threshold)
    return render(name, fmt, rows)
