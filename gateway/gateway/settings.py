"""The gateway's own settings: from the nameko config or the environment, with
defaults, checked when the gateway starts (a bad value stops it at once)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from samskab_common.settings import SettingsError


@dataclass(frozen=True)
class GatewaySettings:
    rpc_timeout_s: float = 10.0
    """How long a request waits for a service before it answers 503."""
    rate_per_s: float = 50.0
    """Steady requests per second per caller (token or API key)."""
    rate_burst: int = 100
    """Requests a caller may send at once before the steady rate applies."""
    max_body_bytes: int = 256 * 1024
    idempotency_ttl_s: int = 24 * 3600
    """How long a stored response answers a retry with the same Idempotency-Key."""
    socket_timeout_s: float = 30.0
    """An idle or slow client connection is closed after this long."""


FIELDS = {
    "GATEWAY_RPC_TIMEOUT_S": ("rpc_timeout_s", float),
    "GATEWAY_RATE_PER_S": ("rate_per_s", float),
    "GATEWAY_RATE_BURST": ("rate_burst", int),
    "GATEWAY_MAX_BODY_BYTES": ("max_body_bytes", int),
    "GATEWAY_IDEMPOTENCY_TTL_S": ("idempotency_ttl_s", int),
    "GATEWAY_SOCKET_TIMEOUT_S": ("socket_timeout_s", float),
}


def load_gateway_settings(config: Mapping[str, Any] | None = None) -> GatewaySettings:
    """Keys in ``config`` win over the environment (as in samskab_common.settings)."""
    config = config or {}
    values: dict[str, Any] = {}
    for name, (attribute, kind) in FIELDS.items():
        raw = config.get(name)
        raw = os.environ.get(name) if raw in (None, "") else raw
        if raw in (None, ""):
            continue
        try:
            value = kind(raw)
        except (TypeError, ValueError):
            raise SettingsError(f"{name} must be a number, got {raw!r}") from None
        if value <= 0 and name != "GATEWAY_RATE_PER_S":
            raise SettingsError(f"{name} must be positive, got {raw!r}")
        if value < 0:
            raise SettingsError(f"{name} must not be negative, got {raw!r}")
        values[attribute] = value
    return GatewaySettings(**values)
