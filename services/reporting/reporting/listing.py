"""A compact, paged list of the initiatives the caller may read, as reporting sees them (for
the overview), read from the initiatives' compact summaries: the store filters and pages,
so a page costs the same however many initiatives there are."""
from __future__ import annotations

from samskab_contracts.commands.reporting import ReportListQuery
from samskab_infra.context import Context
from samskab_infra.validation import load

from .domain.viewer import Viewer

FIELDS = ("initiative_id", "title", "district", "themes", "phase", "status", "created_at")
INFLUENCE_FIELDS = ("gini", "top20_share", "imbalanced")
"""The influence balance per initiative in the list: measures only, no actor counts (those
are suppressed outside the district and shown in the initiative view)."""


def list_initiatives(models, payload: dict, ctx: Context) -> dict:
    query = load(ReportListQuery, payload)
    limit = query["limit"]
    found = models.summary_page(Viewer(ctx.principal).visibility, district=query["district"],
                                phase=query["phase"], theme=query["theme"],
                                after=query["cursor"], limit=limit + 1)
    page = found[:limit]
    next_cursor = page[-1]["initiative_id"] if len(found) > limit else None
    # a summary written before its InitiativeCreated arrived is not shown yet (the page may
    # then be one short; the cursor still follows the store's order)
    return {"items": [_item(m) for m in page if m.get("created_at")], "next_cursor": next_cursor}


def _item(model: dict) -> dict:
    influence = model.get("influence") or {}
    return {**{k: model.get(k) for k in FIELDS},
            "influence": {k: influence.get(k) for k in INFLUENCE_FIELDS}}
