"""The figures of one scope (national or a district) that roll-ups and the dashboard show,
before suppression: the same for every viewer, so they can be computed once, stored and
shared (adapters/rollup_cache.py), and suppressed per viewer when asked for."""
from __future__ import annotations

from .domain.rollup import in_scope, tally
from .rendering.dashboard import dashboard_tally


def scope_figures(models: list[dict], scope: str | None) -> dict:
    """``{"rollup": tally, "dashboard": dashboard_tally}`` of ``scope`` over initiative models
    or their summaries (JSON-native)."""
    return {"rollup": tally(models, scope), "dashboard": dashboard_tally(in_scope(models, scope))}
