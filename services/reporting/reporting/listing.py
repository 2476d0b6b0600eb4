"""A compact, paged list of initiatives as reporting sees them (for the overview), read from
the initiatives' compact summaries."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from samskab_common.context import Context
from samskab_common.districts import DISTRICTS
from samskab_common.validation import load

MAX_PAGE = 100
FIELDS = ("initiative_id", "title", "district", "themes", "phase", "status", "created_at")
INFLUENCE_FIELDS = ("gini", "top20_share", "imbalanced")
"""The influence balance per initiative in the list: measures only, no actor counts (those
are suppressed outside the district and shown in the initiative view)."""


class ListQuery(Schema):
    class Meta:
        unknown = RAISE

    district = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(DISTRICTS))
    phase = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=50))
    theme = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=50))
    limit = fields.Int(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))
    cursor = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=100))


def list_initiatives(models, payload: dict, ctx: Context) -> dict:
    query = load(ListQuery, payload)
    chosen = models.summaries(query["district"])
    rows = sorted((m for m in chosen if m.get("created_at")),
                  key=lambda m: m["initiative_id"])
    if query["phase"]:
        rows = [m for m in rows if m.get("phase") == query["phase"]]
    if query["theme"]:
        rows = [m for m in rows if query["theme"] in (m.get("themes") or [])]
    if query["cursor"]:
        rows = [m for m in rows if m["initiative_id"] > query["cursor"]]
    page = rows[:query["limit"]]
    next_cursor = page[-1]["initiative_id"] if len(rows) > query["limit"] else None
    return {"items": [_item(m) for m in page], "next_cursor": next_cursor}


def _item(model: dict) -> dict:
    influence = model.get("influence") or {}
    return {**{k: model.get(k) for k in FIELDS},
            "influence": {k: influence.get(k) for k in INFLUENCE_FIELDS}}
