"""The gateway's web server: nameko's, with problem documents for requests no route
matches (404, 405) and a socket timeout so a slow client cannot hold a connection."""
from __future__ import annotations

import time
import uuid

from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.wrappers import Request

from .metrics import UNMATCHED_ROUTE, observe
from .problems import TITLES, problem_response
from .settings import load_gateway_settings

REQUEST_ID_HEADER = "X-Request-Id"


def request_id_of(request: Request) -> str:
    """The caller's X-Request-Id when it is short and printable, else a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    if given and len(given) <= 100 and given.isprintable():
        return given
    return str(uuid.uuid4())


class ProblemWsgiApp(WsgiApp):
    def __call__(self, environ, start_response):
        request = Request(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
        except HTTPException as exc:
            return self._unmatched(request, exc)(environ, start_response)
        request.path_values = values
        return provider.handle_request(request)(environ, start_response)

    @staticmethod
    def _unmatched(request: Request, exc: HTTPException):
        started = time.monotonic()
        status = exc.code or 404
        detail = exc.description or TITLES.get(status, "Error")
        headers = {}
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            headers["Allow"] = ", ".join(sorted(exc.valid_methods))
            detail = f"{request.method} is not allowed here; use {headers['Allow']}"
        elif status == 404:
            detail = "no resource lives at this path"
        request_id = request_id_of(request)
        response = problem_response(status, TITLES.get(status, exc.name), detail, f"http.{status}",
                                    request_id, headers=headers)
        response.headers[REQUEST_ID_HEADER] = request_id
        observe(UNMATCHED_ROUTE, request.method, status, time.monotonic() - started)
        return response


class GatewayWebServer(WebServer):
    def get_wsgi_app(self):
        return ProblemWsgiApp(self)

    def get_wsgi_server(self, sock, wsgi_app, **kwargs):
        server = super().get_wsgi_server(sock, wsgi_app, **kwargs)
        server.socket_timeout = load_gateway_settings(self.container.config).socket_timeout_s
        return server
