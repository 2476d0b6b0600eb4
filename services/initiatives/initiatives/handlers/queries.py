"""Read side of the initiatives service: one initiative, lists, the audit trail, and
the initiative's public view that commands answer with too."""
from __future__ import annotations

from samskab_contracts.access import require_on_initiative, visible_initiatives
from samskab_contracts.commands import initiatives as s
from samskab_contracts.vocabulary import PHASE_LABELS
from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.context import Context
from samskab_infra.errors import NotFound

from ..domain import Initiative
from ..domain.open_work import open_work
from .inspirations import with_inspirations

LIST_FIELDS = ("initiative_id", "title", "district", "districts", "scope", "themes", "phase", "phase_label", "status",
               "municipalities", "actor_count", "eligible_to_close", "version", "created_at",
               "updated_at")


def initiative_view(doc: dict) -> dict:
    """The public view of a stored initiative: no private (underscore) fields, derived
    fields (eligible_to_close, reality_checks_due_at, ...) computed afresh."""
    return written_view({**Initiative.from_document(doc).to_document(), "version": doc.get("version")})


def written_view(document: dict) -> dict:
    """The public view of a document as the aggregate has just written it (its derived
    fields are fresh already): no private (underscore) fields, the phase's label."""
    view = {k: v for k, v in document.items() if not k.startswith("_")}
    view["version"] = document.get("version")
    view["phase_label"] = PHASE_LABELS[view["phase"]]
    return view


def stored_initiative_view(store: AggregateStore, initiative_id: str) -> dict:
    """One initiative's view, read without an access check (the RPC query, with the
    check, is get_initiative)."""
    doc = store.get(initiative_id)
    if doc is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    return initiative_view(doc)


def load_visible(store: AggregateStore, initiative_id: str, ctx: Context) -> dict:
    doc = store.get(initiative_id)
    if doc is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    require_on_initiative(ctx.principal, "read", doc.get("district"), initiative_id,
                          participating=doc.get("participating_districts") or ())
    return doc


def get_initiative(store: AggregateStore, params: dict, ctx: Context) -> dict:
    data = s.load(s.InitiativeQuerySchema, params)
    return with_inspirations(store, initiative_view(load_visible(store, data["initiative_id"], ctx)),
                             ctx.principal)


def list_initiatives(store: AggregateStore, params: dict, ctx: Context) -> dict:
    """Filter by district (the lead district or a participating one), theme, phase, status;
    cursor paging in id order."""
    params = s.load(s.ListInitiativesSchema, params)
    limit = params["limit"]
    query = {key: params[key] for key in ("district", "phase", "status") if params.get(key)}
    if params.get("theme"):
        query["themes"] = params["theme"]
    visible = visible_initiatives(ctx.principal)
    if visible.everything and not query.get("district"):
        return _page(store.find(query, after=params.get("cursor"), limit=limit), limit)
    if visible.everything:
        return _page(_in_district(store, query, query["district"], params.get("cursor"), limit), limit)
    # A district operator's districts are read page by page from the store; initiatives held
    # through a role elsewhere are added by id. Both lists are in id order, so merging them
    # keeps the cursor paging exact.
    districts = sorted(visible.districts if not query.get("district")
                       else visible.districts & {query["district"]})
    docs: dict[str, dict] = {}
    for district in districts:
        for doc in _in_district(store, query, district, params.get("cursor"), limit):
            docs[doc["_id"]] = doc
    for initiative_id in sorted(visible.initiatives):
        if initiative_id > (params.get("cursor") or "") and initiative_id not in docs:
            doc = store.get(initiative_id)
            if doc is not None and _matches(doc, query):
                docs[initiative_id] = doc
    return _page([docs[key] for key in sorted(docs)][:limit], limit)


def _in_district(store: AggregateStore, query: dict, district: str, cursor: str | None,
                 limit: int) -> list[dict]:
    """One page of the initiatives ``district`` leads or takes part in (``districts`` holds
    the lead and the participating districts), in id order."""
    rest = {k: v for k, v in query.items() if k != "district"}
    led = store.find({**rest, "district": district}, after=cursor, limit=limit)
    joined = store.find({**rest, "districts": district}, after=cursor, limit=limit)
    merged = {doc["_id"]: doc for doc in (*led, *joined)}
    return [merged[key] for key in sorted(merged)][:limit]


def _matches(doc: dict, query: dict) -> bool:
    return all(doc.get(k) == v or (k == "themes" and v in doc.get("themes", []))
               or (k == "district" and v in doc.get("participating_districts", []))
               for k, v in query.items())


def _page(docs: list[dict], limit: int) -> dict:
    items = [_list_item(d) for d in docs]
    next_cursor = docs[-1]["_id"] if len(docs) == limit else None
    return {"items": items, "next_cursor": next_cursor}


def _list_item(doc: dict) -> dict:
    """The initiative's summary with what it still has open (the list's readers' to-do)."""
    initiative = Initiative.from_document(doc)
    view = written_view({**initiative.to_document(), "version": doc.get("version")})
    return {**{k: v for k, v in view.items() if k in LIST_FIELDS}, "open_work": open_work(initiative)}


def initiative_history(store: AggregateStore, params: dict, ctx: Context) -> dict:
    """The audit trail: every published event of one initiative, oldest first."""
    initiative_id = s.load(s.InitiativeQuerySchema, params)["initiative_id"]
    load_visible(store, initiative_id, ctx)
    return {"items": [
        {k: e[k] for k in ("event_id", "type", "occurred_at", "correlation_id", "causation_id", "data")}
        for e in store.history(initiative_id)
    ]}

