"""Validating a payload against its marshmallow schema, with the error the gateway maps."""
from __future__ import annotations

from marshmallow import Schema, ValidationError

from .errors import ValidationFailed
from .schemas import schema_of


def load(schema: type[Schema], payload: object) -> dict:
    """Validate a payload (None counts as empty); ValidationFailed maps each field to its messages."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise ValidationFailed("the payload must be a JSON object", details={"_schema": ["not an object"]})
    try:
        return schema_of(schema).load(payload)
    except ValidationError as exc:
        raise ValidationFailed("the payload is invalid", details=exc.normalized_messages()) from None
