"""What this process's writers hand the outbox relay: each document they wrote with new
events, as written (its ``_id``, ``_rev`` and outbox), so the relay publishes it without
reading it back. Nothing depends on it for delivery: a document handed over and lost (the
publish failed, the process died) is still pending in the store, where the relay's poll
finds it, and one changed since is cleared on a fresh read (outbox_relay)."""
from __future__ import annotations

from .aggregate_store import OUTBOX, REVISION


class HandedOver:
    def __init__(self) -> None:
        self._by_collection: dict[str, dict[str, dict]] = {}

    def add(self, collection: str, document: dict) -> None:
        """A later write of the same document replaces the earlier one (its outbox holds the
        earlier events still pending, or they were published and cleared in between)."""
        self._by_collection.setdefault(collection, {})[document["_id"]] = {
            "_id": document["_id"], REVISION: document.get(REVISION, 0), OUTBOX: document.get(OUTBOX) or []}

    def take(self, collection: str, limit: int) -> list[dict]:
        """At most ``limit`` handed-over documents of ``collection``, oldest first; the rest stay."""
        waiting = self._by_collection.get(collection)
        if not waiting:
            return []
        return [waiting.pop(doc_id) for doc_id in list(waiting)[:limit]]

    def forget(self, collection: str) -> None:
        """The relay read the store itself: what it found supersedes what was handed over."""
        self._by_collection.pop(collection, None)
