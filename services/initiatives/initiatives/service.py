"""nameko entrypoints of the initiatives service: a few lines each, delegating."""
from __future__ import annotations

from nameko.rpc import rpc
from nameko.timer import timer

from samskab_common.consumer import reliable_event_handler
from samskab_common.context import Context
from samskab_common.dispatch import HandlerContext, dispatch
from samskab_common.envelope import Envelope, utc_now_iso
from samskab_common.errors import SamskabError
from samskab_common.logs import CorrelationContext
from samskab_common.ops_http import Observability
from samskab_common.relay import Outbox

from . import handlers
from .authorisation import authorise_command
from .commands import COMMANDS, EVENT_HANDLERS
from .queries import QUERIES

HANDLED_EVENTS = tuple(EVENT_HANDLERS)
OVERDUE_CHECK_SECONDS = 3600


class InitiativesService:
    name = "initiatives"

    stores = Outbox("initiatives")
    context: Context = HandlerContext()
    correlation = CorrelationContext()
    observability = Observability()

    @rpc(expected_exceptions=SamskabError)
    def execute(self, command: str, payload: dict) -> dict:
        store = self.stores["initiatives"]
        authorise_command(store, command, payload, self.context)
        return dispatch(COMMANDS, command, store, payload, self.context)

    @rpc(expected_exceptions=SamskabError)
    def query(self, name: str, params: dict) -> dict:
        return dispatch(QUERIES, name, self.stores["initiatives"], params, self.context)

    @reliable_event_handler(HANDLED_EVENTS)
    def on_event(self, envelope: Envelope) -> None:
        dispatch(EVENT_HANDLERS, envelope.type, self.stores["initiatives"], envelope.data,
                 envelope.event_id, self.context)

    @timer(interval=OVERDUE_CHECK_SECONDS)
    def flag_overdue_reality_checks(self) -> None:
        store = self.stores["initiatives"]
        now = utc_now_iso()
        due = store.find(handlers.reality_check_due_filter(now))
        for initiative_id in handlers.initiatives_with_overdue_reality_checks(due, now):
            handlers.flag_overdue_reality_checks(store, {"initiative_id": initiative_id}, self.context)
