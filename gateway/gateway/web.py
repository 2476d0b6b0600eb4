"""The gateway's web server: nameko's, with problem documents for requests no route
matches (404, 405), a bounded read of chunked bodies (413) and a socket timeout so a
slow client cannot hold a connection; its port is never shared with another process."""
from __future__ import annotations

import io
import logging
import socket
import time
import uuid
from collections.abc import Iterable
from typing import Any
from wsgiref.types import StartResponse, WSGIEnvironment

from nameko.web.server import WsgiApp
from werkzeug.exceptions import HTTPException, MethodNotAllowed, RequestEntityTooLarge
from werkzeug.wrappers import Request, Response

from samskab_infra.web_server import ExclusiveWebServer

from .metrics import UNMATCHED_ROUTE, observe
from .problems import TITLES, problem_response
from .settings import load_gateway_settings

REQUEST_ID_HEADER = "X-Request-Id"


class RoutedRequest(Request):
    """A request with the values its route matched, which nameko's handlers read."""

    path_values: dict[str, Any]


def request_id_of(request: Request) -> str:
    """The caller's X-Request-Id when it is short and printable, else a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    if given and len(given) <= 100 and given.isprintable():
        return given
    return str(uuid.uuid4())


class ProblemWsgiApp(WsgiApp):
    def __init__(self, server: GatewayWebServer) -> None:
        super().__init__(server)
        self.max_body_bytes = load_gateway_settings(server.container.config).max_body_bytes

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = RoutedRequest(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
        except HTTPException as exc:
            return self._refuse(request, exc, UNMATCHED_ROUTE)(environ, start_response)
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            if not self._buffer_chunked_body(environ):
                too_large = RequestEntityTooLarge(f"request bodies are limited to {self.max_body_bytes} bytes")
                return self._refuse(request, too_large, provider.route)(environ, start_response)
            request = RoutedRequest(environ, shallow=True)
        request.path_values = values
        return provider.handle_request(request)(environ, start_response)

    def _buffer_chunked_body(self, environ: WSGIEnvironment) -> bool:
        """Read a chunked body (no Content-Length) up to the limit and hand it on with its
        length; False when it is larger."""
        body = environ["wsgi.input"].read(self.max_body_bytes + 1)
        if len(body) > self.max_body_bytes:
            return False
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return True

    @staticmethod
    def _refuse(request: Request, exc: HTTPException, route: str) -> Response:
        started = time.monotonic()
        status = exc.code or 404
        detail = exc.description or TITLES.get(status, "Error")
        headers = {}
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            headers["Allow"] = ", ".join(sorted(exc.valid_methods))
            detail = f"{request.method} is not allowed here; use {headers['Allow']}"
        elif status == 413:
            detail = exc.description or detail
        elif status == 404:
            detail = "no resource lives at this path"
        request_id = request_id_of(request)
        response = problem_response(status, TITLES.get(status, exc.name), detail, f"http.{status}",
                                    request_id, headers=headers)
        response.headers[REQUEST_ID_HEADER] = request_id
        observe(route, request.method, status, time.monotonic() - started)
        return response


class GatewayWebServer(ExclusiveWebServer):
    def get_wsgi_app(self) -> ProblemWsgiApp:
        return ProblemWsgiApp(self)

    def get_wsgi_server(self, sock: socket.socket, wsgi_app: ProblemWsgiApp, **kwargs: Any) -> Any:
        server = super().get_wsgi_server(sock, wsgi_app, **kwargs)
        server.socket_timeout = load_gateway_settings(self.container.config).socket_timeout_s
        # eventlet formats an access line for every request before its logger decides to
        # drop it: format it only when the line is kept (LOG_LEVEL INFO or lower).
        server.log_output = server.log.isEnabledFor(logging.INFO)
        return server
