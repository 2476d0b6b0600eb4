"""Rate limits shared by every gateway replica: sliding-window counters in the gateway's store.

A limit is ``limit`` requests per ``seconds``. Each key (a caller, or a client address
counting failed authentications) has one counter document per fixed window, raised by
one atomic ``find_one_and_update`` with ``$inc`` (upsert), so replicas sharing the store
share the count. The decision weighs the previous window's count by how much of it
still lies inside the sliding window (``prev * (1 - elapsed) + current``), which keeps
a burst at a window's edge from passing twice. A refused request takes its increment
back, so only admitted requests count.

Why not the ``limits`` library: its MongoDB storage updates with aggregation pipelines
(``$cond``, ``$$NOW``) and BSON dates, which nx-27017 refuses (docs/store.md); we need
only ``$inc`` on one document. Counters carry ``expires_at`` as an ISO string and are
purged by the gateway's timer (portable, like the idempotency keys).

If the store cannot be reached the limiter lets requests through (it never turns an
outage into refusals of its own), logs once per outage and counts the skipped checks.

The callers' limit counts in batches (``BatchedCounters``): a process reads a caller's
shared count once per window, then counts the requests it admits in memory and adds them
to the shared counter every GATEWAY_RATE_FLUSH_MS (100 ms), learning the other replicas'
counts from the answer. One replica is exact; with several, a caller may pass its limit
by what the replicas admit in one flush interval before they learn of each other's
counts. GATEWAY_RATE_FLUSH_MS=0 counts every request in the store at once.
"""
from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import ReturnDocument
from pymongo.collection import Collection
from pymongo.errors import PyMongoError

from .metrics import RATE_LIMITER_SKIPPED

log = logging.getLogger(__name__)
COLLECTION = "rate_counters"
MAX_CACHED = 50_000


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: float


