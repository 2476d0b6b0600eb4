"""Which webhook URLs we agree to call (a guard against server-side request forgery).

A URL must be http(s) without credentials, on port 80 or 443 (or a port the
operator allows), and every address its host resolves to must be publicly
routable: no loopback, link-local, site-local, private, shared (CGNAT),
multicast, reserved, unspecified or cloud metadata address, and no IPv6 form
that tunnels to IPv4 (6to4, Teredo, NAT64, IPv4-compatible), because the IPv4
address inside may be any of the former. An IPv4-mapped IPv6 address is judged
by its IPv4 address.

Resolution is passed in (a port), so the rule is pure. The caller resolves once
and connects to exactly the addresses judged here (adapters/webhook_http.py),
so a name that answers differently the second time (DNS rebinding) cannot steer
a request elsewhere. An operator may exempt named hosts from the address and
port rules (NOTIFY_WEBHOOK_ALLOWED_HOSTS: tests, local demos) and allow more
ports for every host (NOTIFY_WEBHOOK_ALLOWED_PORTS).

Refusals never quote the resolved address: a partner must not learn what our
resolver knows about internal names.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

from samskab_infra.errors import DomainRuleViolation, ValidationFailed

Resolver = Callable[[str, int], list[str]]
"""``resolve(host, port)``: every address the host has now (a port; see adapters/resolver.py)."""

METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"),
                                ipaddress.ip_address("fd00:ec2::254")})
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, RFC 6598
TUNNELS_TO_IPV4 = (
    (ipaddress.ip_network("2002::/16"), "6to4"),
    (ipaddress.ip_network("2001::/32"), "teredo"),
    (ipaddress.ip_network("64:ff9b::/96"), "nat64"),
    (ipaddress.ip_network("64:ff9b:1::/48"), "nat64"),  # local-use NAT64, RFC 8215
    (ipaddress.ip_network("::/96"), "ipv4-compatible"),
)
DEFAULT_PORTS = frozenset({80, 443})
MAX_URL_LENGTH = 2000
FORBIDDEN_ADDRESS = "webhook.url.forbidden_address"
FORBIDDEN_PORT = "webhook.url.forbidden_port"


@dataclass(frozen=True)
class UrlPolicy:
    """The operator's exceptions to the rule; the default has none."""

    # Hosts (as written in the URL) exempt from the address and port rules.
    allowed_hosts: frozenset[str] = frozenset()
    # Ports allowed besides 80 and 443, for every host.
    extra_ports: frozenset[int] = frozenset()

    def allows_port(self, port: int) -> bool:
        return port in DEFAULT_PORTS or port in self.extra_ports


@dataclass(frozen=True)
class WebhookTarget:
    """A parsed webhook URL: where to connect and what to ask for there."""

    scheme: str
    host: str
    port: int
    # The request target: path and query, never empty.
    path: str

    @property
    def host_header(self) -> str:
        """The Host header as a client would send it for the original URL."""
        name = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return name if self.port == default else f"{name}:{self.port}"


@dataclass(frozen=True)
class CheckedTarget:
    """A target with every address it resolved to, each one judged callable."""

    target: WebhookTarget
    addresses: tuple[str, ...]


def _tunnel_reason(ip: ipaddress.IPv6Address) -> str | None:
    return next((reason for network, reason in TUNNELS_TO_IPV4
                 if ip in network and not (ip.is_loopback or ip.is_unspecified)), None)


def forbidden_reason(address: str) -> str | None:
    """Why we refuse to call this IP address, or None when it is publicly routable."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return forbidden_reason(str(ip.ipv4_mapped))
        tunnel = _tunnel_reason(ip)
        if tunnel:
            return tunnel
    checks = (
        (ip in METADATA_ADDRESSES, "metadata"),
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (getattr(ip, "is_site_local", False), "site-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_reserved, "reserved"),
        (ip in SHARED_ADDRESS_SPACE, "shared address space"),
        (ip.is_private, "private"),
        (not ip.is_global, "not globally routable"),
    )
    return next((reason for hit, reason in checks if hit), None)


def _invalid(message: str) -> ValidationFailed:
    return ValidationFailed(message, details={"url": [message]})


def parse_webhook_url(url: str) -> WebhookTarget:
    """Raise ValidationFailed for anything but a well-formed http(s) URL without credentials."""
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
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return WebhookTarget(parts.scheme, hostname.lower(), port, path)


def check_target(target: WebhookTarget, addresses: Collection[str], policy: UrlPolicy) -> None:
    """Raise DomainRuleViolation unless the port and every address may be called."""
    if target.host in policy.allowed_hosts:
        return
    for address in addresses:
        reason = forbidden_reason(address)
        if reason:
            raise DomainRuleViolation(
                f"{target.host} resolves to a {reason} address; webhooks only go to public addresses",
                code=FORBIDDEN_ADDRESS)
    if not policy.allows_port(target.port):
        raise DomainRuleViolation(
            f"webhooks go to port 80 or 443 only, not {target.port}", code=FORBIDDEN_PORT)


def resolve_addresses(target: WebhookTarget, resolve: Resolver) -> tuple[str, ...]:
    """Every address of the target's host, once; ValidationFailed when it has none."""
    try:
        addresses = tuple(dict.fromkeys(resolve(target.host, target.port)))
    except (OSError, ValueError):  # ValueError: a name IDNA cannot encode
        addresses = ()
    if not addresses:
        raise _invalid(f"the host {target.host} does not resolve")
    return addresses


def resolve_and_check(url: str, *, resolve: Resolver, policy: UrlPolicy) -> CheckedTarget:
    """Parse, resolve once and judge every address: what a client may connect to.
    Raises ValidationFailed (malformed, unresolvable) or DomainRuleViolation (refused)."""
    target = parse_webhook_url(url)
    addresses = resolve_addresses(target, resolve)
    check_target(target, addresses, policy)
    return CheckedTarget(target, addresses)


def check_webhook_url(url: str, *, resolve: Resolver, policy: UrlPolicy = UrlPolicy()) -> None:
    """The check at registration (the client checks again, and pins, at every attempt)."""
    resolve_and_check(url, resolve=resolve, policy=policy)
