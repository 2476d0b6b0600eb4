"""Reading the actors service's aggregates for a use case, shared by commands and queries.

``Stores`` maps names to AggregateStore-like objects (samskab_infra.stores_provider.Stores
in the service, in-memory fakes in unit tests):

- ``stores["actors"]``: actors (``doc_type="actor"``) and CVR claims (``cvr:<number>``)
- ``stores["memberships"]``: one document per (initiative, actor)
- ``stores["initiatives"]``: the local copy of initiatives and their platforms

Listing uses ``find(query)`` with equality on top-level fields only.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from samskab_infra.errors import NotFound
from samskab_infra.saving import Saved

from ..domain import Actor, InitiativeDirectory, Membership

Stores = Mapping[str, Any]


def directory(stores: Stores) -> InitiativeDirectory:
    """The local copy of initiatives, read through the initiatives store."""
    return InitiativeDirectory(stores["initiatives"].get)


def load_actor(stores: Stores, actor_id: str) -> tuple[Actor, int]:
    """The actor and its stored version; NotFound when there is none."""
    doc = stores["actors"].get(actor_id)
    return actor_from(doc, actor_id), doc["version"]


def actor_from(doc: dict | None, actor_id: str) -> Actor:
    if doc is None or doc.get("doc_type") != "actor":
        raise NotFound("no such actor", code="actor.unknown", details={"actor_id": actor_id})
    return Actor.from_document(doc)


def memberships_of(stores: Stores, actor_id: str) -> list[Membership]:
    docs = stores["memberships"].find({"actor_id": actor_id})
    return sorted((Membership.from_document(d) for d in docs), key=lambda m: m.initiative_id)


def versioned(aggregate: Actor | Membership, version: int) -> dict:
    """The view with the stored version, which the gateway answers as the ETag."""
    return {**aggregate.view(), "version": version}


def actor_view(saved: Saved) -> dict:
    """The actor after the command (after a repeated command: as it is now)."""
    return versioned(Actor.from_document(saved.document), saved.version)
