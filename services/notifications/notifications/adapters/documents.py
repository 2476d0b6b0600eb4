"""Small helpers for the store's documents (shared by the repositories here).

The embedded store returns booleans as 0/1 and misplaces ``_id`` on
``replace_one(upsert=True)``, so we coerce flags on read and upsert by hand. Its
filters compare ISO-8601 times to the whole second (its sort compares the strings),
so keyset paging filters coarsely in the store and exactly here.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from samskab_infra.grouped_inserts import GroupedInserts
from samskab_infra.inserts import insert_unique


def with_flags(doc: Mapping, flags: Iterable[str]) -> dict:
    out = dict(doc)
    for name in flags:
        if name in out:
            out[name] = bool(out[name])
    return out


def insert_new(collection: Collection | GroupedInserts, document: dict) -> bool:
    """Insert once; False when a document with that ``_id`` exists (a duplicate)."""
    try:
        collection.insert_one(document)
        return True
    except DuplicateKeyError:
        return False


def insert_new_many(collection: Collection, documents: list[dict]) -> set[str]:
    """Insert each document once, all in one store operation; the ``_id``s inserted (the
    others existed: duplicates). Any other error is raised (what got in stays, and a
    second try inserts only the rest)."""
    refused = insert_unique(collection, documents)
    return {d["_id"] for i, d in enumerate(documents) if i not in refused}


def newest_after(collection: Collection, query: dict, field: str, after: tuple[str, str] | None,
                 limit: int) -> list[dict]:
    """At most ``limit`` documents of ``query``, newest first by (``field``, ``_id``),
    strictly after the sort key ``after`` (None: from the newest). The store starts
    at ``after``'s second (``$lte``), so at most that second's newer documents are
    read and passed over; no page costs more than its own length and that."""
    order = [(field, -1), ("_id", -1)]
    if after is None:
        return list(collection.find(query).sort(order).limit(limit))
    found: list[dict] = []
    with collection.find({**query, field: {"$lte": after[0]}}).sort(order).batch_size(limit + 1) as docs:
        for doc in docs:
            if (doc[field], doc["_id"]) < after:
                found.append(doc)
                if len(found) == limit:
                    break
    return found


def put(collection: Collection, document: dict) -> None:
    """Insert or replace a whole document by ``_id`` (last write wins)."""
    for _ in range(5):
        if collection.replace_one({"_id": document["_id"]}, document).matched_count:
            return
        if insert_new(collection, document):
            return
    raise RuntimeError(f"could not store {document['_id']}")
