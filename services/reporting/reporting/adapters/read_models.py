"""The ReadModels port over one generation of the service's Mongo collections."""
from __future__ import annotations

from pymongo.database import Database

from ..domain.projections.state import ACTORS, INITIATIVES
from .generations import collection_name

HIDDEN = ("_id", "_outbox", "_outbox_pending", "_rev")


def _clean(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in HIDDEN}


class MongoReadModels:
    """Reads generation ``generation`` (the active one, as the caller's pointer says)."""

    def __init__(self, db: Database, generation: int = 1):
        self.db = db
        self.initiatives_collection = db[collection_name(INITIATIVES, generation)]
        self.actors_collection = db[collection_name(ACTORS, generation)]

    def initiatives(self, district: str | None = None,
                    fields: tuple[str, ...] | None = None) -> list[dict]:
        """Every initiative model (of a district); only ``fields`` of each when given."""
        query = {"district": district} if district else {}
        projection = dict.fromkeys(fields, 1) if fields else None
        return [_clean(d) for d in self.initiatives_collection.find(query, projection)]

    def initiative(self, initiative_id: str) -> dict | None:
        doc = self.initiatives_collection.find_one({"_id": initiative_id})
        return _clean(doc) if doc else None

    def actors(self) -> dict[str, dict]:
        return {d["_id"]: _clean(d) for d in self.actors_collection.find({})}
