"""What a gateway process remembers of who may do what, and how it learns that it changed.

Every request needs the caller's grants (grants.resolve: one to three finds), whether its
token was revoked (one find) or its API key's record (one find). These facts change
rarely, so a process keeps what it read, and every change of them raises one counter,
the *access epoch* (one document in ``access_epoch``), after the change is written:
giving or withdrawing a grant, revoking a token or key, and every grant, membership or
holder the domain's events change (grants.apply_event). What a process remembers is
valid for one epoch:

- a change made by this process (its admin routes, the events it consumes) forgets
  everything at once, so the next request reads afresh: within one process a withdrawn
  grant or a revoked token stops working at the next request, as before;
- a change made elsewhere (another replica, the operators' CLI) is seen when the process
  next reads the epoch, which it does when its last reading is older than
  GATEWAY_ACCESS_FRESHNESS_MS (default 100 ms; 0 reads it at every request).

So a withdrawal or a revocation anywhere stops working everywhere within that bound;
docs/access.md says so. What a process remembers is bounded (MAX_REMEMBERED entries;
past that it forgets everything and reads again).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pymongo.database import Database

EPOCH_COLLECTION = "access_epoch"
EPOCH_ID = "access"
MAX_REMEMBERED = 50_000
_local_changes = 0
"""Changes this process made; every AccessCache in it forgets when this moves."""


def access_changed(db: Database) -> None:
    """Call after writing any change of grants, memberships, holders, revocations or keys:
    every gateway process forgets what it read (this one at once, the others within the
    freshness bound)."""
    global _local_changes
    _local_changes += 1
    db[EPOCH_COLLECTION].update_one({"_id": EPOCH_ID}, {"$inc": {"n": 1}}, upsert=True)
    _local_changes += 1


def read_epoch(db: Database) -> int:
    found = db[EPOCH_COLLECTION].find_one({"_id": EPOCH_ID}, {"n": 1})
    return int(found["n"]) if found else 0


class AccessCache:
    """Facts read from the store, remembered for as long as the access epoch stays the same."""

    def __init__(self, db: Database, freshness_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.freshness_s = freshness_s
        self.clock = clock
        self._epoch: int | None = None
        self._read_at = float("-inf")
        self._seen_local = _local_changes
        self._generation = 0
        self._facts: dict[tuple[str, str], Any] = {}

    def get(self, kind: str, key: str, load: Callable[[], Any]) -> Any:
        """The fact ``kind``/``key``, from memory if it was read in the current epoch, else
        from ``load`` (and remembered unless the epoch moved while it was read)."""
        self._refresh()
        found = self._facts.get((kind, key), _MISSING)
        if found is not _MISSING:
            return found
        generation = self._generation
        value = load()
        if generation == self._generation:
            if len(self._facts) >= MAX_REMEMBERED:
                self._forget()
            self._facts[(kind, key)] = value
        return value

    def _refresh(self) -> None:
        now = self.clock()
        if self._seen_local != _local_changes:
            self._seen_local = _local_changes
            self._forget()
            self._epoch, self._read_at = None, float("-inf")
        if now - self._read_at < self.freshness_s and self._epoch is not None:
            return
        # Requests arriving while this one reads go on with the current reading, rather than
        # all reading at once.
        previous_read_at, self._read_at = self._read_at, now
        try:
            epoch = read_epoch(self.db)
        except BaseException:
            self._read_at = previous_read_at
            raise
        if epoch != self._epoch:
            self._epoch = epoch
            self._forget()

    def _forget(self) -> None:
        self._generation += 1
        self._facts = {}


_MISSING = object()
