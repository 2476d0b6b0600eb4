"""Prometheus metrics shared by every service (names are part of operations' contract)."""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

EVENTS_PUBLISHED = Counter(
    "samskab_events_published_total", "Events the outbox relay published", ["service", "type"]
)
OUTBOX_PUBLISH_FAILURES = Counter(
    "samskab_outbox_publish_failures_total", "Failed outbox publish batches", ["service"]
)
OUTBOX_PENDING = Gauge(
    "samskab_outbox_pending_documents", "Aggregates holding unpublished events", ["service"]
)
EVENTS_CONSUMED = Counter(
    "samskab_events_consumed_total", "Events handled by a consumer",
    ["consumer", "type", "outcome"],
)
EVENTS_RETRIED = Counter(
    "samskab_events_retried_total", "Events sent to a retry queue", ["consumer", "type"]
)
EVENTS_DEAD_LETTERED = Counter(
    "samskab_events_dead_lettered_total", "Events parked in a dead-letter queue",
    ["consumer", "type", "reason"],
)
HANDLER_SECONDS = Histogram(
    "samskab_event_handler_seconds", "Time spent handling one event", ["consumer", "type"]
)
RPC_SECONDS = Histogram(
    "samskab_rpc_seconds", "Time spent in one RPC call", ["service", "method"]
)
STORE_AVAILABLE = Gauge(
    "samskab_store_available", "1 while this process reaches the store, 0 during an outage", ["service"]
)
STORE_OUTAGE_WAITS = Counter(
    "samskab_store_outage_waits_total",
    "Times a part of this process found the store unreachable and waited (consumer, relay, timer) "
    "or answered 503 (rpc, gateway)",
    ["service", "component"],
)
STORE_OPERATIONS = Counter(
    "samskab_store_operations_total", "Commands this process sent to the store (pymongo command monitoring)",
    ["service", "operation"],
)
