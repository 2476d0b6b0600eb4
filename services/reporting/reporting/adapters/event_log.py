"""Every event reporting consumed, kept so read models can be rebuilt from scratch.

Each entry holds the envelope as JSON text (``_event``) beside the fields the log is
searched and sorted by: ``occurred_at``, ``_logged_at`` (the time it was logged: a rebuild
re-applies what was logged after it started, whatever the events' own times) and, for an
event about an actor, ``data.actor_id``. One text value instead of the envelope's every
field: the store parses and walks each value of a document it stores or returns (nx-27017
in Python), so a rebuild's read of the whole log costs it about 45 % less, and each live
insert about 40 % less (bench/README.md, fifth round).
Entries logged before this form hold the envelope's own fields; both are read.

After ActorErased the log keeps no name of the erased actor: ``erase_names`` nulls the
name fields of every logged event about it (the read models rebuilt from the log lose
nothing: the directory drops an erased actor's names anyway).
"""
from __future__ import annotations

import json
from collections.abc import Iterator

import bson
from pymongo import ASCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from samskab_infra.clock import utc_now_iso
from samskab_infra.grouped_inserts import GroupedInserts

from .read_ahead import read_ahead

EVENT_LOG = "event_log"
EVENT_TEXT = "_event"
BOOKKEEPING = ("_id", "_logged_at")
HISTORY_BATCH = 5000
"""Logged events per batch of a full read (``history_batches``): a few MB, few round trips."""
NAME_FIELDS = ("name", "department")
"""The fields of an actor event that name the actor (an organisation and its department)."""


def ensure_indexes(db: Database) -> None:
    db[EVENT_LOG].create_index([("occurred_at", ASCENDING)], name="by_time")
    db[EVENT_LOG].create_index([("_logged_at", ASCENDING)], name="by_logged_at")
    db[EVENT_LOG].create_index([("data.actor_id", ASCENDING)], name="by_actor")


def record(db: Database, envelope: dict, logged_at: str | None = None,
           into: GroupedInserts | None = None) -> bool:
    """Log the envelope; False when it was logged already (a redelivery). ``into``: the live
    projection's inserts into the log, shared with the other events of the moment."""
    log = into if into is not None else db[EVENT_LOG]
    try:
        log.insert_one(entry(envelope, logged_at or utc_now_iso()))
    except DuplicateKeyError:
        return False
    return True


def entry(envelope: dict, logged_at: str) -> dict:
    """The log's document for ``envelope`` (see the module's notes)."""
    logged = {"_id": envelope["event_id"], "_logged_at": logged_at, "occurred_at": envelope["occurred_at"],
              EVENT_TEXT: json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))}
    actor_id = (envelope.get("data") or {}).get("actor_id")
    if actor_id is not None:
        logged["data"] = {"actor_id": actor_id}
    return logged


def envelope_of(doc: dict) -> dict:
    """The envelope a log entry holds, of either form."""
    text = doc.get(EVENT_TEXT)
    if text is not None:
        return json.loads(text)
    return {k: v for k, v in doc.items() if k not in BOOKKEEPING}


def history_batches(db: Database, batch_size: int = HISTORY_BATCH) -> Iterator[list[dict]]:
    """All logged envelopes, oldest first, a store batch at a time: the batches come as raw
    BSON and the next is fetched (on a thread of its own) while the caller works on this one.
    Nothing is validated: each envelope was validated before it was logged."""
    collection = db[EVENT_LOG]
    cursor = collection.find_raw_batches({}, sort=[("occurred_at", ASCENDING)],
                                         batch_size=batch_size)
    raw_batches = read_ahead(cursor)
    try:
        for raw in raw_batches:
            yield [envelope_of(doc) for doc in bson.decode_all(raw, collection.codec_options)]
    finally:
        raw_batches.close()
        cursor.close()


def logged_since(db: Database, since: str, batch_size: int = 1000) -> Iterator[dict]:
    """Envelopes logged at or after ``since`` (an ISO time), in the order they were logged."""
    cursor = db[EVENT_LOG].find({"_logged_at": {"$gte": since}}).sort("_logged_at", ASCENDING)
    for doc in cursor.batch_size(batch_size):
        yield envelope_of(doc)


def erase_names(db: Database, actor_id: str) -> int:
    """Null the name fields of every logged event about ``actor_id`` (found by
    ``data.actor_id``); each changed entry is replaced whole. Returns how many changed."""
    changed = 0
    for doc in db[EVENT_LOG].find({"data.actor_id": actor_id}):
        envelope = envelope_of(doc)
        data = envelope.get("data") or {}
        named = [key for key in NAME_FIELDS if data.get(key) is not None]
        if not named:
            continue
        unnamed = {**envelope, "data": {**data, **dict.fromkeys(named)}}
        db[EVENT_LOG].replace_one({"_id": doc["_id"]}, entry(unnamed, doc["_logged_at"]))
        changed += 1
    return changed


def count(db: Database) -> int:
    """How many events are logged, for a progress bar: the store's own figure, without a scan
    (nx-27017's ``count_documents`` reads every document: seconds for 100,000 events)."""
    return db[EVENT_LOG].estimated_document_count()
