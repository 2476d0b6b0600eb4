"""The web process's ops listener, as every process has one (samskab_infra.ops_http):
``/metrics`` for Prometheus, ``/health/live`` and ``/health/ready`` (the gateway and the
account store answer), on OPS_HOST:WEB_METRICS_PORT, never on the pages' port."""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

log = logging.getLogger("samskab_web.ops")


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:  # probes every few seconds are not news
        pass


def ops_app(checks: dict[str, Callable[[], bool]]) -> WSGIApplication:
    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
            return [generate_latest()]
        if path == "/health/live":
            return _json(start_response, "200 OK", {"status": "ok", "service": "web"})
        if path == "/health/ready":
            results = {name: check() for name, check in checks.items()}
            ready = all(results.values())
            return _json(start_response, "200 OK" if ready else "503 Service Unavailable",
                         {"status": "ok" if ready else "unavailable", "checks": results, "service": "web"})
        return _json(start_response, "404 Not Found", {"status": "not found"})

    return app


def _json(start_response: StartResponse, status: str, body: dict) -> list[bytes]:
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


def serve_ops(host: str, port: int, checks: dict[str, Callable[[], bool]]) -> WSGIServer:
    server = make_server(host, port, ops_app(checks), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="ops-http", daemon=True).start()
    log.info("metrics and health on %s:%s", host, server.server_port)
    return server
