"""The aggregate store: the transactional outbox, done with single-document atomicity.

A state change and the events it caused are written in ONE document write:
the aggregate document carries its not-yet-published envelopes in
``_outbox``. The relay (``outbox_relay``) publishes them (in batches, with confirms), archives
them in ``<collection>_events`` (the published event history, status
``published``) and removes them from the aggregate with a compare-and-set on
``_rev``. A crash anywhere leaves the events either still in the outbox (so
they are published later) or already published (and consumers de-duplicate
by event id). An event whose write did not commit was never stored, so it
can never be published.

States of an outbox entry: pending (in ``_outbox``) → published (in the
event history). A failed publish leaves it pending and counted in metrics.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pymongo import ASCENDING
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from .command_log import CommandRecord, kept_commands, recorded_outcomes
from .envelope import Envelope
from .grouped_inserts import GroupedInserts
from .inserts import insert_unique

OUTBOX = "_outbox"
"""The document field holding the aggregate's not-yet-published envelopes."""
OUTBOX_PENDING = "_outbox_pending"
"""True while ``OUTBOX`` holds anything (indexed: the relay finds pending documents by it)."""
REVISION = "_rev"
"""The document's write counter, the compare-and-set of every write (the relay's too)."""
"""The store's error code for an ``_id`` (or unique key) that is taken."""
COMMANDS = "_commands"
"""The recent commands applied to the aggregate, with their outcomes."""
HIDDEN_FIELDS = (OUTBOX, OUTBOX_PENDING, REVISION, COMMANDS)
"""The store's bookkeeping in a document, never part of the aggregate's state."""


READ_KEPT = 64
"""Documents whose bookkeeping one store keeps from its reads (a command reads one or two)."""


class ConflictError(RuntimeError):
    """A stale write: the aggregate changed since it was read (optimistic concurrency)."""

    def __init__(self, aggregate_id: str, expected: int | None, actual: int | None) -> None:
        super().__init__(
            f"{aggregate_id} is at version {actual}, the change was made against {expected}"
        )
        self.aggregate_id = aggregate_id
        self.expected = expected
        self.actual = actual


class AlreadyExists(RuntimeError):
    pass


@dataclass(frozen=True)
class StoredAggregate:
    """One reading of an aggregate: its state (as ``get`` returns it) and the outcomes of
    the commands recently applied to it, by command id."""

    document: dict
    outcomes: dict[str, dict]

    @property
    def version(self) -> int:
        return self.document["version"]


def insert_new(collection: Collection, documents: list[dict]) -> set[Any]:
    """Insert documents (each with its ``_id``) in one unordered ``insert_many``; returns the
    ids that were taken already, whose documents were left out. Any other error is raised."""
    return {documents[i]["_id"] for i in insert_unique(collection, documents)}


def history_collection_name(collection: Collection) -> str:
    return f"{collection.name}_events"


