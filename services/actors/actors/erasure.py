"""After an erasure: the actors service's own published event history forgets too.

``erase_actor`` (handlers.py) anonymises the actor's documents at once. The events
it published earlier stay in the outbox's archive, and some carry a contact
(ActorContactShared) or an organisation's name. The service consumes its own
ActorErased and sets those fields to null in the archive. The relay archives
events only after publishing them, so the handler waits (the consumer retries)
until the ActorErased itself is archived: every earlier event of the actor was
archived in the same batch or before it.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from samskab_infra.context import Context

from .personal_data import PUBLISHED_PERSONAL_FIELDS


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
