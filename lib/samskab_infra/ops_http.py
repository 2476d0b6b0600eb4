"""A small HTTP listener per service process for Prometheus and health probes.

``/metrics`` (Prometheus text format), ``/health/live`` (the process runs)
and ``/health/ready`` (store and broker answer). Bound to OPS_HOST:METRICS_PORT;
METRICS_PORT 0 disables it (tests that need no probes). OPS_HOST is 127.0.0.1 unless set:
metrics name initiatives and event types, so they are not for the public network; the
gateway serves them here too, never on its public API port.
"""
from __future__ import annotations

import json
import logging
import socket
from wsgiref.types import StartResponse, WSGIEnvironment

import eventlet.wsgi
from kombu import Connection
from nameko.extensions import DependencyProvider, SharedExtension
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from .listening import listen_exclusively
from .mongo import MongoConnection
from .nameko_types import WorkerContext
from .settings import load_settings

log = logging.getLogger(__name__)


def broker_reachable(amqp_uri: str) -> bool:
    try:
        with Connection(amqp_uri, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
        return True
    except Exception:  # noqa: BLE001 - any failure means not ready
        return False


class OpsHttpServer(SharedExtension):
    mongo = MongoConnection()

    def setup(self) -> None:
        self.settings = load_settings(self.container.config)
        self._server: socket.socket | None = None
        self._thread = None

    def start(self) -> None:
        port, host = self.settings.metrics_port, self.settings.ops_host
        if not port:
            return
        self._server = listen_exclusively((host, port), "METRICS_PORT")
        self._thread = self.container.spawn_managed_thread(self._serve, identifier="ops-http")
        log.info("metrics and health on %s:%s", host, port)

    def _serve(self) -> None:
        eventlet.wsgi.server(self._server, self.app, log_output=False)

    def app(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
            return [generate_latest()]
        if path == "/health/live":
            return self._json(start_response, 200, {"status": "ok",
                                                     "service": self.container.service_name})
        if path == "/health/ready":
            checks = {"store": self.mongo.ping(), "broker": broker_reachable(self.settings.amqp_uri)}
            status = 200 if all(checks.values()) else 503
            return self._json(start_response, status, {
                "status": "ok" if status == 200 else "unavailable", "checks": checks,
                "service": self.container.service_name})
        return self._json(start_response, 404, {"status": "not found"})

    @staticmethod
    def _json(start_response: StartResponse, status: int, body: dict) -> list[bytes]:
        reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
        start_response(f"{status} {reason}", [("Content-Type", "application/json")])
        return [json.dumps(body).encode()]

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        if self._thread is not None:
            self._thread.kill()

    kill = stop


class Observability(DependencyProvider):
    """Declaring this on a service starts its /metrics and /health listener."""

    server = OpsHttpServer()

    def get_dependency(self, worker_ctx: WorkerContext) -> None:
        return None
