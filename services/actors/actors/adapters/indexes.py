"""Indexes of the actors service's collections."""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database


def ensure_indexes(db: Database) -> None:
    db["memberships"].create_index([("actor_id", ASCENDING)], name="by_actor")
    db["memberships"].create_index([("initiative_id", ASCENDING), ("active", ASCENDING)],
                                   name="by_initiative")
    db["actors"].create_index([("doc_type", ASCENDING), ("actor_id", ASCENDING)], name="by_type_actor")
    # find_actors: an equality on one name term (an array: a multikey index) or the CVR,
    # within a district. No "_id" in them: the embedded store then refuses every write.
    db["actors"].create_index([("name_terms", ASCENDING), ("district", ASCENDING)], name="by_name_term")
    db["actors"].create_index([("cvr", ASCENDING), ("district", ASCENDING)], name="by_cvr")
    db["actors"].create_index([("district", ASCENDING), ("doc_type", ASCENDING)], name="by_district")
    for history in ("actors_events", "memberships_events"):
        db[history].create_index([("data.actor_id", ASCENDING)], name="by_actor")
