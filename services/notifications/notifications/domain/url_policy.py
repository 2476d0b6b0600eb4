"""Which webhook URLs we agree to call (a guard against server-side request forgery).

A URL must be http(s) without credentials, and every address its host resolves
to must be publicly routable: no loopback, link-local, private, multicast,
reserved, unspecified or cloud metadata addresses. An operator may allow named
hosts (tests, local demos) with NOTIFY_WEBHOOK_ALLOWED_HOSTS. Resolution is
passed in, so the rule is pure; the check runs at registration and again before
every attempt (the name may point elsewhere by then).
"""
from __future__ import annotations

import ipaddress
from collections.abc import Callable, Collection
from urllib.parse import urlsplit

from samskab_common.errors import DomainRuleViolation, ValidationFailed

Resolver = Callable[[str, int], list[str]]
METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"),
                                ipaddress.ip_address("fd00:ec2::254")})
MAX_URL_LENGTH = 2000


def forbidden_reason(address: str) -> str | None:
    """Why we refuse to call this IP address, or None when it is publicly routable."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        (ip in METADATA_ADDRESSES, "metadata"),
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_reserved, "reserved"),
        (ip.is_private, "private"),
        (not ip.is_global, "not globally routable"),
    )
    return next((reason for hit, reason in checks if hit), None)


def _invalid(message: str) -> ValidationFailed:
    return ValidationFailed(message, details={"url": [message]})


def host_and_port(url: str) -> tuple[str, int]:
    if len(url) > MAX_URL_LENGTH:
        raise _invalid(f"the URL is longer than {MAX_URL_LENGTH} characters")
    if any(c.isspace() or not c.isprintable() for c in url):
        raise _invalid("the URL contains spaces or control characters")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        raise _invalid("the URL is not valid") from None
    if parts.scheme not in ("http", "https"):
        raise _invalid("only http and https URLs are allowed")
    if parts.username is not None or parts.password is not None:
        raise _invalid("credentials in the URL are not allowed")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise _invalid("the port is not valid") from None
    if not hostname:
        raise _invalid("the URL has no host")
    return hostname.lower(), port


def check_webhook_url(url: str, *, resolve: Resolver, allowed_hosts: Collection[str] = ()) -> None:
    """Raise ValidationFailed (malformed, unresolvable) or DomainRuleViolation
    (resolves to an address we refuse to call)."""
    host, port = host_and_port(url)
    if host in allowed_hosts:
        return
    try:
        addresses = resolve(host, port)
    except (OSError, ValueError):  # ValueError: a name IDNA cannot encode
        raise _invalid(f"the host {host} does not resolve") from None
    if not addresses:
        raise _invalid(f"the host {host} does not resolve")
    for address in addresses:
        reason = forbidden_reason(address)
        if reason:
            raise DomainRuleViolation(
                f"{host} resolves to {address} ({reason}); webhooks only go to public addresses",
                code="webhook.url.forbidden_address")
