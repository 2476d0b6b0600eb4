"""A limit on failed sign-ins with a local account: after ``max_failures`` wrong passwords
for one e-mail address (or ``address_factor`` times as many from one client address) within
``window_s``, further attempts are refused for ``lockout_s`` before any password is checked.

The counts are kept in the web's own store (``<prefix>_web``, collection
``sign_in_failures``), so every web process shares them, as the gateway's failed
authentications are shared between its replicas. A failure counts whether or not the account
exists, and a blocked address is refused even with the right password, so neither the
answer nor its timing tells which e-mail addresses have accounts. E-mail addresses are kept
only as a hash. If the store cannot be reached the limit lets attempts through (an outage
never locks everyone out) and says so in the log.
"""
from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from pymongo import ReturnDocument
from pymongo.collection import Collection
from pymongo.errors import PyMongoError

log = logging.getLogger("samskab_web.signin_limit")
COLLECTION = "sign_in_failures"
T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    max_failures: int = 5
    window_s: float = 15 * 60
    lockout_s: float = 15 * 60
    address_factor: int = 4
    """One client address may be shared by many people (an office behind one router)."""


class FailureCounts(Protocol):
    """Where the counts live: one record per key with its failures in the current window."""

    def add(self, key: str, now: float, window_s: float) -> int: ...

    def block(self, key: str, until: float) -> None: ...

    def blocked_until(self, key: str) -> float: ...

    def clear(self, key: str) -> None: ...


class StoredFailureCounts:
    """The counts in the store: ``{_id: key, failures, window_ends, blocked_until, expires_at}``,
    raised by one atomic update, so concurrent processes never lose a failure within a window."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def add(self, key: str, now: float, window_s: float) -> int:
        raised = self.collection.find_one_and_update(
            {"_id": key, "window_ends": {"$gt": now}}, {"$inc": {"failures": 1}},
            return_document=ReturnDocument.AFTER)
        if raised is not None:
            return int(raised["failures"])
        # No window open for the key: start one (a lockout still running is kept), and let
        # go of the records nobody has failed with for a while.
        self.collection.delete_many({"expires_at": {"$lt": _iso(now)}})
        self.collection.update_one({"_id": key}, {"$set": {"failures": 1, "window_ends": now + window_s,
                                                           "expires_at": _iso(now + 2 * window_s)}}, upsert=True)
        return 1

    def block(self, key: str, until: float) -> None:
        self.collection.update_one({"_id": key}, {"$set": {"blocked_until": until, "expires_at": _iso(until)}})

    def blocked_until(self, key: str) -> float:
        found = self.collection.find_one({"_id": key}, {"blocked_until": 1})
        return float(found.get("blocked_until", 0.0)) if found else 0.0

    def clear(self, key: str) -> None:
        self.collection.delete_one({"_id": key})


class MemoryFailureCounts:
    """The counts in this process only: enough for one web process (and the unit tests)."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, float]] = {}

    def add(self, key: str, now: float, window_s: float) -> int:
        record = self.records.setdefault(key, {"failures": 0, "window_ends": 0.0})
        if record["window_ends"] <= now:
            record.update(failures=0, window_ends=now + window_s)
        record["failures"] += 1
        return int(record["failures"])

    def block(self, key: str, until: float) -> None:
        self.records.setdefault(key, {"failures": 0, "window_ends": 0.0})["blocked_until"] = until

    def blocked_until(self, key: str) -> float:
        return self.records.get(key, {}).get("blocked_until", 0.0)

    def clear(self, key: str) -> None:
        self.records.pop(key, None)


def _iso(epoch_s: float) -> str:
    return datetime.fromtimestamp(epoch_s, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class SignInLimit:
    def __init__(self, counts: FailureCounts, limits: Limits = Limits(),
                 clock: Callable[[], float] = time.time) -> None:
        self.counts = counts
        self.limits = limits
        self.clock = clock
        self._failing = False

    def wait_s(self, email: str, address: str | None) -> int:
        """Whole seconds until ``email`` from ``address`` may try again; 0 when it may now."""
        until = self._safely(lambda: max(self.counts.blocked_until(key) for key in self._keys(email, address)), 0.0)
        return max(0, math.ceil(until - self.clock()))

    def failed(self, email: str, address: str | None) -> None:
        """One wrong e-mail address or password: count it, and block a key that reached its limit."""
        def count() -> None:
            now = self.clock()
            for key, limit in zip(self._keys(email, address), self._limits(), strict=False):
                if self.counts.add(key, now, self.limits.window_s) >= limit:
                    self.counts.block(key, now + self.limits.lockout_s)
                    log.warning("sign-in blocked for %.0f s after %d failures (%s)", self.limits.lockout_s, limit,
                                key.split(":")[0])
        self._safely(count, None)

    def succeeded(self, email: str) -> None:
        """The right password: the e-mail address starts afresh (its client address does not)."""
        self._safely(lambda: self.counts.clear(self._keys(email, None)[0]), None)

    def _keys(self, email: str, address: str | None) -> list[str]:
        hashed = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()
        return [f"email:{hashed}", *([f"address:{address}"] if address else [])]

    def _limits(self) -> list[int]:
        return [self.limits.max_failures, self.limits.max_failures * self.limits.address_factor]

    def _safely(self, step: Callable[[], T], otherwise: T) -> T:
        try:
            result = step()
        except PyMongoError as exc:
            if not self._failing:
                log.warning("sign-in limit skipped: the store did not answer (%s)", type(exc).__name__)
            self._failing = True
            return otherwise
        self._failing = False
        return result
