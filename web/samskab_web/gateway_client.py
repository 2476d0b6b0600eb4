"""The only way the pages reach the services: the gateway's HTTP API, as the signed-in
person. Each call carries a token minted for that person (the same claims as
``gateway.cli issue-token``: who, issuer, expiry, a revocable id; never a right) and the
page request's correlation id as ``X-Request-Id``, so the gateway decides every read and
every change exactly as it does for any API client."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import requests

from .metrics import GATEWAY_CALLS, GATEWAY_SECONDS


@dataclass
class GatewayError(Exception):
    """A problem document from the gateway (RFC 9457), or 503 when it did not answer."""

    status: int
    code: str
    detail: str = ""
    errors: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.detail}"


def mint_token(secret: str, subject: str, issuer: str, ttl: timedelta) -> str:
    now = datetime.now(UTC)
    claims = {"sub": subject, "iss": issuer, "iat": now, "exp": now + ttl, "jti": secrets.token_hex(16)}
    return jwt.encode(claims, secret, algorithm="HS256")


class GatewayClient:
    def __init__(self, base_url: str, secret: str, issuer: str, token_ttl_s: int = 120,
                 timeout_s: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self._secret, self._issuer = secret, issuer
        self._ttl = timedelta(seconds=token_ttl_s)
        self._timeout = timeout_s
        self._http = requests.Session()

    def call(self, method: str, path: str, subject: str, request_id: str,
             json: dict | None = None, params: dict | None = None) -> Any:
        """The JSON answer; GatewayError for any problem answer."""
        headers = {"Authorization": f"Bearer {mint_token(self._secret, subject, self._issuer, self._ttl)}",
                   "X-Request-Id": request_id, "Accept": "application/json"}
        try:
            with GATEWAY_SECONDS.labels(method).time():
                response = self._http.request(method, self.base_url + path, headers=headers, json=json,
                                              params=params, timeout=self._timeout)
        except requests.RequestException as exc:
            GATEWAY_CALLS.labels(method, "unreachable").inc()
            raise GatewayError(503, "gateway.unreachable", str(exc)) from None
        GATEWAY_CALLS.labels(method, str(response.status_code)).inc()
        if response.status_code >= 400:
            raise _problem(response)
        return response.json() if response.content else None

    def download(self, path: str, subject: str, request_id: str, params: dict | None = None) -> requests.Response:
        """A document (HTML, Markdown, CSV, JSON) as the gateway answers it, still streaming: the
        caller reads ``iter_content`` and closes it. GatewayError for any problem answer."""
        headers = {"Authorization": f"Bearer {mint_token(self._secret, subject, self._issuer, self._ttl)}",
                   "X-Request-Id": request_id}
        try:
            with GATEWAY_SECONDS.labels("GET").time():
                response = self._http.get(self.base_url + path, headers=headers, params=params,
                                          timeout=self._timeout, stream=True)
        except requests.RequestException as exc:
            GATEWAY_CALLS.labels("GET", "unreachable").inc()
            raise GatewayError(503, "gateway.unreachable", str(exc)) from None
        GATEWAY_CALLS.labels("GET", str(response.status_code)).inc()
        if response.status_code >= 400:
            try:
                raise _problem(response)
            finally:
                response.close()
        return response

    def get(self, path: str, subject: str, request_id: str, params: dict | None = None) -> Any:
        return self.call("GET", path, subject, request_id, params=params)

    def post(self, path: str, subject: str, request_id: str, body: dict) -> Any:
        return self.call("POST", path, subject, request_id, json=body)


def _problem(response: requests.Response) -> GatewayError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    errors = body["errors"] if isinstance(body.get("errors"), dict) else {}
    return GatewayError(response.status_code, str(body.get("code") or f"http.{response.status_code}"),
                        str(body.get("detail") or ""), errors)
