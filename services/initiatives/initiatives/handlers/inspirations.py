"""The inspirations of an initiative as one caller may see them: the inspiring
initiative's title and district only for a reader of that initiative (it may be in another
district); otherwise the linker's own words for it, or nothing."""
from __future__ import annotations

from typing import Protocol

from samskab_contracts.access import may_on_initiative
from samskab_infra.context import Principal
from samskab_infra.saving import AggregatePort


class Documents(Protocol):
    def get(self, aggregate_id: str) -> dict | None: ...


class LookingStore(AggregatePort, Documents, Protocol):
    """The command path's store that may also look at another initiative (adapters.already_read)."""


def readable(store: Documents, initiative_id: str, principal: Principal) -> dict | None:
    doc = store.get(initiative_id)
    if doc is None or not may_on_initiative(principal, "read", doc.get("district"), initiative_id):
        return None
    return doc


def with_inspirations(store: Documents, view: dict, principal: Principal) -> dict:
    """``view`` with each inspiration's title and district filled in where ``principal``
    may read the inspiring initiative (the linker's words, or none, elsewhere)."""
    learning = view.get("learning") or {}
    links = []
    for link in learning.get("inspired_by") or []:
        other = readable(store, link["initiative_id"], principal)
        links.append({**link, "readable": other is not None,
                      "district": other.get("district") if other else None,
                      "title": other.get("title") if other else link.get("title")})
    return {**view, "learning": {**learning, "inspired_by": links}}
