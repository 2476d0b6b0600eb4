"""The ReadModels port over the service's own Mongo collections."""
from __future__ import annotations

from pymongo.database import Database

from ..domain.projections.state import ACTORS, INITIATIVES

HIDDEN = ("_id", "_outbox", "_outbox_pending", "_rev")


def _clean(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in HIDDEN}


class MongoReadModels:
    def __init__(self, db: Database):
        self.db = db

    def initiatives(self, district: str | None = None) -> list[dict]:
        query = {"district": district} if district else {}
        return [_clean(d) for d in self.db[INITIATIVES].find(query)]

    def initiative(self, initiative_id: str) -> dict | None:
        doc = self.db[INITIATIVES].find_one({"_id": initiative_id})
        return _clean(doc) if doc else None

    def actors(self) -> dict[str, dict]:
        return {d["_id"]: _clean(d) for d in self.db[ACTORS].find({})}
