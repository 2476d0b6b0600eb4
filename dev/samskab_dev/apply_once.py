"""A counter that must not count twice: ``apply_once`` records the event id inside the
very document it changes, in the same compare-and-set write. The plumbing tests use it
as their deliberately non-idempotent effect (tests/integration/plumbing.py)."""
from __future__ import annotations

from collections.abc import Callable

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

APPLIED_KEEP = 500

class ConcurrentUpdate(RuntimeError):
    pass


def apply_once(
    collection: Collection,
    doc_id: str,
    event_id: str,
    mutate: Callable[[dict], dict | None],
    *,
    default: Callable[[], dict] | None = None,
    attempts: int = 20,
) -> bool:
    """Apply ``mutate`` to one document exactly once per event id.

    ``mutate`` gets a copy of the document (or ``default()`` if missing) and
    returns the new document, or None to leave it unchanged. Returns False
    when the event had already been applied to this document.
    """
    for _ in range(attempts):
        current = collection.find_one({"_id": doc_id})
        if current is None:
            if default is None:
                return False
            base = {**default(), "_id": doc_id, "_rev": 0, "_applied": []}
        else:
            base = current
        if event_id in base.get("_applied", []):
            return False
        changed = mutate(dict(base))
        if changed is None:
            changed = dict(base)
        rev = base.get("_rev", 0)
        changed["_id"] = doc_id
        changed["_rev"] = rev + 1
        changed["_applied"] = (list(base.get("_applied", [])) + [event_id])[-APPLIED_KEEP:]
        if current is None:
            try:
                collection.insert_one(changed)
                return True
            except DuplicateKeyError:
                continue
        result = collection.replace_one({"_id": doc_id, "_rev": rev}, changed)
        if result.matched_count == 1:
            return True
    raise ConcurrentUpdate(f"could not apply {event_id} to {doc_id} after {attempts} attempts")
