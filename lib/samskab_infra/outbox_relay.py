"""The outbox relay: publishes the events aggregate documents carry, archives them in
``<collection>_events`` and clears them from the documents (docs/store.md)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from pymongo.collection import Collection
from pymongo.errors import BulkWriteError

from .aggregate_store import history_collection_name
from .clock import utc_now_iso
from .envelope import Envelope


class EnvelopePublisher(Protocol):
    def publish_batch(self, envelopes: Sequence[Envelope]) -> None: ...


class OutboxRelay:
    """Moves pending envelopes from aggregate documents to the broker."""

    def __init__(self, collections: Iterable[Collection], publisher: EnvelopePublisher,
                 batch_size: int = 200):
        self.collections = list(collections)
        self.publisher = publisher
        self.batch_size = batch_size
        self.pending_documents = 0

    def pending_count(self) -> int:
        """Aggregates seen holding unpublished events in the last pass (capped by the
        batch size). Deliberately not count_documents: that is a full scan on nx-27017."""
        return self.pending_documents

    def relay_once(self) -> int:
        """Publish one batch per collection; returns how many events went out.
        Raises PublishFailed (nothing is marked) when the broker refuses."""
        sent, self.pending_documents = 0, 0
        for collection in self.collections:
            sent += self._relay_collection(collection)
        return sent

    def _relay_collection(self, collection: Collection) -> int:
        docs = list(collection.find({"_outbox_pending": True}, {"_outbox": 1, "_rev": 1})
                    .limit(self.batch_size))
        self.pending_documents += len(docs)
        envelopes: list[Envelope] = []
        per_doc: dict[str, list[str]] = {}
        for doc in docs:
            for raw in doc.get("_outbox") or []:
                envelopes.append(Envelope(**raw))
                per_doc.setdefault(doc["_id"], []).append(raw["event_id"])
        if not envelopes:
            return 0
        self.publisher.publish_batch(envelopes)
        self._archive(collection, envelopes, per_doc)
        for doc_id, event_ids in per_doc.items():
            self._remove_published(collection, doc_id, set(event_ids))
        return len(envelopes)

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
        try:
            collection.database[history_collection_name(collection)].insert_many(rows, ordered=False)
        except BulkWriteError as exc:
            if any(err.get("code") != 11000 for err in exc.details.get("writeErrors", [])):
                raise

    @staticmethod
    def _remove_published(collection: Collection, doc_id: str, published: set[str]) -> None:
        for _ in range(50):
            doc = collection.find_one({"_id": doc_id}, {"_outbox": 1, "_rev": 1})
            if doc is None:
                return
            remaining = [e for e in doc.get("_outbox") or [] if e["event_id"] not in published]
            rev = doc.get("_rev", 0)
            result = collection.update_one(
                {"_id": doc_id, "_rev": rev},
                {"$set": {"_outbox": remaining, "_outbox_pending": bool(remaining), "_rev": rev + 1}},
            )
            if result.matched_count == 1:
                return
