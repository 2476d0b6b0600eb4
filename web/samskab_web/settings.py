"""The web process's settings: from the environment, with defaults, checked once at
start-up (a bad value stops the process before it listens)."""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

from samskab_infra.settings import DEFAULT_MONGO_URI, DEFAULT_OPS_HOST, SettingsError

DEFAULT_ADDRESS = "127.0.0.1:8081"
DEFAULT_GATEWAY_URL = "http://127.0.0.1:8080"
DEFAULT_OPS_PORT = 9106
MIN_SECRET_LENGTH = 32
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_MAP_ATTRIBUTION = "© OpenStreetMap"


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str
    subject_claim: str = "email"
    """The claim that names the person the gateway's grants are given to."""


@dataclass(frozen=True)
class WebSettings:
    host: str
    port: int
    gateway_url: str
    session_secret: str
    jwt_secret: str
    """The gateway's signing key: the web mints each request's short-lived token with it."""
    jwt_issuer: str = "samskab"
    token_ttl_s: int = 120
    cookie_secure: bool = False
    url_scheme: str = "http"
    """The scheme people reach the pages by: https behind a TLS proxy, so that the addresses the
    pages give out (the identity provider's redirect URI) are the ones people use."""
    session_hours: float = 8.0
    mongo_uri: str = DEFAULT_MONGO_URI
    database: str = "samskab_web"
    ops_host: str = DEFAULT_OPS_HOST
    ops_port: int = DEFAULT_OPS_PORT
    gateway_timeout_s: float = 10.0
    sign_in_max_failures: int = 5
    """Wrong passwords for one e-mail address within the lockout time before it is locked out."""
    sign_in_lockout_minutes: float = 15.0
    oidc: OidcSettings | None = None
    map_tiles: str = ""
    """The map tiles' URL template ({z}/{x}/{y}; OpenStreetMap's in production); empty: no tiles."""
    map_attribution: str = DEFAULT_MAP_ATTRIBUTION

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def _port(name: str, raw: str) -> int:
    if not raw.isdigit() or not 0 <= int(raw) < 65536:
        raise SettingsError(f"{name} must be a port number, got {raw!r}")
    return int(raw)


def _positive(name: str, raw: str | None, default: float) -> float:
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive, got {raw!r}")
    return value


def _secret(name: str, raw: str | None) -> str:
    if not raw or len(raw) < MIN_SECRET_LENGTH:
        raise SettingsError(f"{name} needs at least {MIN_SECRET_LENGTH} characters (make run writes one to var/)")
    return raw


def _flag(name: str, raw: str | None, default: bool) -> bool:
    if raw in (None, ""):
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _url(name: str, raw: str) -> str:
    parsed = urlparse(raw)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingsError(f"{name} must be an http(s) URL, got {raw!r}")
    return raw.rstrip("/")


def _tiles(raw: str | None) -> str:
    """A tile server's URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png."""
    if not raw:
        return ""
    parsed = urlparse(raw.replace("{s}", "a"))
    if parsed.scheme not in ("http", "https") or not parsed.netloc or not all(
            part in raw for part in ("{z}", "{x}", "{y}")):
        raise SettingsError(f"WEB_MAP_TILES must be an http(s) URL template with {{z}}, {{x}} and {{y}}, got {raw!r}")
    return raw


def _scheme(raw: str | None) -> str:
    if raw in (None, ""):
        return "http"
    if raw not in ("http", "https"):
        raise SettingsError(f"WEB_URL_SCHEME must be http or https, got {raw!r}")
    return raw


def _oidc(env: Mapping[str, str]) -> OidcSettings | None:
    issuer = env.get("WEB_OIDC_ISSUER") or ""
    if not issuer:
        return None
    client_id, secret = env.get("WEB_OIDC_CLIENT_ID") or "", env.get("WEB_OIDC_CLIENT_SECRET") or ""
    if not client_id or not secret:
        raise SettingsError("WEB_OIDC_ISSUER needs WEB_OIDC_CLIENT_ID and WEB_OIDC_CLIENT_SECRET")
    return OidcSettings(_url("WEB_OIDC_ISSUER", issuer), client_id, secret,
                        env.get("WEB_OIDC_SUBJECT_CLAIM") or "email")


def load_web_settings(env: Mapping[str, str] | None = None) -> WebSettings:
    """Read and check every setting; raise SettingsError on the first bad one."""
    env = os.environ if env is None else env
    address = env.get("WEB_ADDRESS") or DEFAULT_ADDRESS
    match = re.fullmatch(r"(?P<host>[^:]+):(?P<port>\d+)", address)
    if not match:
        raise SettingsError(f"WEB_ADDRESS must be host:port, e.g. {DEFAULT_ADDRESS}, got {address!r}")
    host = match["host"]
    mongo_uri = env.get("MONGO_URI") or DEFAULT_MONGO_URI
    if urlparse(mongo_uri).scheme not in ("mongodb", "mongodb+srv"):
        raise SettingsError("MONGO_URI must start with mongodb://")
    return WebSettings(
        host=host,
        port=_port("WEB_ADDRESS", match["port"]),
        gateway_url=_url("WEB_GATEWAY_URL", env.get("WEB_GATEWAY_URL") or DEFAULT_GATEWAY_URL),
        session_secret=_secret("WEB_SESSION_SECRET", env.get("WEB_SESSION_SECRET")),
        jwt_secret=_secret("SAMSKAB_JWT_SECRET", env.get("SAMSKAB_JWT_SECRET")),
        jwt_issuer=env.get("GATEWAY_JWT_ISSUER") or "samskab",
        cookie_secure=_flag("WEB_COOKIE_SECURE", env.get("WEB_COOKIE_SECURE"), host not in LOCAL_HOSTS),
        url_scheme=_scheme(env.get("WEB_URL_SCHEME")),
        session_hours=_positive("WEB_SESSION_HOURS", env.get("WEB_SESSION_HOURS"), 8.0),
        mongo_uri=mongo_uri,
        database=f"{env.get('SAMSKAB_DB_PREFIX') or 'samskab'}_web",
        ops_host=env.get("OPS_HOST") or DEFAULT_OPS_HOST,
        ops_port=_port("WEB_METRICS_PORT", env.get("WEB_METRICS_PORT") or str(DEFAULT_OPS_PORT)),
        gateway_timeout_s=_positive("WEB_GATEWAY_TIMEOUT_S", env.get("WEB_GATEWAY_TIMEOUT_S"), 10.0),
        sign_in_max_failures=max(1, int(_positive("WEB_SIGN_IN_MAX_FAILURES", env.get("WEB_SIGN_IN_MAX_FAILURES"), 5))),
        sign_in_lockout_minutes=_positive("WEB_SIGN_IN_LOCKOUT_MINUTES", env.get("WEB_SIGN_IN_LOCKOUT_MINUTES"),
                                          15.0),
        oidc=_oidc(env),
        map_tiles=_tiles(env.get("WEB_MAP_TILES")),
        map_attribution=env.get("WEB_MAP_ATTRIBUTION") or DEFAULT_MAP_ATTRIBUTION,
    )
