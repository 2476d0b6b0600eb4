"""Small-count suppression (diskretionering) of counts derived from persons, for anyone
who may not see them exactly (domain/viewer.py).

Rule (documented in docs/reporting.md):

1. Primary: a count of persons from 1 to ``threshold - 1`` (default 1..4) is suppressed.
   Zero is shown: an empty cell singles nobody out. In a table that mixes persons and
   organisations (actors by kind) only the persons' cells (``sensitive``) are primary
   candidates, and only they and the totals that include them are ever suppressed: a
   count of organisations is not personal data and is always shown.
2. Complementary: every table is a set of *groups*, each a list of cells whose
   values add up to the group's total cell. A group with exactly one suppressed
   cell lets a reader recompute it by subtraction, so the smallest other
   non-zero cell of the group is suppressed as well (the total itself only when
   no member is left). This repeats until no group has exactly one
   suppressed cell, so it also covers two-way tables with row and column totals.

A suppressed cell is ``{"value": None, "suppressed": True}``; a shown cell is
``{"value": n, "suppressed": False}``.
"""
from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence

THRESHOLD = 5


def cell(value: int | float | None, suppressed: bool = False) -> dict:
    return {"value": None if suppressed else value, "suppressed": suppressed}


def is_small(value: int | float | None, threshold: int = THRESHOLD) -> bool:
    return value is not None and 0 < value < threshold


def suppress_cells(
    values: Mapping[Hashable, int],
    groups: Sequence[tuple[Hashable, Sequence[Hashable]]],
    *,
    threshold: int = THRESHOLD,
    primary: set[Hashable] | None = None,
    tainted: set[Hashable] | None = None,
) -> set[Hashable]:
    """Return the keys to suppress. ``groups`` holds (total key, member keys). ``primary``:
    the keys that count persons (default all); ``tainted``: those and the totals that
    include them, the only keys ever suppressed (default all)."""
    primary = set(values) if primary is None else primary
    tainted = set(values) if tainted is None else tainted
    hidden = {key for key, v in values.items() if key in primary and is_small(v, threshold)}
    changed = True
    while changed:
        changed = False
        for total_key, members in groups:
            line = [*members, total_key]
            if sum(1 for key in line if key in hidden) != 1:
                continue
            candidates = [k for k in members
                          if k not in hidden and k in tainted and values.get(k, 0) > 0]
            if not candidates and total_key not in hidden and total_key in tainted:
                candidates = [total_key]
            if candidates:
                pick = min(candidates, key=lambda k: (values.get(k, 0), str(k)))
                hidden.add(pick)
                changed = True
    return hidden


def one_way(
    counts: Mapping[str, int], *, suppress: bool, threshold: int = THRESHOLD,
    sensitive: Collection[str] | None = None,
) -> dict:
    """A one-way table ``{"cells": {key: cell}, "total": cell}``, keys in the given order.
    ``sensitive``: the keys that count persons (default all)."""
    keys = list(counts)
    total = sum(counts.values())
    values: dict[Hashable, int] = {("cell", k): counts[k] for k in keys}
    values["total"] = total
    persons = {("cell", k) for k in keys if sensitive is None or k in sensitive}
    hidden = (
        suppress_cells(values, [("total", [("cell", k) for k in keys])], threshold=threshold,
                       primary=persons, tainted=persons | {"total"})
        if suppress
        else set()
    )
    return {
        "cells": {k: cell(counts[k], ("cell", k) in hidden) for k in keys},
        "total": cell(total, "total" in hidden),
    }


def two_way(
    counts: Mapping[str, Mapping[str, int]], *, suppress: bool, threshold: int = THRESHOLD,
    sensitive_rows: Collection[str] | None = None,
) -> dict:
    """A two-way table (rows x columns) with row, column and grand totals; rows and
    columns keep the order in which they first appear. ``sensitive_rows``: the rows that
    count persons (default all)."""
    rows = list(counts)
    cols = list(dict.fromkeys(c for row in counts.values() for c in row))
    values: dict[Hashable, int] = {}
    for r in rows:
        for c in cols:
            values[("cell", r, c)] = counts[r].get(c, 0)
        values[("row", r)] = sum(counts[r].values())
    for c in cols:
        values[("col", c)] = sum(counts[r].get(c, 0) for r in rows)
    values["total"] = sum(values[("row", r)] for r in rows)
    groups: list[tuple[Hashable, Sequence[Hashable]]] = []
    groups += [(("row", r), [("cell", r, c) for c in cols]) for r in rows]
    groups += [(("col", c), [("cell", r, c) for r in rows]) for c in cols]
    groups.append(("total", [("row", r) for r in rows]))
    groups.append(("total", [("col", c) for c in cols]))
    persons = {("cell", r, c) for r in rows for c in cols
               if sensitive_rows is None or r in sensitive_rows}
    tainted = persons | {("row", r) for r in rows if sensitive_rows is None or r in sensitive_rows}
    if persons:
        tainted |= {("col", c) for c in cols} | {"total"}
    hidden = (suppress_cells(values, groups, threshold=threshold, primary=persons, tainted=tainted)
              if suppress else set())

    def out(key: Hashable) -> dict:
        return cell(values[key], key in hidden)

    return {
        "rows": {r: {c: out(("cell", r, c)) for c in cols} for r in rows},
        "row_totals": {r: out(("row", r)) for r in rows},
        "column_totals": {c: out(("col", c)) for c in cols},
        "total": out("total"),
    }
