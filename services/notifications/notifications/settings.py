"""Notification settings from the environment, with defaults, checked at start-up.

The service reads them once, when its container sets up (its ``settings``, a
samskab_infra SettingsProvider), and passes them down to every handler and timer tick."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from samskab_infra.settings import DEV_PSEUDONYM_KEY, SettingsError, load_settings

from .domain.url_policy import UrlPolicy

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _number(name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from exc
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {raw!r}")
    return value


def _hosts(name: str) -> frozenset[str]:
    raw = os.environ.get(name) or ""
    return frozenset(part.strip().lower().strip("[]") for part in raw.split(",") if part.strip())


def _ports(name: str) -> frozenset[int]:
    raw = os.environ.get(name) or ""
    ports = set()
    for part in (p.strip() for p in raw.split(",") if p.strip()):
        if not part.isdigit() or not 1 <= int(part) <= 65535:
            raise SettingsError(f"{name} must list ports (1-65535) separated by commas, got {raw!r}")
        ports.add(int(part))
    return frozenset(ports)


# Read once, when the module is loaded: a timer's interval is fixed where it is declared.
DELIVERY_INTERVAL_S = float(os.environ.get("NOTIFY_DELIVERY_INTERVAL_S", "2"))


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 25
    starttls: bool = False
    use_ssl: bool = False
    username: str | None = None
    password: str | None = None
    sender: str = "Samskab <noreply@samskab.invalid>"
    timeout_s: float = 10.0
    # A private CA (e.g. the police network's) to trust for STARTTLS/TLS; None: the system's.
    ca_file: str | None = None


@dataclass(frozen=True)
class NotificationSettings:
    smtp: SmtpSettings = SmtpSettings()
    webhook_timeout_s: float = 10.0
    # Hosts exempt from the address and port rules: they may resolve to loopback or
    # private addresses and listen on any port (tests, local demos only).
    webhook_allowed_hosts: frozenset[str] = frozenset()
    # Ports webhooks may go to besides 80 and 443 (e.g. a partner's 8443).
    webhook_allowed_ports: frozenset[int] = frozenset()
    # Multiplies the retry schedule; 1.0 in production, tiny in tests.
    retry_scale: float = 1.0
    # An endpoint whose every attempt failed for this long is disabled.
    endpoint_failure_window_s: float = 24 * 3600.0
    # After a rotation the previous secret stays valid this long.
    secret_rotation_grace_s: float = 24 * 3600.0
    digest_hour_utc: int = 6
    batch_size: int = 200
    workers: int = 8
    # A claimed delivery whose worker died is retried after this lease.
    lease_s: float = 300.0
    app_base_url: str = "https://samskab.invalid"
    # The partner stream's key (SAMSKAB_PSEUDONYM_KEY), so a webhook names an actor by
    # the same pseudonym as the partner stream does.
    pseudonym_key: str = DEV_PSEUDONYM_KEY

    @property
    def webhook_policy(self) -> UrlPolicy:
        return UrlPolicy(allowed_hosts=self.webhook_allowed_hosts,
                         extra_ports=self.webhook_allowed_ports)


def load_notification_settings(config: Mapping[str, Any] | None = None) -> NotificationSettings:
    """Read every NOTIFY_* / SMTP_* setting; raise SettingsError on the first bad one.
    ``config`` (a nameko container's config) is where the infrastructure settings, read
    with samskab_infra.settings.load_settings, may be overridden."""
    smtp = SmtpSettings(
        host=os.environ.get("SMTP_HOST") or "127.0.0.1",
        port=int(_number("SMTP_PORT", 25, minimum=1)),
        starttls=_bool("SMTP_STARTTLS", False),
        use_ssl=_bool("SMTP_SSL", False),
        username=os.environ.get("SMTP_USERNAME") or None,
        password=os.environ.get("SMTP_PASSWORD") or None,
        sender=os.environ.get("SMTP_FROM") or SmtpSettings.sender,
        timeout_s=_number("SMTP_TIMEOUT_S", 10.0, minimum=0.1),
        ca_file=os.environ.get("SMTP_CA_FILE") or None,
    )
    if smtp.starttls and smtp.use_ssl:
        raise SettingsError("SMTP_STARTTLS and SMTP_SSL exclude each other")
    if bool(smtp.username) != bool(smtp.password):
        raise SettingsError("SMTP_USERNAME and SMTP_PASSWORD go together")
    if smtp.ca_file and not os.path.isfile(smtp.ca_file):
        raise SettingsError(f"SMTP_CA_FILE {smtp.ca_file} does not exist")
    digest_hour = int(_number("NOTIFY_DIGEST_HOUR_UTC", 6))
    if digest_hour > 23:
        raise SettingsError("NOTIFY_DIGEST_HOUR_UTC must be 0-23")
    return NotificationSettings(
        smtp=smtp,
        webhook_timeout_s=_number("NOTIFY_WEBHOOK_TIMEOUT_S", 10.0, minimum=0.1),
        webhook_allowed_hosts=_hosts("NOTIFY_WEBHOOK_ALLOWED_HOSTS"),
        webhook_allowed_ports=_ports("NOTIFY_WEBHOOK_ALLOWED_PORTS"),
        retry_scale=_number("NOTIFY_RETRY_SCALE", 1.0, minimum=0.0),
        endpoint_failure_window_s=_number("NOTIFY_ENDPOINT_FAILURE_WINDOW_S", 86400.0, minimum=1),
        secret_rotation_grace_s=_number("NOTIFY_SECRET_ROTATION_GRACE_S", 86400.0),
        digest_hour_utc=digest_hour,
        batch_size=int(_number("NOTIFY_BATCH_SIZE", 200, minimum=1)),
        workers=int(_number("NOTIFY_WORKERS", 8, minimum=1)),
        lease_s=_number("NOTIFY_LEASE_S", 300.0, minimum=1),
        app_base_url=(os.environ.get("NOTIFY_APP_BASE_URL") or "https://samskab.invalid").rstrip("/"),
        pseudonym_key=load_settings(config).pseudonym_key,
    )
