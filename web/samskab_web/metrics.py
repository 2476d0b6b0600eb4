"""The web process's Prometheus metrics (served on its ops port, never on the pages' port)."""
from __future__ import annotations

from prometheus_client import Counter, Histogram

PAGE_SECONDS = Histogram("samskab_web_request_seconds", "Time to answer a page request",
                         ["endpoint", "method", "status"])
GATEWAY_CALLS = Counter("samskab_web_gateway_calls_total", "Calls to the gateway API by outcome",
                        ["method", "status"])
GATEWAY_SECONDS = Histogram("samskab_web_gateway_call_seconds", "Time a page waited for one gateway call",
                            ["method"])
SIGN_INS = Counter("samskab_web_sign_ins_total", "Sign-in attempts", ["method", "outcome"])
