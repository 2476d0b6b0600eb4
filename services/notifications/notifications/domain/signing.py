"""Signing and verifying webhooks the Standard Webhooks way (https://www.standardwebhooks.com).

Headers: ``webhook-id`` (the same on every retry, so receivers de-duplicate),
``webhook-timestamp`` (integer seconds) and ``webhook-signature``: ``v1,<base64
HMAC-SHA256 of "{id}.{timestamp}.{body}">``, space-separated when two secrets
are valid during a rotation. Secrets are ``whsec_`` + base64 of random bytes.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets as random_source
from collections.abc import Callable, Mapping, Sequence

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32
MIN_SECRET_BYTES = 24
TOLERANCE_S = 5 * 60


class WebhookVerificationError(ValueError):
    """The request is not a genuine, fresh webhook from us."""


def generate_secret(random_bytes: Callable[[int], bytes] = random_source.token_bytes) -> str:
    return SECRET_PREFIX + base64.b64encode(random_bytes(SECRET_BYTES)).decode("ascii")


def secret_key(secret: str) -> bytes:
    raw = secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret
    try:
        key = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("a webhook secret is whsec_ followed by base64") from exc
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(f"a webhook secret needs at least {MIN_SECRET_BYTES} bytes")
    return key


def _as_bytes(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body


def sign(msg_id: str, timestamp: int, body: bytes | str, secret: str) -> str:
    """One ``v1,<base64>`` signature."""
    content = f"{msg_id}.{timestamp}.".encode() + _as_bytes(body)
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signed_headers(msg_id: str, timestamp: int, body: bytes | str,
                   secrets: Sequence[str]) -> dict[str, str]:
    """The three Standard Webhooks headers, signed with every currently valid secret."""
    if not secrets:
        raise ValueError("an endpoint needs at least one valid secret")
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(sign(msg_id, timestamp, body, s) for s in secrets),
    }


def verify(body: bytes | str, headers: Mapping[str, str], secrets: Sequence[str], *,
           now: int, tolerance_s: int = TOLERANCE_S) -> None:
    """Raise WebhookVerificationError unless a signature matches one of ``secrets``
    and the timestamp is within ``tolerance_s`` of ``now`` (epoch seconds)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    msg_id = lowered.get("webhook-id")
    raw_ts = lowered.get("webhook-timestamp")
    signature_header = lowered.get("webhook-signature")
    if not msg_id or not raw_ts or not signature_header:
        raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature")
    try:
        timestamp = int(raw_ts)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not an integer") from None
    if abs(now - timestamp) > tolerance_s:
        raise WebhookVerificationError("webhook-timestamp is outside the tolerance")
    offered = [s for s in signature_header.split(" ") if s.startswith("v1,")]
    for secret in secrets:
        expected = sign(msg_id, timestamp, body, secret)
        if any(hmac.compare_digest(expected.encode(), candidate.encode()) for candidate in offered):
            return
    raise WebhookVerificationError("no matching signature")
