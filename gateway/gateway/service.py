"""The gateway service: every route group mixed into one nameko service. Its metrics and
health are on the ops listener (samskab_infra.ops_http), like every service's."""
from __future__ import annotations

import samskab_contracts.events  # noqa: F401  (registers every event type the consumer validates)
from samskab_infra.consumer import reliable_event_handler
from samskab_infra.envelope import Envelope
from samskab_infra.logs import CorrelationContext
from samskab_infra.mongo import MongoDatabase
from samskab_infra.ops_http import Observability
from samskab_infra.timer import timer

from . import grants, ratelimit
from .idempotency import COLLECTION, purge_expired, utc_now
from .routes.actors import ActorRoutes
from .routes.admin import AdminRoutes
from .routes.docs import DocsRoutes
from .routes.governance import GovernanceRoutes
from .routes.initiatives import InitiativeRoutes
from .routes.learning import LearningRoutes
from .routes.method import MethodRoutes
from .routes.notifications import NotificationRoutes
from .routes.reach import ReachRoutes
from .routes.reporting import ReportingRoutes

PURGE_INTERVAL_S = 600
COUNTER_PURGE_INTERVAL_S = 60
HANDLED_EVENTS = grants.HANDLED_EVENTS


class GatewayService(DocsRoutes, AdminRoutes, LearningRoutes, MethodRoutes, GovernanceRoutes, ReachRoutes,
                     InitiativeRoutes, ActorRoutes, ReportingRoutes, NotificationRoutes):
    name = "gateway"
    db = MongoDatabase()
    correlation = CorrelationContext()
    # /metrics and /health/* on METRICS_PORT (OPS_HOST), never on the public API port.
    observability = Observability()

    @timer(interval=PURGE_INTERVAL_S)
    def purge_idempotency_keys(self) -> None:
        purge_expired(self.db[COLLECTION], utc_now())

    @timer(interval=COUNTER_PURGE_INTERVAL_S)
    def purge_rate_counters(self) -> None:
        """Rate counters of past windows (seconds to minutes long) pile up fast: purged often."""
        ratelimit.purge_expired(self.db[ratelimit.COLLECTION])

    @reliable_event_handler(HANDLED_EVENTS, unchanging=grants.changes_nothing)
    def on_event(self, envelope: Envelope) -> None:
        """Appointments and memberships become grants (and replacements withdraw them) at once."""
        grants.apply_event(self.db, envelope)
