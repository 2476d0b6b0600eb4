"""Queries of the actors service: each takes ``(stores, params, ctx)`` and returns a
JSON-native dict; nothing is written."""
from __future__ import annotations

from samskab_contracts.commands import actors as schemas
from samskab_infra.context import Context, Principal
from samskab_infra.errors import NotFound

from ..domain import (
    Actor,
    Membership,
    directory_entry,
    found_actor,
    name_matches,
    personal_data_export,
    query_term,
)
from .reading import Stores, directory, load_actor, memberships_of, versioned


def get_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.ActorRefSchema, payload)
    return versioned(*load_actor(stores, data["actor_id"]))


def list_memberships_of_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.ActorRefSchema, payload)
    load_actor(stores, data["actor_id"])
    docs = sorted(stores["memberships"].find({"actor_id": data["actor_id"]}), key=lambda d: d["initiative_id"])
    return {"actor_id": data["actor_id"],
            "memberships": [versioned(Membership.from_document(d), d["version"]) for d in docs]}


def contact_directory(stores: Stores, payload: dict, ctx: Context) -> dict:
    """Who is in the initiative, since when, representing whom (anchor person and coordinator)."""
    data = schemas.load(schemas.ContactDirectorySchema, payload)
    known = directory(stores).get(data["initiative_id"])
    if known is None:
        raise NotFound("no such initiative", code="initiative.unknown",
                       details={"initiative_id": data["initiative_id"]})
    query = {"initiative_id": known.initiative_id}
    if not data["include_former"]:
        query["active"] = True
    entries = []
    for doc in stores["memberships"].find(query):
        actor_doc = stores["actors"].get(doc["actor_id"])
        if actor_doc is not None:
            entries.append(directory_entry(Actor.from_document(actor_doc), Membership.from_document(doc)))
    entries.sort(key=lambda e: (not e["active"], e["member_since"] or "", e["actor_id"]))
    return {"initiative_id": known.initiative_id, "district": known.district, "entries": entries}


def export_personal_data(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.ActorRefSchema, payload)
    actor, _ = load_actor(stores, data["actor_id"])
    return personal_data_export(actor, memberships_of(stores, actor.actor_id), ctx.current_time())


def find_actors(stores: Stores, payload: dict, ctx: Context) -> dict:
    """Actors by name, CVR, kind or district, among those the caller may read: the actors
    of the districts it operates (a page of each from the store, by an indexed equality)
    and those it represents (by id). Both are in id order, so merging them keeps the
    cursor exact; the name's substring check may leave a page short of ``limit``."""
    data = schemas.load(schemas.FindActorsQuery, payload)
    limit, cursor = data["limit"], data.get("cursor")
    query: dict = {"doc_type": "actor"}
    for key in ("cvr", "kind", "district"):
        if data.get(key):
            query[key] = data[key]
    if data.get("name"):
        query["name_terms"] = query_term(data["name"])
    scanned: dict[str, dict] = {}
    more = False
    for district in _searched_districts(ctx.principal, data.get("district")):
        found = stores["actors"].find({**query, **({"district": district} if district else {})},
                                      after=cursor, limit=limit)
        more = more or len(found) == limit
        scanned.update((doc["_id"], doc) for doc in found)
    if not ctx.principal.internal:
        for actor_id in sorted(ctx.principal.scopes("actor_representative")):
            if actor_id > (cursor or "") and actor_id not in scanned:
                doc = stores["actors"].get(actor_id)
                if doc is not None and _fits(doc, query):
                    scanned[actor_id] = doc
    page = [scanned[key] for key in sorted(scanned)]
    more = more or len(page) > limit
    page = page[:limit]
    actors = (Actor.from_document(doc) for doc in page)
    items = [found_actor(actor) for actor in actors if not actor.erased
             and (not data.get("name") or name_matches(actor.searchable_name, data["name"]))]
    return {"items": items, "next_cursor": page[-1]["_id"] if more and page else None}


def _searched_districts(principal: Principal, district: str | None) -> list[str | None]:
    """The districts whose actors the caller may find (None: every district, a service's own call)."""
    if principal.internal:
        return [district]
    own = principal.scopes("district_operator")
    return sorted(own & {district} if district else own)


def _fits(doc: dict, query: dict) -> bool:
    return all(v in (doc.get(k) or []) if k == "name_terms" else doc.get(k) == v for k, v in query.items())
