"""Each person's in-app feed in the store: equality filters, sort, skip/limit and
``$set`` on scalar fields only (what the embedded store supports)."""
from __future__ import annotations

from pymongo.collection import Collection

from ..domain.feed import FeedItem
from .documents import insert_new_many, newest_after, with_flags

FEED = "feed_items"


class FeedStore:
    def __init__(self, collection: Collection):
        self.collection = collection

    def ensure_indexes(self) -> None:
        self.collection.create_index([("person_id", 1), ("occurred_at", -1)], name="person_time")
        self.collection.create_index([("person_id", 1), ("read", 1)], name="person_read")
        # nx-27017 uses no compound index: a person's feed read every item of everyone
        # (12 ms at 10,000 items). A single-field index it uses (docs/store.md).
        self.collection.create_index("person_id", name="person")

    @staticmethod
    def _load(doc: dict) -> FeedItem:
        return FeedItem.from_document(with_flags(doc, ("read",)))

    def add(self, items: list[FeedItem]) -> list[FeedItem]:
        """In one store operation; the items that were new (a redelivered event adds none)."""
        added = insert_new_many(self.collection, [item.to_document() for item in items])
        return [item for item in items if item.item_id in added]

    def _query(self, person_id: str, unread_only: bool) -> dict:
        query: dict = {"person_id": person_id}
        if unread_only:
            query["read"] = False
        return query

    def newest(self, person_id: str, *, limit: int, unread_only: bool = False,
               after: tuple[str, str] | None = None) -> list[FeedItem]:
        """Newest first, after the (occurred_at, item_id) key ``after``. Never counted:
        a count scans the whole collection."""
        docs = newest_after(self.collection, self._query(person_id, unread_only), "occurred_at", after, limit)
        return [self._load(d) for d in docs]

    def get(self, item_id: str) -> FeedItem | None:
        doc = self.collection.find_one({"_id": item_id})
        return self._load(doc) if doc else None

    def mark_read(self, item: FeedItem, now: str) -> FeedItem:
        read = item.mark_read(now)
        if read is not item:
            self.collection.update_one({"_id": item.item_id, "read": False},
                                       {"$set": {"read": True, "read_at": now}})
        return read

    def unread(self, person_id: str) -> list[FeedItem]:
        return [self._load(d) for d in self.collection.find(self._query(person_id, True))]

    def erase_person(self, person_id: str) -> int:
        return self.collection.delete_many({"person_id": person_id}).deleted_count
