"""Every event reporting consumed, kept so read models can be rebuilt from scratch."""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

EVENT_LOG = "event_log"


def ensure_indexes(db: Database) -> None:
    db[EVENT_LOG].create_index([("occurred_at", ASCENDING)], name="by_time")


def record(db: Database, envelope: dict) -> None:
    try:
        db[EVENT_LOG].insert_one({"_id": envelope["event_id"], **envelope})
    except DuplicateKeyError:
        pass


def history(db: Database, batch_size: int = 1000):
    """All logged envelopes, oldest first."""
    for doc in db[EVENT_LOG].find({}).sort("occurred_at", ASCENDING).batch_size(batch_size):
        doc.pop("_id", None)
        yield doc


def count(db: Database) -> int:
    return db[EVENT_LOG].count_documents({})
