"""The one envelope every event travels in (id, type, version, time, lineage)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from marshmallow import RAISE, Schema, fields, validate

from .clock import utc_now_iso
from .event_types import Event, validate_data
from .schemas import schema_of


class EnvelopeSchema(Schema):
    class Meta:
        unknown = RAISE

    event_id = fields.UUID(required=True)
    type = fields.Str(required=True, validate=validate.Length(min=1, max=100))
    version = fields.Int(required=True, validate=validate.Range(min=1))
    occurred_at = fields.DateTime(required=True)
    producer = fields.Str(required=True, validate=validate.Length(min=1, max=100))
    correlation_id = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    causation_id = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=200))
    district = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=100))
    data = fields.Dict(required=True)


@dataclass(frozen=True)
class Envelope:
    event_id: str
    type: str
    version: int
    occurred_at: str
    producer: str
    correlation_id: str
    causation_id: str | None
    district: str | None
    data: dict

    @classmethod
    def wrap(
        cls,
        event: Event,
        *,
        producer: str | None = None,
        correlation_id: str | None = None,
        causation_id: str | None = None,
        district: str | None = None,
        occurred_at: str | None = None,
    ) -> Envelope:
        event_id = str(uuid.uuid4())
        return cls(
            event_id=event_id,
            type=event.type_name(),
            version=event.version,
            occurred_at=occurred_at or utc_now_iso(),
            producer=producer or event.producer,
            correlation_id=correlation_id or event_id,
            causation_id=causation_id,
            district=district,
            data=event.data,
        )

    @classmethod
    def parse(cls, raw: object) -> Envelope:
        """Validate an envelope and its data; raise ValidationError / InvalidEvent."""
        if not isinstance(raw, dict):
            raise InvalidEnvelope("the message body is not a JSON object")
        schema_of(EnvelopeSchema).load(raw)
        validate_data(raw["type"], raw["data"])
        known: dict[str, Any] = {key: raw.get(key) for key in cls.__dataclass_fields__}
        return cls(**known)

    def to_dict(self) -> dict:
        """The envelope as the JSON object it travels as. ``data`` is copied one level deep,
        not recursively like ``dataclasses.asdict`` (the envelope's largest CPU cost on
        the hot path): nothing nested in an event's data is changed in place."""
        return {"event_id": self.event_id, "type": self.type, "version": self.version,
                "occurred_at": self.occurred_at, "producer": self.producer,
                "correlation_id": self.correlation_id, "causation_id": self.causation_id,
                "district": self.district, "data": dict(self.data)}

    @property
    def routing_key(self) -> str:
        return routing_key(self.type, self.district)


class InvalidEnvelope(ValueError):
    pass


def routing_key(event_type: str, district: str | None) -> str:
    """``<Type>.<district>``: partners and federation can filter on either part."""
    return f"{event_type}.{district or 'national'}"
