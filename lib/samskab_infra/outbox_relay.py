"""The outbox relay: publishes the events aggregate documents carry, archives them in
``<collection>_events`` and clears them from the documents (docs/store.md)."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeAlias

from pymongo import UpdateOne
from pymongo.collection import Collection

from .aggregate_store import OUTBOX, OUTBOX_PENDING, REVISION, history_collection_name
from .clock import utc_now_iso
from .envelope import Envelope
from .handed_over import HandedOver
from .inserts import insert_unique


class EnvelopePublisher(Protocol):
    def publish_batch(self, envelopes: Sequence[Envelope]) -> None: ...


CollectionSource: TypeAlias = Callable[[], Iterable[Collection]]
"""Asked before every pass: the collections whose documents carry an outbox right now (a
service whose collections change while it runs, such as read models rebuilt into new
collections, answers with the current ones)."""


PUBLISHED_REMEMBERED = 10_000
"""Event ids this relay published that it remembers (far more than one document is
rewritten in the moments between a publish and its clear)."""


class RecentIds:
    """The last ``limit`` ids added, oldest forgotten first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._ids: dict[str, None] = {}

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._ids

    def add_all(self, event_ids: Iterable[str]) -> None:
        self._ids.update(dict.fromkeys(event_ids))
        while len(self._ids) > self.limit:
            del self._ids[next(iter(self._ids))]


class OutboxRelay:
    """Moves pending envelopes from aggregate documents to the broker. ``collections``: the
    collections to publish from, or a ``CollectionSource`` asked before every pass."""

    def __init__(self, collections: Iterable[Collection] | CollectionSource,
                 publisher: EnvelopePublisher, batch_size: int = 200,
                 handed: HandedOver | None = None, read_every_s: float = 0.2,
                 clock: Callable[[], float] = time.monotonic):
        """``handed``: the documents this process's writers hand over (handed_over); the
        store is then read for pending documents only when nothing was handed over, or
        ``read_every_s`` after it was last read (another process's writes, a crash's
        leftovers)."""
        if callable(collections):
            self.collections: CollectionSource = collections
        else:
            fixed = list(collections)
            self.collections = lambda: fixed
        self.publisher = publisher
        self.batch_size = batch_size
        self.pending_documents = 0
        self.handed = handed
        self.read_every_s = read_every_s
        self.clock = clock
        self._read_at: dict[str, float] = {}
        self._published = RecentIds(PUBLISHED_REMEMBERED)

    def pending_count(self) -> int:
        """Aggregates seen holding unpublished events in the last pass (capped by the
        batch size). Deliberately not count_documents: that is a full scan on nx-27017."""
        return self.pending_documents

    def relay_once(self) -> int:
        """Publish one batch per collection; returns how many events went out.
        Raises PublishFailed (nothing is marked) when the broker refuses."""
        sent, self.pending_documents = 0, 0
        for collection in self.collections():
            sent += self._relay_collection(collection)
        return sent

    def _relay_collection(self, collection: Collection) -> int:
        docs = self._pending(collection)
        self.pending_documents += len(docs)
        envelopes: list[Envelope] = []
        per_doc: dict[str, list[str]] = {}
        read = {doc["_id"]: doc for doc in docs}
        for doc in docs:
            for raw in doc.get(OUTBOX) or []:
                envelopes.append(Envelope(**raw))
                per_doc.setdefault(doc["_id"], []).append(raw["event_id"])
        if not envelopes:
            return 0
        # A document handed over again before this relay cleared it still carries the events
        # published from its earlier copy: they are archived and cleared, not sent twice.
        fresh = [e for e in envelopes if e.event_id not in self._published]
        if fresh:
            self.publisher.publish_batch(fresh)
            self._published.add_all(e.event_id for e in fresh)
        self._archive(collection, envelopes, per_doc)
        self._clear_published(collection, per_doc, read)
        return len(fresh)

    def _pending(self, collection: Collection) -> list[dict]:
        """Documents with unpublished events (``_id``, ``_rev``, outbox): those handed over, or
        those the store holds."""
        name = collection.name
        if self.handed is not None and self.clock() - self._read_at.get(name, float("-inf")) < self.read_every_s:
            handed = self.handed.take(name, self.batch_size)
            if handed:
                return handed
        docs = list(collection.find({OUTBOX_PENDING: True}, {OUTBOX: 1, REVISION: 1}).limit(self.batch_size))
        self._read_at[name] = self.clock()
        if self.handed is not None:
            self.handed.forget(name)  # what the store holds supersedes it
        return docs

    def _clear_published(self, collection: Collection, per_doc: dict[str, list[str]],
                         read: dict[str, dict]) -> None:
        """One write for the whole batch: a compare-and-set per document on the revision the
        pass read. The documents a writer changed in between are cleared one at a time."""
        updates = [UpdateOne({"_id": doc_id, REVISION: read[doc_id].get(REVISION, 0)},
                             {"$set": self._cleared(read[doc_id], set(event_ids))})
                   for doc_id, event_ids in per_doc.items()]
        if collection.bulk_write(updates, ordered=False).matched_count == len(updates):
            return
        for doc_id, event_ids in per_doc.items():
            self._remove_published(collection, doc_id, set(event_ids))

    @staticmethod
    def _cleared(doc: dict, published: set[str]) -> dict:
        remaining = [e for e in doc.get(OUTBOX) or [] if e["event_id"] not in published]
        rev = doc.get(REVISION, 0)
        return {OUTBOX: remaining, OUTBOX_PENDING: bool(remaining), REVISION: rev + 1}

    def _archive(self, collection: Collection, envelopes: list[Envelope],
                 per_doc: dict[str, list[str]]) -> None:
        aggregate_of = {eid: doc_id for doc_id, ids in per_doc.items() for eid in ids}
        published_at = utc_now_iso()
        rows = [
            {
                "_id": e.event_id,
                "aggregate_id": aggregate_of[e.event_id],
                "seq": f"{e.occurred_at}|{position:06d}",
                "status": "published",
                "published_at": published_at,
                **e.to_dict(),
            }
            for position, e in enumerate(envelopes)
        ]
        insert_unique(collection.database[history_collection_name(collection)], rows)  # a re-sent event: archived

    @classmethod
    def _remove_published(cls, collection: Collection, doc_id: str, published: set[str]) -> None:
        """Compare-and-set on a fresh read, again while other writers get in between; nothing
        when the published events are gone already (the batch's write got there)."""
        for _ in range(50):
            doc = collection.find_one({"_id": doc_id}, {OUTBOX: 1, REVISION: 1})
            if doc is None or not any(e["event_id"] in published for e in doc.get(OUTBOX) or []):
                return
            result = collection.update_one({"_id": doc_id, REVISION: doc.get(REVISION, 0)},
                                           {"$set": cls._cleared(doc, published)})
            if result.matched_count == 1:
                return
