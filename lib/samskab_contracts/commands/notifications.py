"""Payload schemas of every command and query (unknown fields are refused;
server-owned fields such as ids, status and secrets are never input)."""
from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import (
    EMAIL_FREQUENCIES,
    LANGUAGES,
    PERSON_CHANNELS,
    SUBSCRIBABLE_EVENT_TYPES,
)
from samskab_contracts.vocabulary import FEED_PAGE_SIZE as DEFAULT_PAGE_SIZE
from samskab_contracts.vocabulary import MAX_FEED_PAGE_SIZE as MAX_PAGE_SIZE
from samskab_infra.validation import load  # noqa: F401  (handlers import it from here)

ID = validate.Length(min=1, max=200)
MAX_CURSOR_LENGTH = 500
NOT_A_CURSOR = "not a cursor of this list"


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE



class NoFieldsSchema(StrictSchema):
    """For queries that take nothing: anything sent is an error."""


class EventFilterFields(StrictSchema):
    event_types = fields.List(fields.Str(validate=validate.OneOf(SUBSCRIBABLE_EVENT_TYPES)),
                              required=True,
                              validate=validate.Length(min=1, max=len(SUBSCRIBABLE_EVENT_TYPES)))
    initiative_id = fields.Str(load_default=None, allow_none=True, validate=ID)
    district = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(DISTRICTS))
    theme = fields.Str(load_default=None, allow_none=True, validate=validate.Length(min=1, max=100))


class SubscribeSchema(EventFilterFields):
    channels = fields.List(fields.Str(validate=validate.OneOf(PERSON_CHANNELS)), load_default=None,
                           validate=validate.Length(max=len(PERSON_CHANNELS)))
    mute = fields.Bool(load_default=False)


class SubscriptionRefSchema(StrictSchema):
    subscription_id = fields.Str(required=True, validate=ID)


class PreferencesSchema(StrictSchema):
    language = fields.Str(load_default=None, validate=validate.OneOf(LANGUAGES))
    email_frequency = fields.Str(load_default=None, validate=validate.OneOf(EMAIL_FREQUENCIES))


def encode_cursor(sort_value: str, item_id: str) -> str:
    """The opaque cursor after an item: its sort key (a time and an id)."""
    raw = json.dumps([sort_value, item_id], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


class SortKeyCursor(fields.Str):
    """Loads a cursor made by ``encode_cursor`` back into its (time, id) sort key."""

    # A string on the wire (so the API documents it as one) that loads into a sort key.
    def _deserialize(  # type: ignore[override]
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> tuple[str, str]:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text or len(text) > MAX_CURSOR_LENGTH:
            raise ValidationError(NOT_A_CURSOR)
        try:
            key = json.loads(base64.urlsafe_b64decode(text.encode("ascii") + b"=" * (-len(text) % 4)))
        except ValueError:  # bad base64, bad UTF-8 or bad JSON
            raise ValidationError(NOT_A_CURSOR) from None
        if not (isinstance(key, list) and len(key) == 2 and all(isinstance(k, str) and k for k in key)):
            raise ValidationError(NOT_A_CURSOR)
        return key[0], key[1]


class CursorPageSchema(StrictSchema):
    """Keyset paging, newest first: ``limit`` items after ``cursor`` (the previous
    page's ``next_cursor``). Items arriving meanwhile shift no page."""

    limit = fields.Int(load_default=DEFAULT_PAGE_SIZE, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))
    cursor = SortKeyCursor(load_default=None, allow_none=True)


class FeedQuerySchema(CursorPageSchema):
    unread_only = fields.Bool(load_default=False)


class FeedItemRefSchema(StrictSchema):
    item_id = fields.Str(required=True, validate=validate.Length(min=1, max=500))


class RegisterEndpointSchema(EventFilterFields):
    url = fields.Str(required=True, validate=validate.Length(min=1, max=2000))
    description = fields.Str(load_default="", validate=validate.Length(max=500))
    contact_email = fields.Email(load_default=None, allow_none=True)
    language = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(LANGUAGES))


class EndpointRefSchema(StrictSchema):
    endpoint_id = fields.Str(required=True, validate=ID)


class DeliveryLogSchema(CursorPageSchema):
    endpoint_id = fields.Str(required=True, validate=ID)


class DeliveryRefSchema(StrictSchema):
    endpoint_id = fields.Str(required=True, validate=ID)
    delivery_id = fields.Str(required=True, validate=validate.Length(min=1, max=500))


class ReplaySinceSchema(StrictSchema):
    endpoint_id = fields.Str(required=True, validate=ID)
    since = fields.AwareDateTime(required=True)
