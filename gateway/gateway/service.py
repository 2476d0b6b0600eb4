"""The gateway service: every route group mixed into one nameko service."""
from __future__ import annotations

from samskab_common.logs import CorrelationContext
from samskab_common.mongo import MongoDatabase

from .routes.actors import ActorRoutes
from .routes.health import HealthRoutes
from .routes.initiatives import InitiativeRoutes
from .routes.notifications import NotificationRoutes
from .routes.reporting import ReportingRoutes


class GatewayService(HealthRoutes, InitiativeRoutes, ActorRoutes, ReportingRoutes, NotificationRoutes):
    name = "gateway"
    db = MongoDatabase()
    correlation = CorrelationContext()

    def gateway_db_ready(self) -> bool:
        try:
            self.db.command("ping")
            return True
        except Exception:  # noqa: BLE001 - any failure means not ready
            return False
