"""Read-model generations: which collections hold the read models the service answers from.

Generation 1 is the plain collections (``initiatives``, ``actors``, and the derived
``initiative_summaries`` and ``rollups``); generation N > 1 lives in ``initiatives_gN``,
``actors_gN``, ``initiative_summaries_gN`` / ``rollups_gN``: a generation's summaries and
cached roll-ups are built, switched to and dropped with its read models. One pointer document, ``meta`` /
``active_generation``, names the active generation and, while a rebuild runs, the
generation being built. Every change of the pointer is a compare-and-set on its
scalar ``revision`` (single-document atomicity is all the store guarantees), so a
switch is one atomic write and two rebuilds cannot both win.

Services cache the pointer for ``POINTER_TTL_S``; a rebuild waits ``GRACE_S``
(longer than the cache) before it relies on every service having seen a change.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from pymongo import ASCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from samskab_infra.aggregate_store import OUTBOX_PENDING, AggregateStore

from ..domain.projections.state import ACTORS, INITIATIVES, SUMMARIES

META = "meta"
POINTER_ID = "active_generation"
ROLLUPS = "rollups"
READ_MODELS: tuple[str, ...] = (INITIATIVES, ACTORS)
"""The read models proper: their documents carry an outbox the relay publishes from."""
DERIVED: tuple[str, ...] = (SUMMARIES, ROLLUPS)
"""Derived from the read models (no outbox): the compact summaries and the cached roll-ups."""
COLLECTIONS: tuple[str, ...] = READ_MODELS + DERIVED
POINTER_TTL_S = 1.0
GRACE_S = 2.5
_NAME = re.compile(rf"^({'|'.join(COLLECTIONS)})(?:_g(\d+))?$")


@dataclass(frozen=True)
class Pointer:
    active: int = 1
    building: int | None = None
    building_since: str | None = None
    revision: int = 0


def collection_name(base: str, generation: int) -> str:
    return base if generation == 1 else f"{base}_g{generation}"


def generation_of(name: str) -> int | None:
    """The generation a collection name belongs to; None for any other collection."""
    match = _NAME.match(name)
    if match is None:
        return None
    return int(match.group(2) or 1)


def base_of(name: str) -> str | None:
    match = _NAME.match(name)
    return match.group(1) if match else None


def existing(db: Database, bases: tuple[str, ...] = COLLECTIONS) -> dict[int, list[str]]:
    """Generational collections present in the store (of ``bases``), by generation."""
    found: dict[int, list[str]] = {}
    for name in sorted(db.list_collection_names()):
        generation = generation_of(name)
        if generation is not None and base_of(name) in bases:
            found.setdefault(generation, []).append(name)
    return found


def read_pointer(db: Database) -> Pointer:
    doc = db[META].find_one({"_id": POINTER_ID})
    if doc is None:
        return Pointer()
    return Pointer(active=int(doc.get("active") or 1), building=doc.get("building"),
                   building_since=doc.get("building_since"), revision=int(doc.get("revision") or 0))


def _compare_and_set(db: Database, seen: Pointer, changes: dict) -> bool:
    if seen.revision == 0:
        try:
            db[META].insert_one({"_id": POINTER_ID, "active": seen.active, "building": None,
                                 "building_since": None, **changes, "revision": 1})
            return True
        except DuplicateKeyError:
            return False
    result = db[META].update_one({"_id": POINTER_ID, "revision": seen.revision},
                                 {"$set": {**changes, "revision": seen.revision + 1}})
    return result.matched_count == 1


def begin(db: Database, now: str) -> Pointer:
    """Claim a fresh generation to build; a crashed or running rebuild's one is superseded."""
    while True:
        seen = read_pointer(db)
        generation = max([seen.active, seen.building or 0, *existing(db)]) + 1
        if _compare_and_set(db, seen, {"building": generation, "building_since": now}):
            return read_pointer(db)


def switch(db: Database, generation: int, now: str) -> bool:
    """Make ``generation`` active, in one write; False when another rebuild superseded it."""
    while True:
        seen = read_pointer(db)
        if seen.building != generation:
            return False
        if _compare_and_set(db, seen, {"active": generation, "building": None,
                                       "building_since": None, "switched_at": now}):
            return True


def abandon(db: Database, generation: int) -> None:
    """Stop services from writing to a generation that will not be finished."""
    while True:
        seen = read_pointer(db)
        if seen.building != generation or _compare_and_set(
                db, seen, {"building": None, "building_since": None}):
            return


def prepare(db: Database, generation: int) -> None:
    """Empty collections for ``generation``, with the indexes the stores need."""
    drop(db, generation)
    for base in READ_MODELS:
        AggregateStore(db[collection_name(base, generation)]).ensure_indexes()
    ensure_summary_index(db, generation)


def ensure_summary_index(db: Database, generation: int) -> None:
    db[collection_name(SUMMARIES, generation)].create_index([("district", ASCENDING)],
                                                            name="by_district")


def drop(db: Database, generation: int) -> None:
    """Drop a generation's read models, summaries and cached roll-ups (the archive of events
    it published is kept)."""
    for base in COLLECTIONS:
        db[collection_name(base, generation)].drop()


def pending_outbox(db: Database, generation: int) -> int:
    return sum(db[collection_name(base, generation)].count_documents({OUTBOX_PENDING: True})
               for base in READ_MODELS)


class PointerCache:
    """The pointer as one process sees it, re-read at most every ``ttl`` seconds."""

    def __init__(self, ttl: float = POINTER_TTL_S, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.clock = clock
        self._value: Pointer | None = None
        self._read_at = 0.0

    def get(self, db: Database) -> Pointer:
        now = self.clock()
        if self._value is None or now - self._read_at >= self.ttl:
            self._value = read_pointer(db)
            self._read_at = now
        return self._value
