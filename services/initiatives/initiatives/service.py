"""nameko entrypoints of the initiatives service: a few lines each, delegating."""
from __future__ import annotations

from dataclasses import replace

from samskab_contracts.partner import PARTNER_VIEWS
from samskab_infra.clock import utc_now_iso
from samskab_infra.consumer import reliable_event_handler
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import SamskabError
from samskab_infra.logs import CorrelationContext
from samskab_infra.ops_http import Observability
from samskab_infra.rpc import rpc
from samskab_infra.rpc_routing import HandlerContext, route
from samskab_infra.stores_provider import StoresProvider
from samskab_infra.timer import timer

from .adapters.already_read import AlreadyRead
from .handlers import COMMANDS, EVENT_HANDLERS, QUERIES
from .handlers.authorisation import authorise_command
from .handlers.commands import flag_all_overdue_reality_checks
from .personal_data import export_actor

HANDLED_EVENTS = tuple(EVENT_HANDLERS)
OVERDUE_CHECK_SECONDS = 3600


class InitiativesService:
    name = "initiatives"

    stores = StoresProvider("initiatives", partner_views=PARTNER_VIEWS)
    context: Context = HandlerContext()
    correlation = CorrelationContext()
    observability = Observability()

    @rpc(expected_exceptions=SamskabError)
    def execute(self, command: str, payload: dict) -> dict:
        store = self.stores["initiatives"]
        read = authorise_command(store, command, payload, self.context)
        return route(COMMANDS, command, AlreadyRead(store, read), payload, self.context)

    @rpc(expected_exceptions=SamskabError)
    def query(self, name: str, params: dict) -> dict:
        return route(QUERIES, name, self.stores["initiatives"], params, self.context)

    @rpc(expected_exceptions=SamskabError)
    def personal_data(self, actor_id: str, district: str | None = None) -> dict:
        return export_actor(self.stores["initiatives"], actor_id, self.context.principal, district)

    @reliable_event_handler(HANDLED_EVENTS)
    def on_event(self, envelope: Envelope) -> None:
        route(EVENT_HANDLERS, envelope.type, self.stores["initiatives"], envelope.data,
              envelope.event_id, self.context)

    @timer(interval=OVERDUE_CHECK_SECONDS)
    def flag_overdue_reality_checks(self) -> dict:
        """One clock reading per sweep, so the query and every flag agree on "today"."""
        ctx = replace(self.context, now=utc_now_iso())
        return flag_all_overdue_reality_checks(self.stores["initiatives"], ctx)
