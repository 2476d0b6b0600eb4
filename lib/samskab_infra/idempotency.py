"""Consumer-side de-duplication by (consumer, event_id).

``processed_events`` holds a mark per (consumer, event_id), found by its ``_id``
``<consumer>|<event_id>``; a unique index on (consumer, event_id) also refuses a second
mark of an event recorded before marks had that ``_id``. A handler's
effect and its "processed" mark cannot share a transaction (we rely on
single-document atomicity only), so a handler whose effect is not naturally
idempotent records the event id inside the very document it changes, in the same
write (``applied_events.remember_applied``; memberships are ordered by
``membership_seq``, see samskab_contracts.member_ledger). The log itself is
processed_batches.BatchedProcessedEvents.
"""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database

PROCESSED = "processed_events"


def ensure_indexes(db: Database) -> None:
    db[PROCESSED].create_index(
        [("consumer", ASCENDING), ("event_id", ASCENDING)], unique=True, name="consumer_event"
    )
