"""Events produced by the notifications service."""
from __future__ import annotations

from marshmallow import fields, validate

from ..events import Event, EventSchema


class WebhookEndpointDisabled(Event):
    """A partner's webhook endpoint stopped receiving events: it answered 410 Gone,
    or every attempt failed for the whole failure window. Its owner is told."""

    producer = "notifications"
    description = (
        "A partner's webhook endpoint was disabled (it answered 410 Gone, or kept failing); "
        "deliveries wait until its owner enables it again and replays them."
    )

    class Schema(EventSchema):
        endpoint_id = fields.Str(required=True, validate=validate.Length(min=1, max=100))
        owner = fields.Str(required=True, validate=validate.Length(min=1, max=200))
        url = fields.Str(required=True, validate=validate.Length(min=1, max=2000))
        reason = fields.Str(required=True, validate=validate.OneOf(["gone", "failing", "operator"]))
        disabled_at = fields.Str(required=True)
        failing_since = fields.Str(load_default=None, allow_none=True)

    example = {
        "endpoint_id": "we_7d0c5b1e2f3a4b5c",
        "owner": "integration@hjoerring.dk",
        "url": "https://partner.example.dk/samskab/webhooks",
        "reason": "failing",
        "disabled_at": "2024-03-02T08:00:00.000000Z",
        "failing_since": "2024-03-01T07:55:00.000000Z",
    }