def _iso(epoch_s: float) -> str:
    """Fixed width, so that ISO strings compare in time order."""
    return datetime.fromtimestamp(epoch_s, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class SlidingWindowCounters:
    def __init__(self, collection: Collection, clock: Callable[[], float] = time.time) -> None:
        self.collection = collection
        self.clock = clock
        self._finished: dict[str, int] = {}
        """Counts of past windows: they no longer change, so each is read once per process."""

    def hit(self, key: str, window: Window) -> float:
        """Count one request: 0 if it may pass, else the seconds to wait (the request is not counted)."""
        now = self.clock()
        index, elapsed = divmod(now, window.seconds)
        current = self._add(key, window, int(index), 1)
        previous = self._previous(key, int(index))
        wait = _wait(window, previous, current - 1, elapsed)
        if wait > 0:
            self._add(key, window, int(index), -1)
        return wait

    def peek(self, key: str, window: Window) -> float:
        """0 if one more may pass, else the seconds to wait; counts nothing."""
        now = self.clock()
        index, elapsed = divmod(now, window.seconds)
        found = self.collection.find_one({"_id": f"{key}|{int(index)}"}, {"count": 1})
        return _wait(window, self._previous(key, int(index)), found["count"] if found else 0, elapsed)

    def add(self, key: str, window: Window) -> None:
        index = int(self.clock() // window.seconds)
        self._add(key, window, index, 1)

    def _add(self, key: str, window: Window, index: int, amount: int) -> int:
        expires = _iso((index + 2) * window.seconds)
        counter = self.collection.find_one_and_update(
            {"_id": f"{key}|{index}"}, {"$inc": {"count": amount}, "$set": {"expires_at": expires}},
            upsert=True, return_document=ReturnDocument.AFTER)
        assert counter is not None  # an upsert returning the document after it always finds one
        return int(counter["count"])

    def _previous(self, key: str, index: int) -> int:
        doc_id = f"{key}|{index - 1}"
        if doc_id not in self._finished:
            if len(self._finished) >= MAX_CACHED:
                self._finished.clear()
            found = self.collection.find_one({"_id": doc_id}, {"count": 1})
            self._finished[doc_id] = int(found["count"]) if found else 0
        return self._finished[doc_id]


class BatchedCounters:
    """The callers' limit counted in memory and added to the shared counters in batches
    (see the module's docstring); ``flush`` is called every ``flush_s`` by the gateway."""

    def __init__(self, counters: SlidingWindowCounters, flush_s: float) -> None:
        self.counters = counters
        self.flush_s = flush_s
        self._tallies: dict[tuple[str, int], list] = {}
        """(key, window index) -> [window, shared count at the last flush, admitted since]."""

    def hit(self, key: str, window: Window) -> float:
        if self.flush_s <= 0:
            return self.counters.hit(key, window)
        index, elapsed = divmod(self.counters.clock(), window.seconds)
        index = int(index)
        previous = self._tallies.get((key, index - 1))
        previous_count = max(self.counters._previous(key, index), previous[1] + previous[2] if previous else 0)
        tally = self._tallies.get((key, index))
        if tally is None:
            # First request of this caller in this window here: count it in the store at
            # once, which also tells what the other replicas have counted.
            current = self.counters._add(key, window, index, 1)
            wait = _wait(window, previous_count, current - 1, elapsed)
            if wait > 0:
                current = self.counters._add(key, window, index, -1)
            if len(self._tallies) >= MAX_CACHED:
                self.flush()
                self._tallies.clear()
            self._tallies[(key, index)] = [window, current, 0]
            return wait
        wait = _wait(window, previous_count, tally[1] + tally[2], elapsed)
        if wait <= 0:
            tally[2] += 1
        return wait

    def flush(self) -> None:
        """Add what each caller was admitted since the last flush to the shared counters and
        learn their totals; forget windows that can no longer matter."""
        for (key, index), tally in list(self._tallies.items()):
            window, _, pending = tally
            if pending:
                # The pending requests stay counted until the store has them: a request
                # checked while the addition is under way must still see them.
                total = self.counters._add(key, window, index, pending)
                tally[1], tally[2] = total, tally[2] - pending
        now = self.counters.clock()
        for (key, index), tally in list(self._tallies.items()):
            if index < int(now // tally[0].seconds) - 1 and not tally[2]:
                del self._tallies[(key, index)]


def _wait(window: Window, previous: int, current: int, elapsed: float) -> float:
    """Seconds until one more request fits, given ``current`` already admitted in this window
    and ``previous`` in the one before; 0 if it fits now."""
    weight = 1 - elapsed / window.seconds
    if previous * weight + current + 1 <= window.limit:
        return 0.0
    if current + 1 > window.limit:
        # This window alone is full: wait for the next, then for this one's weight to fall.
        fraction = max(0.0, 1 - (window.limit - 1) / current) if current else 0.0
        return window.seconds - elapsed + fraction * window.seconds
    fraction = 1 - (window.limit - current - 1) / previous
    return max(fraction * window.seconds - elapsed, 0.001)


def ensure_indexes(collection: Collection) -> Collection:
    """The purge finds past windows by ``expires_at``."""
    collection.create_index("expires_at")
    return collection


def purge_expired(collection: Collection, now_s: float | None = None) -> int:
    return collection.delete_many({"expires_at": {"$lt": _iso(time.time() if now_s is None else now_s)}}
                                  ).deleted_count


def seconds_to_retry(wait: float) -> int:
    return max(1, math.ceil(wait))


class FailOpen:
    """Runs a limiter check; an unreachable or failing store lets the request through."""

    def __init__(self) -> None:
        self.failing = False

    def __call__(self, check: Callable[[], float], limiter: str) -> float:
        try:
            wait = check()
        except PyMongoError as exc:
            RATE_LIMITER_SKIPPED.labels(limiter).inc()
            if not self.failing:
                log.warning("rate limiter skipped: the store did not answer (%s)", type(exc).__name__)
            self.failing = True
            return 0.0
        self.failing = False
        return wait
