"""The gateway's own settings: from the nameko config or the environment, with
defaults, checked when the gateway starts (a bad value stops it at once)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from samskab_infra.settings import SettingsError


@dataclass(frozen=True)
class GatewaySettings:
    rpc_timeout_s: float = 10.0
    """How long a request waits for a service before it answers 503."""
    rate_per_s: float = 50.0
    """Steady requests per second per caller (token or API key), shared by all gateway replicas."""
    rate_burst: int = 100
    """Requests a caller may send at once: the limit is rate_burst per rate_burst / rate_per_s seconds."""
    auth_failures: int = 20
    """Failed authentications a client address may make per auth_failure_window_s before 429."""
    auth_failure_window_s: float = 60.0
    jwt_leeway_s: float = 5.0
    """Clock difference tolerated on a token's exp/iat/nbf."""
    jwt_issuer: str = "samskab"
    """The ``iss`` of the tokens this system issues; a token naming another issuer or none is refused."""
    max_body_bytes: int = 256 * 1024
    idempotency_ttl_s: int = 24 * 3600
    """How long a stored response answers a retry with the same Idempotency-Key."""
    socket_timeout_s: float = 30.0
    """An idle or slow client connection is closed after this long."""
    access_freshness_ms: float = 100.0
    """How old this process's reading of the access epoch may be before a request reads it
    again: a grant withdrawn or a token revoked through another process (a replica, the
    CLI) stops working here within this bound; 0 reads it at every request (access_cache.py)."""
    rate_flush_ms: float = 100.0
    """How often the requests a process admitted are added to the shared rate counters, and
    how long it trusts that a client address is not blocked for failed authentications;
    0 counts and checks every request in the store at once (ratelimit.py)."""


FIELDS = {
    "GATEWAY_RPC_TIMEOUT_S": ("rpc_timeout_s", float),
    "GATEWAY_RATE_PER_S": ("rate_per_s", float),
    "GATEWAY_RATE_BURST": ("rate_burst", int),
    "GATEWAY_MAX_BODY_BYTES": ("max_body_bytes", int),
    "GATEWAY_IDEMPOTENCY_TTL_S": ("idempotency_ttl_s", int),
    "GATEWAY_SOCKET_TIMEOUT_S": ("socket_timeout_s", float),
    "GATEWAY_AUTH_FAILURES": ("auth_failures", int),
    "GATEWAY_AUTH_FAILURE_WINDOW_S": ("auth_failure_window_s", float),
    "GATEWAY_JWT_LEEWAY_S": ("jwt_leeway_s", float),
    "GATEWAY_JWT_ISSUER": ("jwt_issuer", str),
    "GATEWAY_ACCESS_FRESHNESS_MS": ("access_freshness_ms", float),
    "GATEWAY_RATE_FLUSH_MS": ("rate_flush_ms", float),
}
MAY_BE_ZERO = frozenset({"GATEWAY_RATE_PER_S", "GATEWAY_JWT_LEEWAY_S", "GATEWAY_ACCESS_FRESHNESS_MS",
                         "GATEWAY_RATE_FLUSH_MS"})
MAX_FRESHNESS_MS = 60_000.0
"""Neither bound may be set past a minute: a withdrawal must not wait longer than that."""
MAX_WINDOW_S = 24 * 3600.0


def load_gateway_settings(config: Mapping[str, Any] | None = None) -> GatewaySettings:
    """Keys in ``config`` win over the environment (as in samskab_infra.settings)."""
    config = config or {}
    values: dict[str, Any] = {}
    for name, (attribute, kind) in FIELDS.items():
        raw = config.get(name)
        raw = os.environ.get(name) if raw in (None, "") else raw
        if raw in (None, ""):
            continue
        if kind is str:
            values[attribute] = _text(name, raw)
            continue
        try:
            value = kind(raw)
        except (TypeError, ValueError):
            raise SettingsError(f"{name} must be a number, got {raw!r}") from None
        if value <= 0 and name not in MAY_BE_ZERO:
            raise SettingsError(f"{name} must be positive, got {raw!r}")
        if value < 0:
            raise SettingsError(f"{name} must not be negative, got {raw!r}")
        if name in ("GATEWAY_ACCESS_FRESHNESS_MS", "GATEWAY_RATE_FLUSH_MS") and value > MAX_FRESHNESS_MS:
            raise SettingsError(f"{name} must be at most {MAX_FRESHNESS_MS:.0f}, got {raw!r}")
        values[attribute] = value
    return GatewaySettings(**values)


def _text(name: str, raw: object) -> str:
    text = str(raw).strip()
    if not text:
        raise SettingsError(f"{name} must not be blank")
    return text


def rate_window(settings: GatewaySettings) -> tuple[int, float]:
    """The per-caller limit as (requests, seconds): the burst, refilled at the steady rate."""
    seconds = settings.rate_burst / settings.rate_per_s if settings.rate_per_s > 0 else MAX_WINDOW_S
    return settings.rate_burst, min(seconds, MAX_WINDOW_S)
