"""Reporting's business metrics for Prometheus."""
from __future__ import annotations

from prometheus_client import Gauge, Histogram
from samskab_common.envelope import utc_now_iso

INITIATIVES_BY_PHASE = Gauge("samskab_initiatives_by_phase", "Initiatives per phase (all districts)",
                             ["phase"])
PROJECTION_LAG = Histogram(
    "samskab_projection_lag_seconds", "From an event occurring to its read model being updated",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


def seconds_between(earlier_iso: str, later_iso: str) -> float:
    from datetime import datetime

    def parse(value: str) -> datetime:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))

    return max(0.0, (parse(later_iso) - parse(earlier_iso)).total_seconds())


def observe_lag(occurred_at: str) -> None:
    PROJECTION_LAG.observe(seconds_between(occurred_at, utc_now_iso()))