class AggregateStore:
    """Load and save aggregate documents together with their outgoing events."""

    def __init__(self, collection: Collection, wake_relay: Callable[[], object] | None = None,
                 attempts: int = 20, inserts: GroupedInserts | None = None,
                 hand_over: Callable[[str, dict], None] | None = None) -> None:
        """``inserts``: the process's shared inserts into the collection, so that aggregates
        created at the same moment are inserted together (samskab_infra.grouped_inserts).
        ``hand_over(collection name, document)``: told of each document written with new
        events, before the relay is woken, so it publishes them without reading the document
        back (samskab_infra.handed_over)."""
        self.collection = collection
        self.wake_relay = wake_relay
        self.hand_over = hand_over
        self.attempts = attempts
        self.insert_one = inserts.insert_one if inserts is not None else collection.insert_one
        self._read: dict[str, dict] = {}
        """The bookkeeping (version, _rev, outbox, commands) of documents ``read`` returned, so
        that ``update`` writes over what it read with one compare-and-set instead of reading
        the bookkeeping again. Bounded by READ_KEPT; a stale entry only costs a failed write."""

    def ensure_indexes(self) -> None:
        self.collection.create_index([(OUTBOX_PENDING, ASCENDING)], name="outbox_pending")
        history = self.collection.database[history_collection_name(self.collection)]
        history.create_index([("aggregate_id", ASCENDING), ("seq", ASCENDING)], name="aggregate_seq")
        # The embedded store (nx-27017) uses no compound index: ``history`` read the whole
        # collection (6 ms at 10,000 events). A single-field index it does use.
        history.create_index([("aggregate_id", ASCENDING)], name="aggregate")

    def get(self, aggregate_id: str) -> dict | None:
        doc = self.collection.find_one({"_id": aggregate_id})
        if doc is None:
            return None
        return {k: v for k, v in doc.items() if k not in HIDDEN_FIELDS}

    def read(self, aggregate_id: str) -> StoredAggregate | None:
        """The state and the recorded command outcomes, in one read (samskab_infra.saving)."""
        doc = self.collection.find_one({"_id": aggregate_id})
        if doc is None:
            self._read.pop(aggregate_id, None)
            return None
        if len(self._read) >= READ_KEPT:
            self._read.clear()
        self._read[aggregate_id] = {key: doc[key] for key in ("version", REVISION, OUTBOX, COMMANDS)
                                    if key in doc}
        return StoredAggregate({k: v for k, v in doc.items() if k not in HIDDEN_FIELDS},
                               recorded_outcomes(doc.get(COMMANDS)))

    def find(self, query: dict | None = None, *, after: str | None = None,
             limit: int | None = None) -> list[dict]:
        """Documents matching equality filters on top-level fields, in id order;
        ``after`` is the cursor (the last id of the previous page)."""
        criteria = dict(query or {})
        if after is not None:
            criteria["_id"] = {"$gt": after}
        cursor = self.collection.find(criteria).sort("_id", ASCENDING)
        if limit is not None:
            cursor = cursor.limit(limit)
        return [{k: v for k, v in doc.items() if k not in HIDDEN_FIELDS} for doc in cursor]

    def count(self, query: dict | None = None) -> int:
        return self.collection.count_documents(dict(query or {}))

    def create(self, aggregate_id: str, state: dict, events: Sequence[Envelope],
               command: CommandRecord | None = None) -> int:
        """Insert the aggregate with its events and, when given, the command that created it."""
        document = {
            **state,
            "_id": aggregate_id,
            "version": 1,
            REVISION: 1,
            OUTBOX: [e.to_dict() for e in events],
            OUTBOX_PENDING: bool(events),
        }
        if command is not None:
            document[COMMANDS] = kept_commands([], command)
        try:
            self.insert_one(document)
        except DuplicateKeyError:
            raise AlreadyExists(aggregate_id) from None
        self._wake(events, document)
        return 1

    def create_many(self, states: Mapping[str, dict]) -> set[str]:
        """Insert many new aggregates at version 1, without events, in one unordered
        ``insert_many``; returns the ids that were there already (left as they are)."""
        return insert_new(self.collection, [
            {**state, "_id": aggregate_id, "version": 1, REVISION: 1, OUTBOX: [],
             OUTBOX_PENDING: False} for aggregate_id, state in states.items()])

    def update(self, aggregate_id: str, state: dict, expected_version: int,
               events: Sequence[Envelope], command: CommandRecord | None = None) -> int:
        """Replace the state if it is still at ``expected_version``; returns the new version.
        ``command`` (its id and outcome) is recorded in the same write, so a repeat of the
        command finds it (samskab_infra.saving).

        Written first over the document as ``read`` returned it, filtered on ``version`` and
        ``_rev`` (which every writer, the relay too, raises with each write: an unchanged
        ``_rev`` is an unchanged document); only when somebody wrote in between is the
        bookkeeping read again."""
        read = self._read.pop(aggregate_id, None)
        if (read is not None and read.get("version") == expected_version
                and self._replace(aggregate_id, state, expected_version, events, command, read)):
            return expected_version + 1
        for _ in range(self.attempts):
            current = self.collection.find_one(
                {"_id": aggregate_id}, {"version": 1, REVISION: 1, OUTBOX: 1, COMMANDS: 1}
            )
            if current is None:
                raise KeyError(aggregate_id)
            if current.get("version") != expected_version:
                raise ConflictError(aggregate_id, expected_version, current.get("version"))
            if self._replace(aggregate_id, state, expected_version, events, command, current):
                return expected_version + 1
        raise ConflictError(aggregate_id, expected_version, None)

    def _replace(self, aggregate_id: str, state: dict, expected_version: int,
                 events: Sequence[Envelope], command: CommandRecord | None, current: dict) -> bool:
        """One compare-and-set write of the new state over ``current`` (the stored document's
        ``version``, ``_rev``, outbox and commands as read); False when it changed since."""
        outbox = list(current.get(OUTBOX) or []) + [e.to_dict() for e in events]
        rev = current.get(REVISION, 0)
        document = {
            **{k: v for k, v in state.items() if k not in HIDDEN_FIELDS},
            "_id": aggregate_id,
            "version": expected_version + 1,
            REVISION: rev + 1,
            OUTBOX: outbox,
            OUTBOX_PENDING: bool(outbox),
        }
        if command is not None or current.get(COMMANDS):
            document[COMMANDS] = kept_commands(current.get(COMMANDS) or [], command)
        result = self.collection.replace_one(
            {"_id": aggregate_id, "version": expected_version, REVISION: rev}, document
        )
        if result.matched_count != 1:
            return False
        self._wake(events, document)
        return True

    def history(self, aggregate_id: str) -> list[dict]:
        """Published events of one aggregate, oldest first (the audit trail)."""
        history = self.collection.database[history_collection_name(self.collection)]
        return [
            {k: v for k, v in doc.items() if k != "_id"}
            for doc in history.find({"aggregate_id": aggregate_id}).sort("seq", ASCENDING)
        ]

    def _wake(self, events: Sequence[Envelope], document: dict) -> None:
        if events and self.wake_relay is not None:
            if self.hand_over is not None:
                self.hand_over(self.collection.name, document)
            self.wake_relay()
