"""Settings from the environment, with defaults, validated at start-up."""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"
DEFAULT_MONGO_URI = "mongodb://127.0.0.1:27017/"
# Development and tests only: with it, pseudonyms can be computed by anyone who reads
# this file. The relay warns at start-up while it is in use.
DEV_PSEUDONYM_KEY = "samskab-development-pseudonym-key"
MIN_PSEUDONYM_KEY_LENGTH = 32


class SettingsError(ValueError):
    """A setting is missing or malformed; the process must not start."""


MAX_RELAY_LINGER_MS = 1000


def _int(get: Callable[[str], str | None], name: str, default: int) -> int:
    raw = get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from exc


def _delays(get: Callable[[str], str | None], name: str, default: str) -> tuple[int, ...]:
    raw = get(name) or default
    try:
        delays = tuple(int(part) for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise SettingsError(f"{name} must be comma-separated milliseconds") from exc
    if not delays or any(d <= 0 for d in delays):
        raise SettingsError(f"{name} needs at least one positive delay")
    return delays


DEFAULT_OPS_HOST = "127.0.0.1"
"""The ops listener (metrics, health) answers only on this machine unless OPS_HOST says
otherwise; containers set OPS_HOST=0.0.0.0 so that Prometheus and probes reach it."""


@dataclass(frozen=True)
class Settings:
    amqp_uri: str = DEFAULT_AMQP_URI
    mongo_uri: str = DEFAULT_MONGO_URI
    database_prefix: str = "samskab"
    events_exchange: str = "samskab.events"
    partner_exchange: str = "samskab.partner"
    pseudonym_key: str = DEV_PSEUDONYM_KEY
    broker_api_uri: str = ""
    retry_delays_ms: tuple[int, ...] = (1000, 5000, 30000, 120000)
    relay_interval_ms: int = 200
    relay_batch_size: int = 200
    relay_linger_ms: int = 0
    """After a write wakes the relay it may wait this long for the writes of the same moment,
    so that one pass (a confirmed publish, an archive insert, a clearing write) carries them all
    and the consumers get them as one burst. Measured at 5 ms (issue 16, bench/README.md): a
    tenth to a fifth less CPU per command and a quarter fewer store operations at 140-200
    commands/s, about 10 ms more lag, but the CPU per command with 100,000 initiatives stored
    rose by 18 and 40 % in two runs (2-6 % without it), not yet explained; so off by default."""
    metrics_port: int = 0
    ops_host: str = DEFAULT_OPS_HOST
    extra: dict = field(default_factory=dict)

    @property
    def uses_dev_pseudonym_key(self) -> bool:
        return self.pseudonym_key == DEV_PSEUDONYM_KEY

    def database_name(self, service: str) -> str:
        return f"{self.database_prefix}_{service}"


def load_settings(config: Mapping[str, Any] | None = None) -> Settings:
    """Read and check every setting; raise SettingsError on the first bad one.

    Keys in ``config`` (a nameko container's config) win over the environment,
    so in-process test containers can point at their own vhost and store."""
    config = config or {}

    def get(name: str) -> str | None:
        value = config.get(name)
        return str(value) if value not in (None, "") else os.environ.get(name)

    settings = Settings(
        amqp_uri=get("AMQP_URI") or DEFAULT_AMQP_URI,
        mongo_uri=get("MONGO_URI") or DEFAULT_MONGO_URI,
        database_prefix=get("SAMSKAB_DB_PREFIX") or "samskab",
        events_exchange=get("SAMSKAB_EVENTS_EXCHANGE") or "samskab.events",
        partner_exchange=get("SAMSKAB_PARTNER_EXCHANGE") or "samskab.partner",
        pseudonym_key=get("SAMSKAB_PSEUDONYM_KEY") or DEV_PSEUDONYM_KEY,
        broker_api_uri=get("SAMSKAB_BROKER_API_URI") or "",
        retry_delays_ms=_delays(get, "SAMSKAB_RETRY_DELAYS_MS", "1000,5000,30000,120000"),
        relay_interval_ms=_int(get, "SAMSKAB_RELAY_INTERVAL_MS", 200),
        relay_batch_size=_int(get, "SAMSKAB_RELAY_BATCH_SIZE", 200),
        relay_linger_ms=_int(get, "SAMSKAB_RELAY_LINGER_MS", 0),
        metrics_port=_int(get, "METRICS_PORT", 0),
        ops_host=get("OPS_HOST") or DEFAULT_OPS_HOST,
    )
    if urlparse(settings.amqp_uri).scheme not in ("amqp", "amqps", "pyamqp"):
        raise SettingsError("AMQP_URI must start with amqp:// or amqps://")
    if urlparse(settings.mongo_uri).scheme not in ("mongodb", "mongodb+srv"):
        raise SettingsError("MONGO_URI must start with mongodb://")
    if not 0 <= settings.relay_linger_ms <= MAX_RELAY_LINGER_MS:
        raise SettingsError(f"SAMSKAB_RELAY_LINGER_MS must be between 0 and {MAX_RELAY_LINGER_MS}")
    if settings.pseudonym_key != DEV_PSEUDONYM_KEY and len(settings.pseudonym_key) < MIN_PSEUDONYM_KEY_LENGTH:
        raise SettingsError(f"SAMSKAB_PSEUDONYM_KEY needs at least {MIN_PSEUDONYM_KEY_LENGTH} characters")
    return settings
