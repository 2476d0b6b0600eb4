"""nameko entrypoints of the reporting service: a few lines each, delegating."""
from __future__ import annotations

import samskab_contracts.events  # noqa: F401  (registers every event type)
from samskab_infra.consumer import reliable_event_handler
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import SamskabError
from samskab_infra.event_types import REGISTRY
from samskab_infra.logs import CorrelationContext
from samskab_infra.ops_http import Observability
from samskab_infra.rpc import rpc
from samskab_infra.rpc_routing import HandlerContext, route
from samskab_infra.timer import timer

from . import handlers
from .adapters import event_log
from .adapters.stores import ReportingStoresProvider
from .domain.projections import directory, initiative
from .listing import list_initiatives
from .metrics import observe_projected, set_business_figures
from .personal_data import export_actor

HANDLED_EVENTS = tuple(sorted(t for t in REGISTRY if initiative.handles(t) or directory.handles(t)))
QUERIES = {
    "list_initiatives": list_initiatives,
    "get_initiative": handlers.get_initiative,
    "get_rollup": handlers.get_rollup,
    "get_catalogue": handlers.get_catalogue,
    "get_dashboard": handlers.get_dashboard,
    "get_export": handlers.get_export,
}


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

    @reliable_event_handler(HANDLED_EVENTS)
    def on_event(self, envelope: Envelope) -> None:
        raw = envelope.to_dict()
        event_log.record(self.stores.db, raw)
        for stores, emit in self.stores.projection_targets():
            handlers.project_event(stores, raw, emit=emit)
        erased = handlers.erased_actor(self.stores.read_models(), raw)
        if erased:
            event_log.erase_names(self.stores.db, erased)
        observe_projected(envelope.type, envelope.occurred_at)

    @timer(interval=10)
    def refresh_rollups(self) -> None:
        self.stores.read_models().refresh_figures()

    @timer(interval=30)
    def refresh_business_metrics(self) -> None:
        set_business_figures(handlers.phase_counts(self.stores.read_models()),
                             self.stores.active_generation())
