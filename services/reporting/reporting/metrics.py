"""Reporting's metrics for Prometheus: projection lag and the business figures."""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from samskab_infra.clock import seconds_between, utc_now_iso

INITIATIVES_BY_PHASE = Gauge("samskab_initiatives_by_phase", "Initiatives per phase (all districts)",
                             ["phase"])
EVENTS_PROJECTED = Counter("samskab_reporting_events_projected_total",
                           "Events applied to the reporting read models", ["type"])
READ_MODEL_GENERATION = Gauge("samskab_reporting_read_model_generation",
                              "The read-model generation the reporting service answers from")
PROJECTION_LAG = Histogram(
    "samskab_projection_lag_seconds", "From an event occurring to its read model being updated",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


def observe_projected(event_type: str, occurred_at: str) -> None:
    """One event is in the read models: count it and observe its lag."""
    EVENTS_PROJECTED.labels(event_type).inc()
    PROJECTION_LAG.observe(max(0.0, seconds_between(occurred_at, utc_now_iso())))


def set_business_figures(by_phase: dict[str, int], generation: int) -> None:
    for phase, count in by_phase.items():
        INITIATIVES_BY_PHASE.labels(phase).set(count)
    READ_MODEL_GENERATION.set(generation)
