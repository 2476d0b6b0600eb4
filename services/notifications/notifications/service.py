"""nameko entrypoints of the notifications service: a few lines each, delegating."""
from __future__ import annotations

from samskab_contracts.partner import PARTNER_VIEWS
from samskab_infra.clock import utc_now_iso
from samskab_infra.consumer import reliable_event_handler
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import SamskabError
from samskab_infra.logs import CorrelationContext
from samskab_infra.ops_http import Observability
from samskab_infra.process_local import ProcessLocal
from samskab_infra.rpc import rpc
from samskab_infra.rpc_routing import HandlerContext, route
from samskab_infra.settings_provider import SettingsProvider
from samskab_infra.stores_provider import StoresProvider
from samskab_infra.timer import timer

from .adapters.outgoing import OutgoingOnce
from .adapters.routing_table import RoutingTable
from .adapters.stores import KeptStores, NotificationStores, ensure_indexes
from .domain.catalogue import DEDUPLICATED_IN_DOCUMENT
from .handlers import COMMANDS, CONTACT_HANDLERS, EVENT_HANDLERS, QUERIES, deliver_due
from .personal_data import export_actor
from .settings import DELIVERY_INTERVAL_S, NotificationSettings, load_notification_settings

HANDLED_EVENTS = tuple(sorted(set(EVENT_HANDLERS) | set(CONTACT_HANDLERS)))


class NotificationsService:
    name = "notifications"

    stores = StoresProvider("webhook_endpoints", index_setup=ensure_indexes,
                            partner_views=PARTNER_VIEWS)
    settings: NotificationSettings = SettingsProvider(load_notification_settings)
    context: Context = HandlerContext()
    correlation = CorrelationContext()
    observability = Observability()
    routing: RoutingTable = ProcessLocal(RoutingTable)
    kept: KeptStores = ProcessLocal(KeptStores)
    outgoing: OutgoingOnce = ProcessLocal(OutgoingOnce)

    def _notification_stores(self) -> NotificationStores:
        return self.kept.stores(self.stores.db, self.stores["webhook_endpoints"], self.routing)

    @rpc(expected_exceptions=SamskabError)
    def execute(self, command: str, payload: dict) -> dict:
        return route(COMMANDS, command, self._notification_stores(), payload, self.context, self.settings)

    @rpc(expected_exceptions=SamskabError)
    def query(self, name: str, params: dict) -> dict:
        return route(QUERIES, name, self._notification_stores(), params, self.context, self.settings)

    @rpc(expected_exceptions=SamskabError)
    def personal_data(self, actor_id: str, district: str | None = None) -> dict:
        return export_actor(self.stores.db, actor_id, self.context.principal, district)

    @reliable_event_handler(HANDLED_EVENTS, deduplicated_in_document=DEDUPLICATED_IN_DOCUMENT)
    def on_event(self, envelope: Envelope) -> None:
        if envelope.type in CONTACT_HANDLERS:
            route(CONTACT_HANDLERS, envelope.type, self.kept.actor_contacts(self.stores.db), envelope.type,
                  envelope.data)
        if envelope.type in EVENT_HANDLERS:
            route(EVENT_HANDLERS, envelope.type, self._notification_stores(), envelope.to_dict(),
                  self.settings)

    @timer(interval=DELIVERY_INTERVAL_S)
    def deliver(self) -> None:
        outgoing = self.outgoing(self.settings)
        deliver_due(self._notification_stores(), self.settings, utc_now_iso(),
                    email_sender=outgoing.email_sender, webhooks=outgoing.webhooks,
                    actor_contacts=self.kept.actor_contacts(self.stores.db), ctx=self.context)
