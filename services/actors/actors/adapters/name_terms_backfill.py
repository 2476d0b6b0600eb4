"""Giving actors stored before ``find_actors`` existed their ``name_terms`` (the search key,
domain/search.py), once per database: every actor written since carries them already.

Only the search key is set (``$set`` of a list of strings, filtered on the id and the version
read), so the state, the version and the outbox stay untouched; an actor changed meanwhile
got its terms from that very write. A marker document says the pass is done, so later starts
do not scan the actors again."""
from __future__ import annotations

import logging

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from ..domain import Actor, name_terms

log = logging.getLogger(__name__)
MIGRATIONS = "migrations"
MARKER = "actors.name_terms"


def backfill_name_terms(db: Database) -> int:
    """Set the terms of every actor that lacks them; returns how many were set."""
    if db[MIGRATIONS].find_one({"_id": MARKER}) is not None:
        return 0
    given = 0
    for doc in db["actors"].find({"doc_type": "actor"}):
        if "name_terms" in doc:
            continue
        terms = name_terms(Actor.from_document(doc).searchable_name)
        given += db["actors"].update_one({"_id": doc["_id"], "version": doc["version"]},
                                         {"$set": {"name_terms": terms}}).matched_count
    try:
        db[MIGRATIONS].insert_one({"_id": MARKER, "actors": given})
    except DuplicateKeyError:
        pass  # another instance finished the same pass at the same time
    if given:
        log.info("gave %d stored actors their search terms", given)
    return given
