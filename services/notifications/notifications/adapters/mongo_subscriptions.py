"""Persons' subscriptions in the store (one document per event type)."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from pymongo.collection import Collection

from ..domain.subscriptions import Subscription

SUBSCRIPTIONS = "subscriptions"


class SubscriptionStore:
    """``changed`` is called after every write (the process's routing table reads again)."""

    def __init__(self, collection: Collection, changed: Callable[[], None] = lambda: None):
        self.collection = collection
        self.changed = changed

    def ensure_indexes(self) -> None:
        self.collection.create_index("event_type", name="event_type")
        self.collection.create_index("subscriber_id", name="subscriber")

    def add(self, subscriptions: Iterable[Subscription]) -> None:
        try:
            for subscription in subscriptions:
                self.collection.insert_one(subscription.to_document())
        finally:
            self.changed()

    def get(self, subscription_id: str) -> Subscription | None:
        doc = self.collection.find_one({"_id": subscription_id})
        return Subscription.from_document(doc) if doc else None

    def remove(self, subscription_id: str) -> bool:
        try:
            return self.collection.delete_one({"_id": subscription_id}).deleted_count == 1
        finally:
            self.changed()

    def remove_subscriber(self, subscriber_id: str) -> int:
        try:
            return self.collection.delete_many({"subscriber_id": subscriber_id}).deleted_count
        finally:
            self.changed()

    def every(self) -> list[Subscription]:
        """All of them, for the routing table (adapters/routing_table.py)."""
        return [Subscription.from_document(d) for d in self.collection.find()]

    def of_subscriber(self, subscriber_id: str) -> list[Subscription]:
        docs = self.collection.find({"subscriber_id": subscriber_id}).sort("created_at", 1)
        return [Subscription.from_document(d) for d in docs]
