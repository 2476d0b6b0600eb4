"""Queries of the actors service: each takes ``(stores, params, ctx)`` and returns a
JSON-native dict; nothing is written."""
from __future__ import annotations

from samskab_contracts.commands import actors as schemas
from samskab_infra.context import Context
from samskab_infra.errors import NotFound

from ..domain import Actor, Membership, directory_entry, personal_data_export
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
