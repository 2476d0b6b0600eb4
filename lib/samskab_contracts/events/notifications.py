"""Events produced by the notifications service."""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_infra.event_types import Event, EventSchema


class WebhookEndpointDisabled(Event):
    """A partner's webhook endpoint stopped receiving events: it answered 410 Gone,
    every attempt failed for the whole failure window, or someone disabled it.
    notifications consumes it and tells the owner (e-mail and in-app feed).

    Version 2 names the endpoint only. Version 1 also carried the owner (often a
    person's e-mail address) and the URL (which may hold a partner's token); both
    stay in the endpoint's own record, where the consumer looks them up."""

    producer = "notifications"
    version = 2
    description = (
        "A partner's webhook endpoint was disabled (it answered 410 Gone, kept failing, or "
        "someone disabled it); deliveries wait until its owner enables it again and replays "
        "them. Names the endpoint only: its owner and URL stay with notifications."
    )

    class Schema(EventSchema):
        endpoint_id = fields.Str(required=True, validate=validate.Length(min=1, max=100))
        reason = fields.Str(required=True, validate=validate.OneOf(["gone", "failing", "operator"]))
        disabled_at = fields.Str(required=True)
        failing_since = fields.Str(load_default=None, allow_none=True)

    example = {
        "endpoint_id": "we_7d0c5b1e2f3a4b5c",
        "reason": "failing",
        "disabled_at": "2024-03-02T08:00:00.000000Z",
        "failing_since": "2024-03-01T07:55:00.000000Z",
    }
