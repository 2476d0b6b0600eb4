"""The events notifications has to tell about, kept once and referenced by deliveries
and feed items (so the e-mail, the feed and a replay render from the same facts)."""
from __future__ import annotations

from pymongo.collection import Collection

from ..domain.incoming import IncomingEvent
from .documents import insert_new

EVENTS = "notification_events"


class EventArchive:
    def __init__(self, collection: Collection):
        self.collection = collection

    def ensure_indexes(self) -> None:
        self.collection.create_index("actor_id", name="actor")

    def store(self, event: IncomingEvent) -> bool:
        return insert_new(self.collection, {"_id": event.event_id, "actor_id": event.actor_id,
                                            **event.to_document()})

    def get(self, event_id: str) -> IncomingEvent | None:
        doc = self.collection.find_one({"_id": event_id})
        return IncomingEvent.from_document(doc) if doc else None

    def erase_actor(self, actor_id: str) -> int:
        """An erased actor leaves no trace here: events naming it are deleted, and
        deliveries and feed items that pointed at them are dropped when read."""
        return self.collection.delete_many({"actor_id": actor_id}).deleted_count
