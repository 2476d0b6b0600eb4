"""HTTP metrics of the gateway. Labels are route templates (``/initiatives/{initiative_id}``),
the method and the status: never a raw path, an id or anything personal."""
from __future__ import annotations

import re

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter(
    "samskab_http_requests_total", "HTTP requests the gateway answered", ["route", "method", "status"]
)
HTTP_SECONDS = Histogram(
    "samskab_http_request_seconds", "Time the gateway took to answer one request", ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
CREDENTIAL_LOOKUPS = Counter(
    "samskab_gateway_credential_lookups_total", "API keys and tokens the gateway looked up in its store", ["kind"]
)
RATE_LIMITER_SKIPPED = Counter(
    "samskab_gateway_rate_limiter_skipped_total",
    "Rate limit checks skipped (request let through) because the store did not answer", ["limiter"]
)
UNMATCHED_ROUTE = "unmatched"

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

_CONVERTER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def route_template(url_rule: str) -> str:
    """A werkzeug rule as an OpenAPI path: ``/a/<string:a_id>`` -> ``/a/{a_id}``."""
    return _CONVERTER.sub(r"{\1}", url_rule)


def observe(route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "OTHER"
    HTTP_REQUESTS.labels(route, method, str(status)).inc()
    HTTP_SECONDS.labels(route, method).observe(seconds)
