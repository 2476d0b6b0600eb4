"""Consumer-side de-duplication by (consumer, event_id).

``processed_events`` has a unique index on (consumer, event_id). A handler's
effect and its "processed" mark cannot share a transaction (we rely on
single-document atomicity only), so a handler whose effect is not naturally
idempotent records the event id inside the very document it changes, in the same
write (``applied_events.remember_applied``; memberships are ordered by
``membership_seq``, see samskab_contracts.member_ledger).
"""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from .clock import utc_now_iso

PROCESSED = "processed_events"


def ensure_indexes(db: Database) -> None:
    db[PROCESSED].create_index(
        [("consumer", ASCENDING), ("event_id", ASCENDING)], unique=True, name="consumer_event"
    )


def already_processed(db: Database, consumer: str, event_id: str) -> bool:
    return db[PROCESSED].find_one({"consumer": consumer, "event_id": event_id}, {"_id": 1}) is not None


def mark_processed(db: Database, consumer: str, event_id: str, event_type: str) -> bool:
    """Record the event as processed; False if it already was."""
    try:
        db[PROCESSED].insert_one(
            {"consumer": consumer, "event_id": event_id, "type": event_type, "at": utc_now_iso()}
        )
        return True
    except DuplicateKeyError:
        return False
