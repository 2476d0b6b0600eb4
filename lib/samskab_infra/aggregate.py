"""The one aggregate style every service uses.

An aggregate is a class: its state in typed attributes, its behaviour in methods that
check the domain's rules and ``record`` the events they raise, and a document form for
the store (``to_document`` / ``from_document``). A command's use case reads the document
through the save path (``saving.save_command``), rebuilds the aggregate, calls one method
and hands back ``decision(...)``: the new document, its events in envelopes and the
command's outcome, written together in one write.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from .context import Context
from .envelope import Envelope
from .event_types import Event
from .saving import Decision

A = TypeVar("A", bound="Aggregate")


class Aggregate:
    """Base of every aggregate. Subclasses set ``id_field`` (the document key of its id)
    and implement ``to_document``/``from_document``; ``district`` routes its events."""

    id_field: ClassVar[str]

    def __init__(self) -> None:
        self.pending_events: list[Event] = []

    @property
    def aggregate_id(self) -> str:
        return str(getattr(self, self.id_field))

    @property
    def event_district(self) -> str | None:
        """The district the aggregate's events are routed under (None: national)."""
        return getattr(self, "district", None)

    def record(self, event: Event) -> Event:
        """Keep an event this change raised; it is saved with the state (the outbox)."""
        self.pending_events.append(event)
        return event

    def to_document(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def from_document(cls: type[A], document: Mapping[str, Any]) -> A:
        raise NotImplementedError


def envelopes(aggregate: Aggregate, ctx: Context, now: str | None = None) -> list[Envelope]:
    """The aggregate's pending events, wrapped for the outbox with the command's lineage."""
    return [Envelope.wrap(event, correlation_id=ctx.correlation_id, causation_id=ctx.causation_id,
                          district=aggregate.event_district, occurred_at=now)
            for event in aggregate.pending_events]


def decision(aggregate: Aggregate, ctx: Context, now: str | None = None,
             outcome: Mapping[str, Any] | None = None) -> Decision:
    """What a command decided: the aggregate's document, its events, and the outcome kept
    for a repeat of the command (new ids made, plus the events' types)."""
    wrapped = envelopes(aggregate, ctx, now)
    return Decision(aggregate.to_document(), wrapped,
                    {"events": [e.type for e in wrapped], **(outcome or {})})
