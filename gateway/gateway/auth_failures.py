"""Failed authentications per client address, counted before any credential is looked up.

A client that presented N bad keys or tokens within the window is answered 429
(``auth.too_many_failures``, Retry-After) without its next key or token being looked
up. The count is shared between replicas (SlidingWindowCounters); once a replica has
seen an address blocked it remembers until when, so a flood from that address costs
no store operation at all.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from samskab_infra.errors import TooManyRequests

from .ratelimit import FailOpen, SlidingWindowCounters, Window, seconds_to_retry

MAX_BLOCKED = 100_000
NOT_FAILURES = frozenset({"auth.missing", "auth.unavailable"})
"""No credential was presented or the check itself failed: nothing was guessed."""


class FailedAuthentications:
    def __init__(self, counters: SlidingWindowCounters, window: Window,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.counters = counters
        self.window = window
        self.clock = clock
        self.fail_open = FailOpen()
        self._blocked_until: dict[str, float] = {}

    def refuse_if_blocked(self, address: str) -> None:
        now = self.clock()
        until = self._blocked_until.get(address, 0.0)
        if until <= now:
            wait = self.fail_open(lambda: self.counters.peek(_key(address), self.window), "auth_failures")
            if wait <= 0:
                self._blocked_until.pop(address, None)
                return
            if len(self._blocked_until) >= MAX_BLOCKED:
                self._blocked_until = {a: u for a, u in self._blocked_until.items() if u > now}
            until = self._blocked_until[address] = now + wait
        raise TooManyRequests("too many failed authentications from this address",
                              code="auth.too_many_failures", details={"retry_after": seconds_to_retry(until - now)})

    def record(self, address: str, code: str) -> None:
        if code not in NOT_FAILURES:
            def count_failure() -> float:
                self.counters.add(_key(address), self.window)
                return 0.0

            self.fail_open(count_failure, "auth_failures")


def _key(address: str) -> str:
    return f"authfail:{address}"
