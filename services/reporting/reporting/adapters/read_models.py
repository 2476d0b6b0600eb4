"""The ReadModels port over one generation of the service's Mongo collections."""
from __future__ import annotations

from pymongo.database import Database

from ..domain.projections.state import ACTORS, INITIATIVES, SUMMARIES
from .generations import ROLLUPS, collection_name
from .rollup_cache import FiguresMemo, RollupCache

HIDDEN = ("_id", "_outbox", "_outbox_pending", "_rev")
SUMMARY_HIDDEN = HIDDEN + ("version",)


def _clean(doc: dict, hidden: tuple[str, ...] = HIDDEN) -> dict:
    return {k: v for k, v in doc.items() if k not in hidden}


class MongoReadModels:
    """Reads generation ``generation`` (the active one, as the caller's pointer says).
    ``memo``: the process's copy of the roll-up figures (one per service process)."""

    def __init__(self, db: Database, generation: int = 1, memo: FiguresMemo | None = None):
        self.db = db
        self.initiatives_collection = db[collection_name(INITIATIVES, generation)]
        self.actors_collection = db[collection_name(ACTORS, generation)]
        self.summaries_collection = db[collection_name(SUMMARIES, generation)]
        self.rollups = RollupCache(db[collection_name(ROLLUPS, generation)], self.summaries,
                                   (memo or FiguresMemo()).of(generation))

    def initiatives(self, district: str | None = None,
                    fields: tuple[str, ...] | None = None) -> list[dict]:
        """Every initiative model (of a district); only ``fields`` of each when given."""
        query = {"district": district} if district else {}
        projection = dict.fromkeys(fields, 1) if fields else None
        return [_clean(d) for d in self.initiatives_collection.find(query, projection)]

    def initiative(self, initiative_id: str) -> dict | None:
        doc = self.initiatives_collection.find_one({"_id": initiative_id})
        return _clean(doc) if doc else None

    def summaries(self, district: str | None = None) -> list[dict]:
        """The compact summary of every initiative (of a district)."""
        query = {"district": district} if district else {}
        return [_clean(d, SUMMARY_HIDDEN) for d in self.summaries_collection.find(query)]

    def figures(self, scope: str | None) -> dict:
        """The roll-up and dashboard figures of a scope, before suppression (cached)."""
        return self.rollups.figures(scope)

    def refresh_figures(self) -> list[str]:
        """Recompute the changed scopes' figures (the service's timer)."""
        return self.rollups.refresh()

    def actors(self) -> dict[str, dict]:
        return {d["_id"]: _clean(d) for d in self.actors_collection.find({})}

    def actor(self, actor_id: str) -> dict | None:
        doc = self.actors_collection.find_one({"_id": actor_id})
        return _clean(doc) if doc else None
