"""Webhook endpoints in the store, through the outbox (an endpoint's events, e.g.
WebhookEndpointDisabled, are written in the same document write as its state)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from samskab_infra.aggregate import envelopes
from samskab_infra.aggregate_store import AggregateStore, ConflictError
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope

from ..domain.endpoint import ENABLED, WebhookEndpoint

ENDPOINTS = "webhook_endpoints"


class EndpointRepository:
    """``changed`` is called after every write (the process's routing table reads again)."""

    def __init__(self, store: AggregateStore, changed: Callable[[], None] = lambda: None):
        self.store = store
        self.collection = store.collection
        self.changed = changed

    def ensure_indexes(self) -> None:
        self.store.ensure_indexes()
        self.collection.create_index("owner", name="owner")
        self.collection.create_index("status", name="status")

    def get(self, endpoint_id: str) -> tuple[WebhookEndpoint, int] | None:
        doc = self.store.get(endpoint_id)
        if doc is None:
            return None
        return WebhookEndpoint.from_document(doc), doc["version"]

    def create(self, endpoint: WebhookEndpoint) -> int:
        try:
            return self.store.create(endpoint.endpoint_id, endpoint.to_document(), [])
        finally:
            self.changed()

    def save(self, endpoint: WebhookEndpoint, version: int,
             envelopes: Sequence[Envelope] = ()) -> int:
        try:
            return self.store.update(endpoint.endpoint_id, endpoint.to_document(), version, envelopes)
        finally:
            self.changed()

    def change(self, endpoint_id: str, change: Callable[[WebhookEndpoint], bool], *,
               ctx: Context, attempts: int = 5,
               ) -> tuple[WebhookEndpoint | None, list[Envelope]]:
        """Load, apply ``change`` (True when it changed something), save with the events
        it raised (with ``ctx``'s lineage); retried on a concurrent write. Returns the
        endpoint and its envelopes."""
        for _ in range(attempts):
            loaded = self.get(endpoint_id)
            if loaded is None:
                return None, []
            endpoint, version = loaded
            if not change(endpoint):
                return endpoint, []
            wrapped = envelopes(endpoint, ctx)
            try:
                self.save(endpoint, version, wrapped)
            except ConflictError:
                continue
            endpoint.pending_events.clear()
            return endpoint, wrapped
        raise ConflictError(endpoint_id, None, None)

    def enabled(self) -> list[WebhookEndpoint]:
        return [WebhookEndpoint.from_document(d) for d in self.collection.find({"status": ENABLED})]

    def of_owner(self, owner: str) -> list[WebhookEndpoint]:
        docs = self.collection.find({"owner": owner}).sort("created_at", 1)
        return [WebhookEndpoint.from_document(d) for d in docs]
