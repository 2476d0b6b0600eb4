"""Consumer-side de-duplication by (consumer, event_id).

``processed_events`` has a unique index on (consumer, event_id). A handler's
effect and its "processed" mark cannot share a transaction (we rely on
single-document atomicity only), so effects that are not naturally
idempotent use :func:`apply_once`, which records the event id inside the very
document it changes, in the same compare-and-set write.
"""
from __future__ import annotations

from collections.abc import Callable

from pymongo import ASCENDING
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from .clock import utc_now_iso

PROCESSED = "processed_events"
APPLIED_KEEP = 500


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


class ProcessedEvents:
    """One consumer's de-duplication log (the port a consumer's deliveries use)."""

    def __init__(self, db: Database, consumer: str):
        self.db = db
        self.consumer = consumer

    def already_processed(self, event_id: str) -> bool:
        return already_processed(self.db, self.consumer, event_id)

    def mark_processed(self, event_id: str, event_type: str) -> bool:
        return mark_processed(self.db, self.consumer, event_id, event_type)


class ConcurrentUpdate(RuntimeError):
    pass


def apply_once(
    collection: Collection,
    doc_id: str,
    event_id: str,
    mutate: Callable[[dict], dict | None],
    *,
    default: Callable[[], dict] | None = None,
    attempts: int = 20,
) -> bool:
    """Apply ``mutate`` to one document exactly once per event id.

    ``mutate`` gets a copy of the document (or ``default()`` if missing) and
    returns the new document, or None to leave it unchanged. Returns False
    when the event had already been applied to this document.
    """
    for _ in range(attempts):
        current = collection.find_one({"_id": doc_id})
        if current is None:
            if default is None:
                return False
            base = {**default(), "_id": doc_id, "_rev": 0, "_applied": []}
        else:
            base = current
        if event_id in base.get("_applied", []):
            return False
        changed = mutate(dict(base))
        if changed is None:
            changed = dict(base)
        rev = base.get("_rev", 0)
        changed["_id"] = doc_id
        changed["_rev"] = rev + 1
        changed["_applied"] = (list(base.get("_applied", [])) + [event_id])[-APPLIED_KEEP:]
        if current is None:
            try:
                collection.insert_one(changed)
                return True
            except DuplicateKeyError:
                continue
        result = collection.replace_one({"_id": doc_id, "_rev": rev}, changed)
        if result.matched_count == 1:
            return True
    raise ConcurrentUpdate(f"could not apply {event_id} to {doc_id} after {attempts} attempts")
