"""The outbox's archive of the events the actors service published
(``actors_events``, ``memberships_events``), as far as erasure needs it."""
from __future__ import annotations

from collections.abc import Mapping

from pymongo.database import Database

from samskab_infra.aggregate_store import history_collection_name

ARCHIVED_FROM = ("actors", "memberships")


class PublishedHistory:
    def __init__(self, db: Database):
        self.collections = [db[history_collection_name(db[name])] for name in ARCHIVED_FROM]

    def contains(self, event_id: str) -> bool:
        return any(c.find_one({"_id": event_id}, {"_id": 1}) is not None for c in self.collections)

    def redact(self, actor_id: str, fields_by_type: Mapping[str, tuple[str, ...]]) -> int:
        """Set the named data fields of the actor's archived events to null; returns
        how many fields changed (0 when repeated)."""
        changed = 0
        for collection in self.collections:
            for event_type, names in fields_by_type.items():
                for name in names:
                    result = collection.update_many(
                        {"data.actor_id": actor_id, "type": event_type, f"data.{name}": {"$ne": None}},
                        {"$set": {f"data.{name}": None}})
                    changed += result.modified_count
        return changed
