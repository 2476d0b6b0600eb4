"""What a partner receives: the Standard Webhooks payload of one event's partner view.

Webhooks go to partners, so they carry what the partner stream carries
(samskab_contracts.partner): never ``by``, persons in roles, citizens' names or
free text, and actor ids as pseudonyms; event types that are personal data by nature
have no view and are never sent.
"""
from __future__ import annotations

import json
from functools import partial

from samskab_contracts.partner import PARTNER_VIEWS
from samskab_contracts.partner.view import pseudonym

from .incoming import IncomingEvent


def message_id(event: IncomingEvent) -> str:
    """``webhook-id``: one per event, equal on every retry and replay, so a receiver
    that has seen it can answer 2xx and do nothing."""
    return f"msg_{event.event_id}"


def webhook_body(event: IncomingEvent, pseudonym_key: bytes) -> bytes | None:
    """``{"type", "timestamp", "data"}`` as the specification suggests, plus the
    event id and police district for routing and de-duplication on the partner's side;
    None for an event type partners may not receive."""
    view = PARTNER_VIEWS.get(event.type)
    if view is None:
        return None
    payload = {
        "type": event.type,
        "version": view.version,
        "timestamp": event.occurred_at,
        "event_id": event.event_id,
        "district": event.district,
        "data": view.project(event.data, partial(pseudonym, pseudonym_key)),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode("utf-8")
