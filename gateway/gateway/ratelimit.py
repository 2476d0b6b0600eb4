"""Per-caller token buckets (per gateway process): a steady rate plus a burst.

Limits come from GatewaySettings (GATEWAY_RATE_PER_S, GATEWAY_RATE_BURST)."""
from __future__ import annotations

import time
from dataclasses import dataclass

MAX_CALLERS = 100_000


@dataclass
class Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, rate_per_s: float, burst: int, clock=time.monotonic):
        self.rate = rate_per_s
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, Bucket] = {}

    def take(self, caller: str) -> float:
        """0 if the request may pass, else the seconds to wait before retrying."""
        now = self._clock()
        bucket = self._buckets.get(caller)
        if bucket is None:
            if len(self._buckets) >= MAX_CALLERS:
                self._forget_full_buckets(now)
            bucket = self._buckets[caller] = Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate if self.rate > 0 else 60.0

    def _forget_full_buckets(self, now: float) -> None:
        """A bucket that has refilled completely carries no information: drop it."""
        refilled = self.burst / self.rate if self.rate > 0 else float("inf")
        for caller in [c for c, b in self._buckets.items() if now - b.updated >= refilled]:
            del self._buckets[caller]
