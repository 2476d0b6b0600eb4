"""nameko entrypoints of the actors service: a few lines each, delegating."""
from __future__ import annotations

from samskab_contracts.partner import PARTNER_VIEWS
from samskab_infra.consumer import reliable_event_handler
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import SamskabError
from samskab_infra.logs import CorrelationContext
from samskab_infra.ops_http import Observability
from samskab_infra.rpc import rpc
from samskab_infra.rpc_routing import HandlerContext, route
from samskab_infra.stores_provider import StoresProvider

from .adapters.published_history import PublishedHistory
from .adapters.store_setup import set_up_store
from .handlers import COMMANDS, EVENT_HANDLERS, HISTORY_HANDLERS, QUERIES
from .handlers.authorisation import authorise

HANDLED_EVENTS = tuple(EVENT_HANDLERS) + tuple(HISTORY_HANDLERS)


class ActorsService:
    name = "actors"

    stores = StoresProvider("actors", "memberships", "initiatives", index_setup=set_up_store,
                            partner_views=PARTNER_VIEWS)
    context: Context = HandlerContext()
    correlation = CorrelationContext()
    observability = Observability()

    @rpc(expected_exceptions=SamskabError)
    def execute(self, command: str, payload: dict) -> dict:
        authorise(self.stores, command, payload, self.context)
        return route(COMMANDS, command, self.stores, payload, self.context)

    @rpc(expected_exceptions=SamskabError)
    def query(self, name: str, params: dict) -> dict:
        authorise(self.stores, name, params, self.context)
        return route(QUERIES, name, self.stores, params, self.context)

    # The local copy of initiatives remembers the events it applied (domain.directory).
    @reliable_event_handler(HANDLED_EVENTS, deduplicated_in_document=EVENT_HANDLERS)
    def on_event(self, envelope: Envelope) -> None:
        if envelope.type in HISTORY_HANDLERS:
            route(HISTORY_HANDLERS, envelope.type, PublishedHistory(self.stores.db), envelope.data,
                  envelope.event_id, self.context)
            return
        route(EVENT_HANDLERS, envelope.type, self.stores["initiatives"], envelope.data,
              envelope.event_id, self.context)
