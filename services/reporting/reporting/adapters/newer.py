"""Whole-document writes that never replace a newer document with an older one."""
from __future__ import annotations

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from samskab_infra.aggregate_store import ConflictError
from samskab_infra.grouped_inserts import GroupedInserts
from samskab_infra.saving import jittered_pause

ATTEMPTS = 20


def replace_if_newer(collection: Collection, doc_id: str, document: dict, field: str, *,
                     insert_first: bool = False, inserts: GroupedInserts | None = None) -> bool:
    """Store ``document`` as ``doc_id`` unless the stored one's scalar ``field`` is already as
    high; True when written. A replace guarded by ``$lt`` on the scalar, else an insert (no
    upsert: nx-27017's ``replace_one(upsert=True)`` loses the ``_id``). ``insert_first``
    when the document is most likely not there yet: one write instead of two; ``inserts``
    shares that insert with the others made at the same moment."""
    mark = document[field]
    doc = {**document, "_id": doc_id}
    insert_one = inserts.insert_one if inserts is not None else collection.insert_one
    for attempt in range(ATTEMPTS):
        if not (insert_first and attempt == 0) and collection.replace_one(
                {"_id": doc_id, field: {"$lt": mark}}, doc).matched_count:
            return True
        try:
            insert_one(dict(doc))
            return True
        except DuplicateKeyError:
            stored = collection.find_one({"_id": doc_id}, {field: 1})
            if stored is not None and stored.get(field, 0) >= mark:
                return False
        jittered_pause(attempt)  # the competing writer removed it again: let it finish
    # Raised, not swallowed: the event that asked for this write is retried later.
    raise ConflictError(doc_id, mark, None)
