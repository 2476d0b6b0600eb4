"""Authentication: signed bearer tokens for people, API keys for partners and services.

Tokens are JWTs (HS256) carrying only who the person is (``sub``), an expiry, the
issuer (``iss``, GATEWAY_JWT_ISSUER) and a ``jti`` that can be revoked; expiry is
checked with a few seconds' leeway (GATEWAY_JWT_LEEWAY_S) for clocks that differ.
API keys are random, shown once, stored only as a SHA-256 hash with their subject,
expiry and revocation time. Neither carries a right: the grants are resolved from the
store (grants.py). What a process read of grants, revocations and keys it remembers until
the access epoch moves (access_cache.py): a change made through this process takes effect
at its next request, one made elsewhere within GATEWAY_ACCESS_FRESHNESS_MS.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from pymongo.database import Database

from samskab_infra.context import Principal
from samskab_infra.errors import Unauthorized, ValidationFailed

from .access_cache import AccessCache, access_changed
from .grants import resolve
from .metrics import CREDENTIAL_LOOKUPS

API_KEYS = "api_keys"
REVOKED_TOKENS = "revoked_tokens"
KEY_PREFIX = "sk_"
DEFAULT_ISSUER = "samskab"
DEFAULT_LEEWAY_S = 5.0
MAX_VERIFIED = 10_000


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def check_subject(subject: object) -> str:
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 200:
        raise ValidationFailed("a token or key names one person or partner",
                               details={"subject": ["1 to 200 characters"]})
    return subject.strip()


def issue_token(secret: str, subject: str, ttl: timedelta = timedelta(hours=8),
                issuer: str = DEFAULT_ISSUER) -> str:
    now = _now()
    claims = {"sub": check_subject(subject), "iss": issuer, "iat": now, "exp": now + ttl,
              "jti": secrets.token_hex(16)}
    return jwt.encode(claims, secret, algorithm="HS256")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(db: Database, subject: str, expires_in: timedelta, label: str = "") -> dict:
    """Make a key; the returned ``key`` is never stored and cannot be shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record: dict[str, Any] = {"_id": hash_key(key), "key_prefix": key[:10], "label": label,
              "subject": check_subject(subject), "created_at": _iso(_now()),
              "expires_at": _iso(_now() + expires_in), "revoked_at": None}
    db[API_KEYS].insert_one(record)
    return {"key": key, "key_id": record["_id"][:16], "expires_at": record["expires_at"]}


KEY_ID = re.compile(r"^[0-9a-f]{16}$")


def revoke_api_key(db: Database, key_id: str) -> bool:
    """Revoke by the key id (the first 16 hex characters of its hash) shown at creation:
    exactly that id, never a prefix of it."""
    if not KEY_ID.match(key_id or ""):
        return False
    for record in db[API_KEYS].find({}, {"_id": 1, "revoked_at": 1}):
        if record["_id"][:16] == key_id and not record.get("revoked_at"):
            db[API_KEYS].update_one({"_id": record["_id"]}, {"$set": {"revoked_at": _iso(_now())}})
            access_changed(db)
            return True
    return False


def revoke_token(db: Database, token: str, secret: str) -> str:
    claims = jwt.decode(token, secret, algorithms=["HS256"], options={"verify_exp": False})
    db[REVOKED_TOKENS].update_one({"_id": claims["jti"]},
                                  {"$set": {"revoked_at": _iso(_now()), "exp": claims["exp"]}},
                                  upsert=True)
    access_changed(db)
    return claims["jti"]


class Authenticator:
    def __init__(self, db: Database, secret: str, issuer: str = DEFAULT_ISSUER,
                 leeway_s: float = DEFAULT_LEEWAY_S, cache: AccessCache | None = None) -> None:
        self.db = db
        self.secret = secret
        self.issuer = issuer
        self.leeway_s = leeway_s
        self.cache = cache or AccessCache(db, freshness_s=0.0)
        """Without one, the epoch is read at every request (no staleness at all)."""
        self._verified: dict[str, dict] = {}
        """Tokens whose signature, issuer and claims were checked, by their exact text: a
        client sends the same token again and again, and the same text verifies the same
        way; only the expiry, which depends on the time, is checked at every request."""

    def authenticate(self, authorization: str | None, api_key: str | None) -> tuple[Principal, str]:
        """The caller and a stable id for rate limiting; Unauthorized otherwise."""
        if api_key:
            return self._from_key(api_key)
        if authorization and authorization.lower().startswith("bearer "):
            return self._from_token(authorization[7:].strip())
        raise Unauthorized("send a bearer token or an X-API-Key header", code="auth.missing")

    def _from_token(self, token: str) -> tuple[Principal, str]:
        claims = self._verified.get(token)
        if claims is not None and claims["exp"] <= _now().timestamp() - self.leeway_s:
            raise Unauthorized("the token has expired", code="auth.token_expired")
        if claims is None:
            claims = self._verify(token)
        CREDENTIAL_LOOKUPS.labels("token").inc()
        if self.cache.get("revoked", str(claims["jti"]), lambda: self._revoked(claims["jti"])):
            raise Unauthorized("the token has been revoked", code="auth.token_revoked")
        if not isinstance(claims["sub"], str) or not claims["sub"]:
            raise Unauthorized("the token names nobody", code="auth.token_invalid")
        return self._principal(claims["sub"]), f"token:{claims['sub']}"

    def _verify(self, token: str) -> dict:
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"], issuer=self.issuer,
                                leeway=self.leeway_s, options={"require": ["exp", "sub", "jti", "iss"]})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("the token has expired", code="auth.token_expired") from None
        except jwt.PyJWTError:
            raise Unauthorized("the token is not valid", code="auth.token_invalid") from None
        if isinstance(claims.get("exp"), int | float) and "nbf" not in claims:
            if len(self._verified) >= MAX_VERIFIED:
                self._verified.clear()
            self._verified[token] = claims
        return claims

    def _revoked(self, jti: object) -> bool:
        return self.db[REVOKED_TOKENS].find_one({"_id": jti}, {"_id": 1}) is not None

    def _principal(self, subject: str) -> Principal:
        return self.cache.get("principal", subject, lambda: resolve(self.db, subject))

    def _from_key(self, key: str) -> tuple[Principal, str]:
        CREDENTIAL_LOOKUPS.labels("key").inc()
        key_hash = hash_key(key)
        record = self.cache.get("key", key_hash, lambda: self.db[API_KEYS].find_one({"_id": key_hash}))
        if record is None:
            raise Unauthorized("unknown API key", code="auth.key_invalid")
        if record.get("revoked_at"):
            raise Unauthorized("the API key has been revoked", code="auth.key_revoked")
        if record["expires_at"] <= _iso(_now()):
            raise Unauthorized("the API key has expired", code="auth.key_expired")
        subject = record.get("subject") or (record.get("principal") or {}).get("subject")
        if not subject:
            raise Unauthorized("the API key names nobody", code="auth.key_invalid")
        return self._principal(subject), f"key:{record['_id'][:16]}"
