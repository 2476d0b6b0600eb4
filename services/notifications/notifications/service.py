"""nameko entrypoints of the notifications service: a few lines each, delegating."""
from __future__ import annotations

import os

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

from .adapters.local_actor_contacts import LocalActorContacts
from .adapters.stores import NotificationStores, ensure_indexes
from .commands import COMMANDS, QUERIES
from .domain.catalogue import CONSUMED_EVENT_TYPES
from .event_handling import handle_event
from .personal_data import export_actor
from .sending import deliver_due
from .settings import load_notification_settings

CONTACT_EVENTS = ("ActorContactShared", "ActorErased", "ConsentWithdrawn")
HANDLED_EVENTS = tuple(sorted(set(CONSUMED_EVENT_TYPES) | set(CONTACT_EVENTS)))
DELIVERY_INTERVAL_S = float(os.environ.get("NOTIFY_DELIVERY_INTERVAL_S", "2"))


class NotificationsService:
    name = "notifications"

    stores = StoresProvider("webhook_endpoints", index_setup=ensure_indexes,
                            partner_views=PARTNER_VIEWS)
    context: Context = HandlerContext()
    correlation = CorrelationContext()
    observability = Observability()

    def _notification_stores(self) -> NotificationStores:
        return NotificationStores.from_database(self.stores.db, endpoint_store=self.stores["webhook_endpoints"])

    @rpc(expected_exceptions=SamskabError)
    def execute(self, command: str, payload: dict) -> dict:
        return route(COMMANDS, command, self._notification_stores(), payload, self.context,
                        load_notification_settings())

    @rpc(expected_exceptions=SamskabError)
    def query(self, name: str, params: dict) -> dict:
        return route(QUERIES, name, self._notification_stores(), params, self.context,
                        load_notification_settings())

    @rpc(expected_exceptions=SamskabError)
    def personal_data(self, actor_id: str, district: str | None = None) -> dict:
        return export_actor(self.stores.db, actor_id, self.context.principal, district)

    @reliable_event_handler(HANDLED_EVENTS)
    def on_event(self, envelope: Envelope) -> None:
        if envelope.type in CONTACT_EVENTS:
            LocalActorContacts(self.stores.db).apply(envelope.type, envelope.data)
        if envelope.type in CONSUMED_EVENT_TYPES:
            handle_event(self._notification_stores(), envelope.to_dict(), settings=load_notification_settings())

    @timer(interval=DELIVERY_INTERVAL_S)
    def deliver(self) -> None:
        deliver_due(self._notification_stores(), load_notification_settings(), utc_now_iso(),
                    actor_contacts=LocalActorContacts(self.stores.db))
