"""What every answer carries (a strict Content-Security-Policy: our own origin only, no
inline script or style, no framing) and the CSRF token every form posts back."""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlparse

from flask import abort, request, session


def content_security_policy(identity_provider: str | None = None, map_tiles: str | None = None) -> str:
    """Our own origin only. The sign-in form's redirect to the identity provider is a form
    action too (browsers check it after the redirect), so its origin is named when there is one;
    the map's tile server (a URL template) is the one other origin images may come from."""
    form_action = "'self'" + (f" {_origin(identity_provider)}" if identity_provider else "")
    images = "'self' data:" + (f" {tile_origin(map_tiles)}" if map_tiles else "")
    return (f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {images}; "
            f"form-action {form_action}; base-uri 'none'; object-src 'none'; frame-ancestors 'none'")


def _origin(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc}"


def tile_origin(template: str) -> str:
    """The tile server's origin; a subdomain placeholder ({s}.tile.example.org) is any subdomain."""
    parsed = urlparse(template.replace("{s}", "__sub__"))
    return f"{parsed.scheme}://{parsed.netloc.replace('__sub__', '*')}"


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSRF_FIELD = "csrf_token"


def csrf_token() -> str:
    """The session's token, made on first use (the sign-in form needs one too)."""
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return session[CSRF_FIELD]


def check_csrf() -> None:
    """Every state-changing request must send back the session's token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.form.get(CSRF_FIELD, "")
    expected = session.get(CSRF_FIELD, "")
    if not expected or not hmac.compare_digest(sent, expected):
        abort(400, description="csrf")


def local_path(target: str | None, default: str = "/") -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirect)."""
    if not target:
        return default
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
