"""Partner views: the part of an event that partners may read.

An internal event carries what the services need, personal data included (the
acting officer's e-mail in ``by``, persons in roles, free text about the work).
Partners read a projection of it, declared per event type as a marshmallow schema
that lists field by field what is kept. It is an allow-list: a field added to an
internal event stays internal until someone declares it in the view. A ``Pseudonym``
field marks an actor id, which can identify a citizen: partners get a stable
pseudonym instead. The schema is also what docs/asyncapi.json documents, so the
contract and the projection cannot drift apart.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from marshmallow import Schema, fields, validate

from samskab_infra.event_types import EventSchema
from samskab_infra.schemas import schema_of

PSEUDONYM_PATTERN = r"^ps_[0-9a-f]{32}$"


class Pseudonym(fields.Str):
    """An actor id as partners see it: the same actor always has the same pseudonym,
    and the internal id cannot be recovered from it without the deployment's key."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=validate.Regexp(PSEUDONYM_PATTERN), metadata={
            "description": "pseudonym of an actor id (stable per actor, not the internal id)"}, **kwargs)


def pseudonym(key: bytes, value: str) -> str:
    """HMAC-SHA256 under the deployment's key, 128 bits shown: keyed, so nobody can
    confirm a guessed id by hashing it without the key."""
    return "ps_" + hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def only(*names: str) -> type[EventSchema.Meta]:
    """A schema Meta keeping just ``names`` of the fields the schema declares."""

    class Meta(EventSchema.Meta):
        fields = names

    return Meta


@dataclass(frozen=True)
class PartnerView:
    """How one event type appears on the partner exchange. ``derive`` adds fields
    computed from the internal data (counts instead of lists of persons, a flag instead
    of a free-text reason); the schema still decides what is kept."""

    schema: type[Schema]
    version: int = 1
    derive: Callable[[dict], dict] | None = None

    def project(self, data: dict, pseudonymise: Callable[[str], str]) -> dict:
        source = {**data, **(self.derive(data) if self.derive else {})}
        return _project(schema_of(self.schema), source, pseudonymise)

    def for_partner(self, data: dict, key: bytes) -> dict:
        """The view of ``data`` with actor ids pseudonymised under the deployment's ``key``
        (what the partner stream in samskab_infra asks of a view)."""
        return self.project(data, partial(pseudonym, key))


def _project(schema: Schema, data: dict, pseudonymise: Callable[[str], str]) -> dict:
    kept = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        if key in data:
            kept[key] = _value(field, data[key], pseudonymise)
    return kept


def _value(field: fields.Field, value: Any, pseudonymise: Callable[[str], str]) -> Any:
    if value is None:
        return None
    if isinstance(field, Pseudonym):
        return pseudonymise(value)
    if isinstance(field, fields.Nested):
        if field.many:
            return [_project(field.schema, item, pseudonymise) for item in value]
        return _project(field.schema, value, pseudonymise)
    if isinstance(field, fields.List):
        return [_value(field.inner, item, pseudonymise) for item in value]
    if isinstance(field, fields.Dict) and field.value_field is not None:
        return {k: _value(field.value_field, v, pseudonymise) for k, v in value.items()}
    return value
