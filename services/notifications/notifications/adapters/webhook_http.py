"""One HTTP POST of a webhook, pinned to the address the guard checked.

The host is resolved once (through the injected resolver), every address is
judged by domain/url_policy.py, and the connection goes to exactly one of those
addresses: the client never resolves the name again, so an answer that changes
between the check and the connection (DNS rebinding) changes nothing. The
request still names the real host: the Host header, the TLS server name (SNI)
and the certificate check are for the hostname of the URL, not the address.

No redirects, no proxies from the environment, bounded in time. The answer's
body is never read: the result is a status code, a duration and, on failure, a
category (domain/attempt_errors.py) fit for the owner's delivery log.
"""
from __future__ import annotations

import ssl
import time
from dataclasses import dataclass

import certifi
import urllib3
from urllib3.exceptions import (
    HTTPError,
    NewConnectionError,
    ProtocolError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from samskab_infra.errors import DomainRuleViolation, ValidationFailed

from ..domain.attempt_errors import (
    CONNECT_FAILED,
    PROTOCOL_ERROR,
    REFUSED_ADDRESS,
    REFUSED_PORT,
    REFUSED_URL,
    TIMEOUT,
    TLS_FAILED,
    UNRESOLVABLE,
)
from ..domain.url_policy import (
    FORBIDDEN_PORT,
    CheckedTarget,
    Resolver,
    UrlPolicy,
    check_target,
    parse_webhook_url,
    resolve_addresses,
)
from .resolver import system_resolve

USER_AGENT = "Samskab-Webhooks/1.0"


@dataclass(frozen=True)
class HttpResult:
    status_code: int | None
    latency_ms: int
    retry_after: str | None = None
    # A category from domain/attempt_errors.py when no answer came.
    error: str | None = None


class WebhookClient:
    """``ca_file``: a CA bundle to trust instead of certifi's (tests, private partners)."""

    def __init__(self, timeout_s: float, *, resolve: Resolver = system_resolve,
                 policy: UrlPolicy = UrlPolicy(), ca_file: str | None = None):
        self.timeout_s = timeout_s
        self.resolve = resolve
        self.policy = policy
        # The standard library's client context: certificate and hostname checked
        # against the name the pool is told (server_hostname, also sent as SNI).
        self.tls = ssl.create_default_context(cafile=ca_file or certifi.where())

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpResult:
        started = time.monotonic()
        checked = self._checked(url)
        if isinstance(checked, str):
            return HttpResult(None, _ms_since(started), error=checked)
        error = CONNECT_FAILED
        for address in checked.addresses:
            remaining = self.timeout_s - (time.monotonic() - started)
            if remaining <= 0:
                break
            try:
                return self._post_to(address, checked, body, headers, remaining, started)
            except NewConnectionError:
                continue  # refused or unreachable: the next checked address may answer
            except HTTPError as exc:
                error = _category(exc)
                break
        return HttpResult(None, _ms_since(started), error=error)

    def _checked(self, url: str) -> CheckedTarget | str:
        """The target with its judged addresses, or the category of the refusal."""
        try:
            target = parse_webhook_url(url)
        except ValidationFailed:
            return REFUSED_URL
        try:
            addresses = resolve_addresses(target, self.resolve)
        except ValidationFailed:
            return UNRESOLVABLE
        try:
            check_target(target, addresses, self.policy)
        except DomainRuleViolation as exc:
            return REFUSED_PORT if exc.code == FORBIDDEN_PORT else REFUSED_ADDRESS
        return CheckedTarget(target, addresses)

    def _pool(self, address: str, checked: CheckedTarget,
              timeout_s: float) -> urllib3.HTTPConnectionPool:
        target = checked.target
        timeout = urllib3.Timeout(connect=timeout_s, read=timeout_s)
        if target.scheme == "https":
            return urllib3.HTTPSConnectionPool(
                address, target.port, timeout=timeout, retries=False, maxsize=1,
                ssl_context=self.tls, cert_reqs="CERT_REQUIRED", server_hostname=target.host)
        return urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, retries=False,
                                          maxsize=1)

    def _post_to(self, address: str, checked: CheckedTarget, body: bytes,
                 headers: dict[str, str], timeout_s: float, started: float) -> HttpResult:
        pool = self._pool(address, checked, timeout_s)
        try:
            response = pool.urlopen(
                "POST", checked.target.path, body=body, redirect=False, retries=False,
                assert_same_host=False, preload_content=False,
                headers={**headers, "host": checked.target.host_header,
                         "content-type": "application/json", "user-agent": USER_AGENT})
            try:
                return HttpResult(response.status, _ms_since(started),
                                  retry_after=response.headers.get("retry-after"))
            finally:
                response.close()
        finally:
            pool.close()


def _category(exc: HTTPError) -> str:
    if isinstance(exc, SSLError):
        return TLS_FAILED
    if isinstance(exc, Urllib3Timeout):
        return TIMEOUT
    if isinstance(exc, ProtocolError):
        return PROTOCOL_ERROR
    return CONNECT_FAILED


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
