"""What a partner receives: the Standard Webhooks payload of one event."""
from __future__ import annotations

import json

from .incoming import IncomingEvent


def message_id(event: IncomingEvent) -> str:
    """``webhook-id``: one per event, equal on every retry and replay, so a receiver
    that has seen it can answer 2xx and do nothing."""
    return f"msg_{event.event_id}"


def webhook_body(event: IncomingEvent) -> bytes:
    """``{"type", "timestamp", "data"}`` as the specification suggests, plus the
    event id and police district for routing and de-duplication on the partner's side."""
    payload = {
        "type": event.type,
        "timestamp": event.occurred_at,
        "event_id": event.event_id,
        "district": event.district,
        "data": event.data,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode("utf-8")
