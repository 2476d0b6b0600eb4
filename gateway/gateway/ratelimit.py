"""Per-caller token buckets (per gateway process): steady rate plus a burst."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass


@dataclass
class Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, rate_per_s: float | None = None, burst: int | None = None):
        self.rate = rate_per_s if rate_per_s is not None else float(os.environ.get("GATEWAY_RATE_PER_S", "50"))
        self.burst = burst if burst is not None else int(os.environ.get("GATEWAY_RATE_BURST", "100"))
        self._buckets: dict[str, Bucket] = {}

    def take(self, caller: str) -> float:
        """0 if the request may pass, else the seconds to wait before retrying."""
        now = time.monotonic()
        bucket = self._buckets.get(caller) or Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        self._buckets[caller] = bucket
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate if self.rate > 0 else 60.0
