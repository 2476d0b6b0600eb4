"""Every error the API returns is an RFC 9457 problem document; this is the one
place that maps exceptions to HTTP status codes."""
from __future__ import annotations

import json
import logging

from nameko.exceptions import RemoteError, UnknownService
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from samskab_infra.errors import Conflict, SamskabError, StoreUnavailable
from samskab_infra.store_outage import is_store_unavailable

log = logging.getLogger(__name__)
PROBLEM_TYPE_BASE = "https://samskab.dk/problems/"
PROBLEM_JSON = "application/problem+json"


def problem_response(status: int, title: str, detail: str, code: str, request_id: str,
                     errors: dict | None = None, headers: dict | None = None) -> Response:
    body = {
        "type": PROBLEM_TYPE_BASE + code.replace(".", "/"),
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": request_id,
    }
    if errors:
        body["errors"] = errors
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_JSON,
                    headers=headers or {})


TITLES = {
    400: "Bad request", 401: "Authentication required", 403: "Forbidden", 404: "Not found",
    405: "Method not allowed", 409: "Conflict", 412: "Precondition failed", 413: "Payload too large",
    415: "Unsupported media type", 422: "Rule violated", 428: "Precondition required",
    429: "Too many requests", 503: "Service unavailable", 500: "Internal error",
}


class PreconditionFailed(SamskabError):
    """The If-Match version is no longer the current one."""

    code = "version.precondition_failed"
    status = 412


def for_request(exc: BaseException, request: Request) -> BaseException:
    """A stale version is 412 when the client sent If-Match (RFC 9110), else 409."""
    if isinstance(exc, Conflict) and exc.code == "version.conflict" and request.headers.get("If-Match"):
        return PreconditionFailed("the resource changed since the ETag sent in If-Match; "
                                  "read it again and retry", details=exc.details)
    return exc


def problem_from_exception(exc: BaseException, request_id: str) -> Response:
    if is_store_unavailable(exc):
        log.warning("the store is unreachable: %s", exc, extra={"correlation_id": request_id})
        exc = StoreUnavailable.now()
    if isinstance(exc, SamskabError):
        headers = {}
        if exc.status in (429, 503) or "retry_after" in exc.details:
            headers["Retry-After"] = str(exc.details.get("retry_after", 5))
        if exc.status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="samskab"'
        errors = exc.details if exc.code == "validation_failed" else None
        response = problem_response(exc.status, TITLES.get(exc.status, "Error"), exc.message, exc.code,
                                    request_id, errors=errors, headers=headers)
        if errors is None and exc.details:
            body = json.loads(response.get_data())
            body["details"] = exc.details
            response.set_data(json.dumps(body, ensure_ascii=False))
        return response
    if isinstance(exc, UnknownService):
        return problem_response(503, TITLES[503], "a service is not available right now",
                                "service_unavailable", request_id, headers={"Retry-After": "5"})
    if isinstance(exc, HTTPException) and exc.code:
        return problem_response(exc.code, TITLES.get(exc.code, exc.name), exc.description or exc.name,
                                f"http.{exc.code}", request_id)
    if isinstance(exc, RemoteError):
        log.error("unexpected remote error %s: %s", exc.exc_type, exc.value)
    else:
        log.exception("unexpected error", exc_info=exc)
    return problem_response(500, TITLES[500], "an unexpected error occurred; it has been logged",
                            "internal", request_id)
