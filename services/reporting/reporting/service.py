"""nameko entrypoints of the reporting service: a few lines each, delegating."""
from __future__ import annotations

import samskab_common.contracts  # noqa: F401  (registers every event type)
from nameko.rpc import rpc
from nameko.timer import timer
from samskab_common.consumer import reliable_event_handler
from samskab_common.context import Context
from samskab_common.dispatch import HandlerContext, dispatch
from samskab_common.envelope import Envelope
from samskab_common.errors import SamskabError
from samskab_common.events import REGISTRY
from samskab_common.logs import CorrelationContext
from samskab_common.ops_http import Observability
from samskab_common.relay import Outbox

from . import handlers
from .adapters import event_log
from .adapters.read_models import MongoReadModels
from .domain.projections import directory, initiative
from .listing import list_initiatives
from .metrics import INITIATIVES_BY_PHASE, observe_lag

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

    stores = Outbox("initiatives", "actors", index_setup=event_log.ensure_indexes)
    context: Context = HandlerContext()
    correlation = CorrelationContext()
    observability = Observability()

    @rpc(expected_exceptions=SamskabError)
    def query(self, name: str, params: dict) -> dict:
        return dispatch(QUERIES, name, MongoReadModels(self.stores.db), params, self.context)

    @reliable_event_handler(HANDLED_EVENTS)
    def on_event(self, envelope: Envelope) -> None:
        raw = envelope.to_dict()
        event_log.record(self.stores.db, raw)
        handlers.project_event(self.stores, raw)
        observe_lag(envelope.occurred_at)

    @timer(interval=30)
    def refresh_business_metrics(self) -> None:
        for phase, count in handlers.phase_counts(MongoReadModels(self.stores.db)).items():
            INITIATIVES_BY_PHASE.labels(phase).set(count)
