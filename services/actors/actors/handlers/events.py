"""What the actors service does with events: keep its local copy of the initiatives and
their platforms (from the initiatives service's events), and make its own published
history forget an erased actor.

The copy: each handler takes the initiatives store and one event's data; the merge is
order-insensitive and each event id is applied once (domain.directory).

After an erasure: ``erase_actor`` anonymises the actor's documents at once. The events
it published earlier stay in the outbox's archive, and some carry a contact
(ActorContactShared) or an organisation's name. The service consumes its own
ActorErased and sets those fields to null in the archive. The relay archives
events only after publishing them, so the handler waits (the consumer retries)
until the ActorErased itself is archived: every earlier event of the actor was
archived in the same batch or before it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from samskab_infra.context import Context
from samskab_infra.saving import Decision, save_command

from ..domain import KnownInitiative
from ..personal_data import PUBLISHED_PERSONAL_FIELDS


def apply_initiative_created(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    # Usually the first this service hears of the initiative: inserted without a read (an
    # event that overtook it, or a redelivery, finds the document and takes the read path).
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_created, creates=True)


def apply_platform_established(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_platform_established)


def apply_initiative_closed(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_closed)


def apply_initiative_became_network(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_became_network)


def apply_reach_changed(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    """ParticipatingDistrictAdded / ParticipatingDistrictRemoved."""
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_reach)


def _apply_to_directory(store: Any, data: dict, event_id: str,
                        apply: Callable[[KnownInitiative, str, dict], bool], creates: bool = False) -> dict:
    def decide(doc: dict | None) -> Decision:
        known = (KnownInitiative.from_document(doc) if doc is not None
                 else KnownInitiative.new(data["initiative_id"], data["district"]))
        applied = apply(known, event_id, data)
        return Decision(known.to_document() if applied else None,
                        outcome={"applied": applied, "initiative": known.view()})

    return save_command(store, data["initiative_id"], decide, creates=creates).outcome


class HistoryNotArchived(RuntimeError):
    """The event being handled is not archived yet; the consumer tries again later."""


class EventHistory(Protocol):
    def contains(self, event_id: str) -> bool: ...

    def redact(self, actor_id: str, fields_by_type: Mapping[str, tuple[str, ...]]) -> int: ...


def redact_erased_actor(history: EventHistory, event_data: dict, event_id: str,
                        ctx: Context) -> dict:
    if not history.contains(event_id):
        raise HistoryNotArchived(f"event {event_id} is not archived yet")
    redacted = history.redact(event_data["actor_id"], PUBLISHED_PERSONAL_FIELDS)
    return {"actor_id": event_data["actor_id"], "redacted_fields": redacted}
