"""Health and metrics of the gateway itself (no authentication)."""
from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.wrappers import Response

from samskab_common.ops_http import broker_reachable
from samskab_common.settings import load_settings

from ..entrypoints import api


class HealthRoutes:
    @api("GET", "/health/live", public=True)
    def live(self, request):
        return {"status": "ok", "service": "gateway"}

    @api("GET", "/health/ready", public=True)
    def ready(self, request):
        checks = {"broker": broker_reachable(load_settings().amqp_uri), "store": self.gateway_db_ready()}
        status = 200 if all(checks.values()) else 503
        return status, {"status": "ok" if status == 200 else "unavailable", "checks": checks}

    @api("GET", "/metrics", public=True)
    def metrics(self, request):
        return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)
