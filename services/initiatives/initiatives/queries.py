"""Read side of the initiatives service: one initiative, lists, the audit trail."""
from __future__ import annotations

from samskab_common.access import require_read, visible_districts
from samskab_common.context import Context
from samskab_common.errors import NotFound

from . import schemas as s
from .handlers import initiative_view

LIST_FIELDS = ("initiative_id", "title", "district", "themes", "phase", "phase_label", "status",
               "municipalities", "actor_count", "eligible_to_close", "version", "created_at",
               "updated_at")


def load_visible(store, initiative_id: str, ctx: Context) -> dict:
    doc = store.get(initiative_id)
    if doc is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    require_read(ctx.principal, doc.get("district"), initiative_id)
    return doc


def get_initiative(store, params: dict, ctx: Context) -> dict:
    data = s.load(s.InitiativeQuerySchema, params)
    return initiative_view(load_visible(store, data["initiative_id"], ctx))


def list_initiatives(store, params: dict, ctx: Context) -> dict:
    """Filter by district, theme, phase, status; cursor paging in id order."""
    params = s.load(s.ListInitiativesSchema, params)
    limit = params["limit"]
    query = {key: params[key] for key in ("district", "phase", "status") if params.get(key)}
    if params.get("theme"):
        query["themes"] = params["theme"]
    allowed = visible_districts(ctx.principal)
    if allowed is not None:
        if ctx.principal.role in ("anchor_person", "coordinator", "actor_representative"):
            ids = [i for i in ctx.principal.initiatives if i > (params.get("cursor") or "")]
            docs = [d for d in (store.get(i) for i in sorted(ids)) if d is not None
                    and all(d.get(k) == v or (k == "themes" and v in d.get("themes", []))
                            for k, v in query.items())][:limit]
            return _page(docs, limit)
        if not allowed or (query.get("district") and query["district"] not in allowed):
            return {"items": [], "next_cursor": None}
        query["district"] = next(iter(allowed))
    docs = store.find(query, after=params.get("cursor"), limit=limit)
    return _page(docs, limit)


def _page(docs: list[dict], limit: int) -> dict:
    items = [{k: v for k, v in initiative_view(d).items() if k in LIST_FIELDS} for d in docs]
    next_cursor = docs[-1]["_id"] if len(docs) == limit else None
    return {"items": items, "next_cursor": next_cursor}


def initiative_history(store, params: dict, ctx: Context) -> dict:
    """The audit trail: every published event of one initiative, oldest first."""
    initiative_id = s.load(s.InitiativeQuerySchema, params)["initiative_id"]
    load_visible(store, initiative_id, ctx)
    return {"items": [
        {k: e[k] for k in ("event_id", "type", "occurred_at", "correlation_id", "causation_id", "data")}
        for e in store.history(initiative_id)
    ]}


QUERIES = {
    "get_initiative": get_initiative,
    "list_initiatives": list_initiatives,
    "initiative_history": initiative_history,
}
