"""nameko entrypoints of the reporting service: a few lines each, delegating."""
from __future__ import annotations

from samskab_infra.consumer import reliable_event_handler
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import SamskabError
from samskab_infra.logs import CorrelationContext
from samskab_infra.ops_http import Observability
from samskab_infra.rpc import rpc
from samskab_infra.rpc_routing import HandlerContext, route
from samskab_infra.timer import timer

from .adapters.stores import ReportingStoresProvider
from .handlers import HANDLED_EVENTS, QUERIES, events, queries
from .metrics import observe_projected, set_business_figures
from .personal_data import export_actor

__all__ = ["HANDLED_EVENTS", "ReportingService"]


class ReportingService:
    name = "reporting"

    stores = ReportingStoresProvider()
    context: Context = HandlerContext()
    correlation = CorrelationContext()
    observability = Observability()

    @rpc(expected_exceptions=SamskabError)
    def query(self, name: str, params: dict) -> dict:
        return route(QUERIES, name, self.stores.read_models(), params, self.context)

    @rpc(expected_exceptions=SamskabError)
    def personal_data(self, actor_id: str, district: str | None = None) -> dict:
        return export_actor(self.stores, actor_id, self.context.principal, district)

    # Every read model remembers the events it applied and every other write is idempotent
    # (the event log by event id, summaries by version), and the event log's entry, written
    # last, records the event as handled: see handlers/events.py.
    @reliable_event_handler(HANDLED_EVENTS, deduplicated_in_document=HANDLED_EVENTS,
                            recorded_by_handler=True)
    def on_event(self, envelope: Envelope) -> None:
        if events.on_event(self.stores, envelope):
            observe_projected(envelope.type, envelope.occurred_at)

    @timer(interval=10)
    def refresh_rollups(self) -> None:
        self.stores.read_models().refresh_figures()

    @timer(interval=30)
    def refresh_business_metrics(self) -> None:
        set_business_figures(queries.phase_counts(self.stores.read_models()),
                             self.stores.active_generation())
