"""When to try a failed delivery again.

After the n-th failed attempt we wait RETRY_SCHEDULE_S[n-1] seconds (±20 %
jitter so a recovering partner is not hit by every retry at once); after the
last one the delivery is dead. Attempt 1 is immediate, so 8 attempts span
about 27.6 hours: a partner that is down for a whole day still gets it.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime

from samskab_infra.clock import parse_instant

RETRY_SCHEDULE_S: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 36000)
JITTER = 0.2
MAX_RETRY_AFTER_S = 24 * 3600.0


def max_attempts(schedule: tuple[float, ...] = RETRY_SCHEDULE_S) -> int:
    return len(schedule) + 1


def retry_delay(failed_attempts: int, *, scale: float = 1.0,
                rand: Callable[[], float] = random.random,
                schedule: tuple[float, ...] = RETRY_SCHEDULE_S) -> float | None:
    """Seconds to wait after ``failed_attempts`` failures (1-based); None: give up."""
    if failed_attempts < 1:
        raise ValueError("failed_attempts starts at 1")
    if failed_attempts > len(schedule):
        return None
    base = schedule[failed_attempts - 1] * scale
    return base * (1 + JITTER * (2 * rand() - 1))


def next_delay(failed_attempts: int, *, retry_after_s: float | None = None, scale: float = 1.0,
               rand: Callable[[], float] = random.random) -> float | None:
    """The schedule's delay, but never sooner than the partner asked (429 Retry-After)."""
    delay = retry_delay(failed_attempts, scale=scale, rand=rand)
    if delay is None or retry_after_s is None:
        return delay
    return max(delay, min(retry_after_s, MAX_RETRY_AFTER_S))


def parse_retry_after(value: str | None, now: str | datetime) -> float | None:
    """Retry-After as delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, (parse_instant(moment) - parse_instant(now)).total_seconds())
