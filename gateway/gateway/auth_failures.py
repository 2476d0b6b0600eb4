"""Failed authentications per client address, counted before any credential is looked up.

A client that presented N bad keys or tokens within the window is answered 429
(``auth.too_many_failures``, Retry-After) without its next key or token being looked
up. The count is shared between replicas (SlidingWindowCounters); once a replica has
seen an address blocked it remembers until when, so a flood from that address costs
no store operation at all. That an address is not blocked it trusts for ``clear_s``
(GATEWAY_RATE_FLUSH_MS, 100 ms): a failure it records itself ends that at once, failures
recorded by another replica block here within that bound.
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
                 clock: Callable[[], float] = time.monotonic, clear_s: float = 0.0) -> None:
        self.counters = counters
        self.window = window
        self.clock = clock
        self.clear_s = clear_s
        self.fail_open = FailOpen()
        self._blocked_until: dict[str, float] = {}
        self._clear_until: dict[str, float] = {}

    def refuse_if_blocked(self, address: str) -> None:
        now = self.clock()
        if self._clear_until.get(address, 0.0) > now:
            return
        until = self._blocked_until.get(address, 0.0)
        if until <= now:
            if address in self._clear_until:
                # It was clear: the requests arriving while this one looks again go on as before.
                self._clear_until[address] = now + self.clear_s
            wait = self.fail_open(lambda: self.counters.peek(_key(address), self.window), "auth_failures")
            if wait > 0:
                self._clear_until.pop(address, None)
            if wait <= 0:
                self._blocked_until.pop(address, None)
                if self.clear_s > 0:
                    if len(self._clear_until) >= MAX_BLOCKED:
                        self._clear_until = {a: u for a, u in self._clear_until.items() if u > now}
                    self._clear_until[address] = now + self.clear_s
                return
            if len(self._blocked_until) >= MAX_BLOCKED:
                self._blocked_until = {a: u for a, u in self._blocked_until.items() if u > now}
            until = self._blocked_until[address] = now + wait
        raise TooManyRequests("too many failed authentications from this address",
                              code="auth.too_many_failures", details={"retry_after": seconds_to_retry(until - now)})

    def record(self, address: str, code: str) -> None:
        if code not in NOT_FAILURES:
            self._clear_until.pop(address, None)
            def count_failure() -> float:
                self.counters.add(_key(address), self.window)
                return 0.0

            self.fail_open(count_failure, "auth_failures")


def _key(address: str) -> str:
    return f"authfail:{address}"
