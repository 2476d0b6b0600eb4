"""Inserting many documents in one store operation where some may be there already (a
redelivery, a retried batch): one unordered ``insert_many``, the duplicates told apart from
real failures by their error code."""
from __future__ import annotations

from collections.abc import Sequence

from pymongo.collection import Collection
from pymongo.errors import BulkWriteError

DUPLICATE_KEY = 11000


def insert_unique(collection: Collection, documents: Sequence[dict]) -> set[int]:
    """Insert ``documents``; returns the positions of those a unique index refused (they were
    there already). Any other error is raised: what got in stays, and a second try
    inserts only the rest."""
    if not documents:
        return set()
    try:
        collection.insert_many(list(documents), ordered=False)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors") or []
        if not errors or any(error.get("code") != DUPLICATE_KEY for error in errors):
            raise
        return {error["index"] for error in errors}
    return set()
