"""Indexes of the actors service's collections."""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database


def ensure_indexes(db: Database) -> None:
    db["memberships"].create_index([("actor_id", ASCENDING)], name="by_actor")
    db["memberships"].create_index([("initiative_id", ASCENDING), ("active", ASCENDING)],
                                   name="by_initiative")
    db["actors"].create_index([("doc_type", ASCENDING), ("actor_id", ASCENDING)], name="by_type_actor")
    for history in ("actors_events", "memberships_events"):
        db[history].create_index([("data.actor_id", ASCENDING)], name="by_actor")
