"""Persons' subscriptions in the store (one document per event type)."""
from __future__ import annotations

from collections.abc import Iterable

from pymongo.collection import Collection

from ..domain.subscriptions import Subscription

SUBSCRIPTIONS = "subscriptions"


class SubscriptionStore:
    def __init__(self, collection: Collection):
        self.collection = collection

    def ensure_indexes(self) -> None:
        self.collection.create_index("event_type", name="event_type")
        self.collection.create_index("subscriber_id", name="subscriber")

    def add(self, subscriptions: Iterable[Subscription]) -> None:
        for subscription in subscriptions:
            self.collection.insert_one(subscription.to_document())

    def get(self, subscription_id: str) -> Subscription | None:
        doc = self.collection.find_one({"_id": subscription_id})
        return Subscription.from_document(doc) if doc else None

    def remove(self, subscription_id: str) -> bool:
        return self.collection.delete_one({"_id": subscription_id}).deleted_count == 1

    def remove_subscriber(self, subscriber_id: str) -> int:
        return self.collection.delete_many({"subscriber_id": subscriber_id}).deleted_count

    def for_event_type(self, event_type: str) -> list[Subscription]:
        return [Subscription.from_document(d)
                for d in self.collection.find({"event_type": event_type})]

    def of_subscriber(self, subscriber_id: str) -> list[Subscription]:
        docs = self.collection.find({"subscriber_id": subscriber_id}).sort("created_at", 1)
        return [Subscription.from_document(d) for d in docs]
