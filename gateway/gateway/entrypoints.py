"""The gateway's HTTP entrypoint: request id, authentication, rate limit, body
limit, idempotency, then the route method; every failure becomes a problem document
and every answer is counted by route template."""
from __future__ import annotations

import json
import logging
import os
import time
from typing import Any, TypeAlias

import eventlet
from eventlet.event import Event
from nameko.extensions import SharedExtension
from nameko.web.handlers import HttpRequestHandler
from pymongo.errors import PyMongoError
from werkzeug.wrappers import Request, Response

from samskab_infra.context import Principal
from samskab_infra.errors import (
    SamskabError,
    StoreUnavailable,
    TooManyRequests,
    Unauthorized,
    ValidationFailed,
)
from samskab_infra.metrics import RPC_SECONDS  # noqa: F401  (registers the metric)
from samskab_infra.mongo import MongoConnection
from samskab_infra.nameko_types import ExcInfo
from samskab_infra.store_outage import STORE_UNAVAILABLE_ERRORS

from .access_cache import AccessCache
from .api_catalogue import OPERATIONS
from .auth import Authenticator
from .auth_failures import FailedAuthentications
from .grants import ensure_indexes as ensure_grant_indexes
from .idempotency import COLLECTION, HEADER, IdempotencyStore, checked_key, command_id, run_once
from .metrics import observe, route_template
from .problems import for_request, problem_from_exception, problem_response
from .ratelimit import COLLECTION as RATE_COUNTERS
from .ratelimit import BatchedCounters, FailOpen, SlidingWindowCounters, Window, seconds_to_retry
from .ratelimit import ensure_indexes as ensure_counter_indexes
from .settings import load_gateway_settings, rate_window
from .web import REQUEST_ID_HEADER, GatewayWebServer, RoutedRequest, request_id_of

log = logging.getLogger(__name__)
RouteResult: TypeAlias = Response | dict | list | tuple
"""What a route method returns: a Response, a JSON body, or (status, body[, headers])."""


def jwt_secret() -> str:
    secret = os.environ.get("SAMSKAB_JWT_SECRET", "")
    if len(secret) < 32:
        raise RuntimeError("SAMSKAB_JWT_SECRET must be set to at least 32 characters")
    return secret


class Security(SharedExtension):
    """What every route of a gateway process shares: settings, the authenticator,
    the rate limits (shared with the other replicas through the store) and the idempotency store."""

    mongo = MongoConnection()

    def setup(self) -> None:
        self.settings = load_gateway_settings(self.container.config)
        database = self.mongo.database
        self.authenticator = Authenticator(
            database, jwt_secret(), issuer=self.settings.jwt_issuer, leeway_s=self.settings.jwt_leeway_s,
            cache=AccessCache(database, self.settings.access_freshness_ms / 1000))
        ensure_grant_indexes(database)
        self.rate_counters = SlidingWindowCounters(ensure_counter_indexes(database[RATE_COUNTERS]))
        self.caller_counters = BatchedCounters(self.rate_counters, self.settings.rate_flush_ms / 1000)
        self.caller_limit = Window(*rate_window(self.settings))
        self.caller_limit_fail_open = FailOpen()
        self.failed_authentications = FailedAuthentications(
            self.rate_counters, Window(self.settings.auth_failures, self.settings.auth_failure_window_s),
            clear_s=self.settings.rate_flush_ms / 1000)
        self.idempotency = IdempotencyStore(database[COLLECTION], self.settings.idempotency_ttl_s,
                                            lease_s=2 * self.settings.rpc_timeout_s + 5)

    def start(self) -> None:
        if self.caller_counters.flush_s > 0:
            self.container.spawn_managed_thread(self._flush_rate_counters)

    def _flush_rate_counters(self) -> None:
        """Every GATEWAY_RATE_FLUSH_MS, the admitted requests go to the shared counters."""
        while True:
            eventlet.sleep(self.caller_counters.flush_s)
            try:
                self.caller_counters.flush()
            except PyMongoError:
                pass  # the counts stay for the next flush; the requests' own checks report the outage
            except Exception:  # noqa: BLE001 - a failed flush is retried at the next one
                log.exception("rate counters not flushed")


