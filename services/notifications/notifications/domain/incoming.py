"""An event as notifications sees it: the envelope reduced to what routing needs."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from samskab_infra.clock import to_instant


@dataclass(frozen=True)
class IncomingEvent:
    event_id: str
    type: str
    occurred_at: str
    district: str | None
    data: dict
    producer: str = ""
    correlation_id: str | None = None

    @classmethod
    def from_envelope(cls, envelope: Any) -> IncomingEvent:
        """Accept an ``Envelope`` or its dict form."""
        raw = envelope if isinstance(envelope, Mapping) else envelope.to_dict()
        data = dict(raw.get("data") or {})
        return cls(
            event_id=str(raw["event_id"]),
            type=str(raw["type"]),
            occurred_at=to_instant(raw["occurred_at"]),
            district=raw.get("district") or data.get("district"),
            data=data,
            producer=str(raw.get("producer") or ""),
            correlation_id=raw.get("correlation_id"),
        )

    @property
    def initiative_id(self) -> str | None:
        value = self.data.get("initiative_id")
        return str(value) if value else None

    @property
    def actor_id(self) -> str | None:
        value = self.data.get("actor_id")
        return str(value) if value else None

    @property
    def named_actor_id(self) -> str | None:
        """The actor the event is about: its ``actor_id``, or the actor a follow-up action
        is assigned to."""
        value = self.data.get("actor_id") or self.data.get("assigned_actor_id")
        return str(value) if value else None

    def to_document(self) -> dict:
        return asdict(self)

    @classmethod
    def from_document(cls, doc: Mapping) -> IncomingEvent:
        return cls(**{key: doc.get(key) for key in cls.__dataclass_fields__})
