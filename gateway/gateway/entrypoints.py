"""The gateway's HTTP entrypoint: request id, authentication, rate limit, body
limit, then the route method; every failure becomes a problem document."""
from __future__ import annotations

import json
import math
import os
import secrets
import uuid

from eventlet.event import Event
from nameko.extensions import SharedExtension
from nameko.web.handlers import HttpRequestHandler
from samskab_common.errors import SamskabError, TooManyRequests, Unauthorized
from samskab_common.metrics import RPC_SECONDS  # noqa: F401  (registers the metric)
from samskab_common.mongo import MongoConnection
from werkzeug.wrappers import Response

from .auth import Authenticator
from .problems import problem_from_exception, problem_response
from .ratelimit import RateLimiter

MAX_BODY_BYTES = int(os.environ.get("GATEWAY_MAX_BODY_BYTES", str(256 * 1024)))
REQUEST_ID_HEADER = "X-Request-Id"


def jwt_secret() -> str:
    secret = os.environ.get("SAMSKAB_JWT_SECRET", "")
    if len(secret) < 32:
        raise RuntimeError("SAMSKAB_JWT_SECRET must be set to at least 32 characters")
    return secret


class Security(SharedExtension):
    """The authenticator and rate limiter shared by every route of a gateway process."""

    mongo = MongoConnection()

    def setup(self) -> None:
        self.authenticator = Authenticator(self.mongo.database, jwt_secret())
        self.limiter = RateLimiter()


def _request_id(request) -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    if given and len(given) <= 100 and given.isprintable():
        return given
    return str(uuid.uuid4())


class ApiEntrypoint(HttpRequestHandler):
    security = Security()

    def __init__(self, method: str, url: str, public: bool = False, **kwargs):
        self.public = public
        kwargs.setdefault("expected_exceptions", (SamskabError,))
        super().__init__(method, url, **kwargs)

    def handle_request(self, request):
        request.shallow = False
        request_id = _request_id(request)
        try:
            context_data = {"correlation_id": request_id}
            if not self.public:
                principal, caller = self._authenticate(request)
                self._limit(caller)
                context_data["principal"] = principal.to_json()
            if (request.content_length or 0) > MAX_BODY_BYTES:
                return self._finish(problem_response(
                    413, "Payload too large", f"request bodies are limited to {MAX_BODY_BYTES} bytes",
                    "http.413", request_id), request_id)
            event = Event()
            self.container.spawn_worker(self, (request,), request.path_values,
                                        context_data=context_data,
                                        handle_result=lambda ctx, res, exc: self._done(event, res, exc))
            result, exc_info = event.wait()
            if exc_info is not None:
                response = problem_from_exception(exc_info[1], request_id)
            else:
                response = to_response(result)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a problem document
            response = problem_from_exception(exc, request_id)
        return self._finish(response, request_id)

    @staticmethod
    def _done(event: Event, result, exc_info):
        event.send((result, exc_info))
        return result, exc_info

    @staticmethod
    def _finish(response: Response, request_id: str) -> Response:
        response.headers[REQUEST_ID_HEADER] = request_id
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def _authenticate(self, request):
        try:
            return self.security.authenticator.authenticate(
                request.headers.get("Authorization"), request.headers.get("X-API-Key"))
        except Unauthorized:
            raise
        except Exception:  # noqa: BLE001 - a store outage must not open the door
            raise Unauthorized("authentication is unavailable", code="auth.unavailable") from None

    def _limit(self, caller: str) -> None:
        wait = self.security.limiter.take(caller)
        if wait > 0:
            raise TooManyRequests("rate limit exceeded", details={"retry_after": math.ceil(wait)})


def to_response(result) -> Response:
    """Routes return a Response, a body, or (status, body[, headers])."""
    if isinstance(result, Response):
        return result
    status, headers = 200, {}
    if isinstance(result, tuple):
        status, result, *rest = result
        headers = rest[0] if rest else {}
    return Response(json.dumps(result, ensure_ascii=False, default=str), status=status,
                    mimetype="application/json", headers=headers)


def new_token() -> str:
    return secrets.token_urlsafe(16)


api = ApiEntrypoint.decorator