class ApiEntrypoint(HttpRequestHandler):
    server = GatewayWebServer()
    security = Security()

    def __init__(self, method: str, url: str, public: bool = False, **kwargs: Any) -> None:
        self.public = public
        kwargs.setdefault("expected_exceptions", (SamskabError,))
        super().__init__(method, url, **kwargs)

    @property
    def route(self) -> str:
        return route_template(self.url)

    def handle_request(self, request: RoutedRequest) -> Response:
        started = time.monotonic()
        request.shallow = False
        request_id = request_id_of(request)
        try:
            response = self._answer(request, request_id)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a problem document
            response = problem_from_exception(for_request(exc, request), request_id)
        observe(self.route, self.method, response.status_code, time.monotonic() - started)
        return self._finish(response, request_id)

    def _answer(self, request: RoutedRequest, request_id: str) -> Response:
        context_data = {"correlation_id": request_id}
        subject = None
        if not self.public:
            principal, caller = self._authenticate(request, request_id)
            self._limit(caller)
            context_data["principal"] = principal.to_json()
            subject = principal.subject
        limit = self.security.settings.max_body_bytes
        if (request.content_length or 0) > limit:
            return problem_response(413, "Payload too large", f"request bodies are limited to {limit} bytes",
                                    "http.413", request_id)
        request.max_content_length = limit
        self._refuse_unused_if_match(request)

        def produce() -> Response:
            return self._run_route(request, context_data, request_id)

        key = request.headers.get(HEADER)
        if key is not None and request.method == "POST" and subject is not None:
            context_data["command_id"] = command_id(subject, checked_key(key), request)
            return run_once(self.security.idempotency, subject, key, request, produce)
        return produce()

    def _run_route(self, request: RoutedRequest, context_data: dict, request_id: str) -> Response:
        try:
            event = Event()
            self.container.spawn_worker(self, (request,), request.path_values, context_data=context_data,
                                        handle_result=lambda ctx, res, exc: self._done(event, res, exc))
            result, exc_info = event.wait()
            if exc_info is not None:
                raise exc_info[1]
            return not_modified(request, to_response(result))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a problem document
            return problem_from_exception(for_request(exc, request), request_id)

    @staticmethod
    def _done(event: Event, result: RouteResult, exc_info: ExcInfo | None) -> tuple[RouteResult, ExcInfo | None]:
        event.send((result, exc_info))
        return result, exc_info

    @staticmethod
    def _finish(response: Response, request_id: str) -> Response:
        response.headers[REQUEST_ID_HEADER] = request_id
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def _authenticate(self, request: Request, request_id: str) -> tuple[Principal, str]:
        failures = self.security.failed_authentications
        address = request.remote_addr or "unknown"
        failures.refuse_if_blocked(address)
        try:
            return self.security.authenticator.authenticate(
                request.headers.get("Authorization"), request.headers.get("X-API-Key"))
        except Unauthorized as exc:
            failures.record(address, exc.code)
            raise
        except STORE_UNAVAILABLE_ERRORS as exc:
            # Revocations live in the store: without it nobody gets in, and the caller
            # is told to retry rather than that its credentials are wrong.
            self.security.mongo.availability.lost("gateway", exc, correlation_id=request_id)
            raise StoreUnavailable.now() from None
        except Exception:  # noqa: BLE001 - any other failure must not open the door either
            raise Unauthorized("authentication is unavailable", code="auth.unavailable") from None

    def _refuse_unused_if_match(self, request: Request) -> None:
        """If-Match is honoured only by the versioned operations (api_catalogue); on any
        other it is refused rather than silently ignored."""
        operation = OPERATIONS.get(self.method_name)
        if "If-Match" in request.headers and not (operation and operation.versioned):
            raise ValidationFailed("this operation does not take If-Match",
                                   details={"If-Match": ["not supported by this operation"]})

    def _limit(self, caller: str) -> None:
        security = self.security
        wait = security.caller_limit_fail_open(
            lambda: security.caller_counters.hit(caller, security.caller_limit), "caller")
        if wait > 0:
            raise TooManyRequests("rate limit exceeded", details={"retry_after": seconds_to_retry(wait)})


def to_response(result: RouteResult) -> Response:
    """Routes return a Response, a body, or (status, body[, headers])."""
    if isinstance(result, Response):
        return result
    status: int = 200
    headers: dict = {}
    if isinstance(result, tuple):
        status, result, *rest = result
        headers = rest[0] if rest else {}
    return Response(json.dumps(result, ensure_ascii=False, default=str), status=status,
                    mimetype="application/json", headers=headers)


def not_modified(request: Request, response: Response) -> Response:
    """A GET whose If-None-Match names the current ETag gets 304 and no body."""
    etag = response.headers.get("ETag")
    if request.method == "GET" and etag and response.status_code == 200 \
            and etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        return Response(status=304, headers={"ETag": etag})
    return response


api = ApiEntrypoint.decorator
