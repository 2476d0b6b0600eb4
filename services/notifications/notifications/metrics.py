"""Prometheus metrics of notification delivery (part of operations' contract)."""
from __future__ import annotations

from prometheus_client import Counter, Histogram

DELIVERY_OUTCOMES = Counter(
    "samskab_notification_deliveries_total",
    "Delivery state changes by channel and resulting status", ["channel", "status"],
)
ATTEMPT_SECONDS = Histogram(
    "samskab_notification_attempt_seconds", "Time one delivery attempt took", ["channel"],
)
