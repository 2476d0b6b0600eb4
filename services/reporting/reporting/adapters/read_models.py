"""The ReadModels port over one generation of the service's Mongo collections."""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database

from samskab_contracts.access import Visibility
from samskab_infra.aggregate_store import OUTBOX, OUTBOX_PENDING, REVISION

from ..domain.projections.state import ACTORS, INITIATIVES, SUMMARIES
from .generations import ROLLUPS, collection_name
from .rollup_cache import FiguresMemo, RollupCache

HIDDEN = ("_id", OUTBOX, OUTBOX_PENDING, REVISION)
SUMMARY_HIDDEN = HIDDEN + ("version",)


def _clean(doc: dict, hidden: tuple[str, ...] = HIDDEN) -> dict:
    return {k: v for k, v in doc.items() if k not in hidden}


def scoped_query(district: str | None, visibility: Visibility | None) -> dict | None:
    """The store query for the initiatives of ``district`` (all when None) that
    ``visibility`` shows (all when None); None when it shows nothing. An initiative is a
    district's when the district leads it or takes part in it (``districts``)."""
    query: dict = {"districts": district} if district else {}
    if visibility is None or visibility.everything:
        return query
    if visibility.nothing:
        return None
    readable = []
    if visibility.districts:
        readable.append({"districts": {"$in": sorted(visibility.districts)}})
    if visibility.initiatives:
        readable.append({"_id": {"$in": sorted(visibility.initiatives)}})
    return {**query, "$or": readable}


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

    def initiatives(self, district: str | None = None, fields: tuple[str, ...] | None = None,
                    visibility: Visibility | None = None) -> list[dict]:
        """Every initiative model (of a district, that ``visibility`` shows); only ``fields``
        of each when given."""
        query = scoped_query(district, visibility)
        if query is None:
            return []
        projection = dict.fromkeys(fields, 1) if fields else None
        return [_clean(d) for d in self.initiatives_collection.find(query, projection)]

    def initiative(self, initiative_id: str) -> dict | None:
        doc = self.initiatives_collection.find_one({"_id": initiative_id})
        return _clean(doc) if doc else None

    def summaries(self, district: str | None = None,
                  visibility: Visibility | None = None) -> list[dict]:
        """The compact summary of every initiative (of a district, that ``visibility`` shows)."""
        query = scoped_query(district, visibility)
        if query is None:
            return []
        return [_clean(d, SUMMARY_HIDDEN) for d in self.summaries_collection.find(query)]

    def summary_page(self, visibility: Visibility, *, district: str | None = None,
                     phase: str | None = None, theme: str | None = None,
                     after: str | None = None, limit: int = 50) -> list[dict]:
        """Up to ``limit`` summaries in initiative id order after ``after``, filtered in the
        store (district, phase, theme and what ``visibility`` shows)."""
        query = scoped_query(district, visibility)
        if query is None:
            return []
        if phase:
            query["phase"] = phase
        if theme:
            query["themes"] = theme
        if after:
            query["_id"] = {"$gt": after}
        found = self.summaries_collection.find(query).sort("_id", ASCENDING).limit(limit)
        return [{**_clean(d, SUMMARY_HIDDEN), "initiative_id": d["_id"]} for d in found]

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
