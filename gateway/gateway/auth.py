"""Authentication: signed bearer tokens for people, API keys for partners and services.

Tokens are JWTs (HS256) carrying the principal (role, district, initiatives,
actor id), an expiry and a ``jti`` that can be revoked. API keys are random,
shown once, stored only as a SHA-256 hash with their principal, expiry and
revocation time.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import jwt
from pymongo.database import Database

from samskab_common.context import ROLES, Principal
from samskab_common.errors import Unauthorized, ValidationFailed

API_KEYS = "api_keys"
REVOKED_TOKENS = "revoked_tokens"
KEY_PREFIX = "sk_"


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def check_principal(principal: Principal) -> None:
    if principal.role not in ROLES or principal.role == "system":
        raise ValidationFailed("unknown role", details={"role": [f"one of {ROLES[:-1]}"]})
    if principal.role == "district_operator" and not principal.district:
        raise ValidationFailed("a district operator needs a district", details={"district": ["required"]})


def issue_token(secret: str, principal: Principal, ttl: timedelta = timedelta(hours=8)) -> str:
    check_principal(principal)
    now = _now()
    claims = {**principal.to_dict(), "sub": principal.subject, "iat": now, "exp": now + ttl,
              "jti": secrets.token_hex(16)}
    claims.pop("subject")
    return jwt.encode(claims, secret, algorithm="HS256")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(db: Database, principal: Principal, expires_in: timedelta, label: str = "") -> dict:
    """Make a key; the returned ``key`` is never stored and cannot be shown again."""
    check_principal(principal)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = {"_id": hash_key(key), "key_prefix": key[:10], "label": label,
              "principal": principal.to_dict(), "created_at": _iso(_now()),
              "expires_at": _iso(_now() + expires_in), "revoked_at": None}
    db[API_KEYS].insert_one(record)
    return {"key": key, "key_id": record["_id"][:16], "expires_at": record["expires_at"]}


def revoke_api_key(db: Database, key_id: str) -> bool:
    """Revoke by the key id (the first 16 hex characters of its hash) shown at creation."""
    for record in db[API_KEYS].find({}, {"_id": 1, "revoked_at": 1}):
        if record["_id"].startswith(key_id) and not record.get("revoked_at"):
            db[API_KEYS].update_one({"_id": record["_id"]}, {"$set": {"revoked_at": _iso(_now())}})
            return True
    return False


def revoke_token(db: Database, token: str, secret: str) -> str:
    claims = jwt.decode(token, secret, algorithms=["HS256"], options={"verify_exp": False})
    db[REVOKED_TOKENS].update_one({"_id": claims["jti"]},
                                  {"$set": {"revoked_at": _iso(_now()), "exp": claims["exp"]}},
                                  upsert=True)
    return claims["jti"]


class Authenticator:
    def __init__(self, db: Database, secret: str):
        self.db = db
        self.secret = secret

    def authenticate(self, authorization: str | None, api_key: str | None) -> tuple[Principal, str]:
        """The caller and a stable id for rate limiting; Unauthorized otherwise."""
        if api_key:
            return self._from_key(api_key)
        if authorization and authorization.lower().startswith("bearer "):
            return self._from_token(authorization[7:].strip())
        raise Unauthorized("send a bearer token or an X-API-Key header", code="auth.missing")

    def _from_token(self, token: str) -> tuple[Principal, str]:
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"],
                                options={"require": ["exp", "sub", "jti"]})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("the token has expired", code="auth.token_expired") from None
        except jwt.PyJWTError:
            raise Unauthorized("the token is not valid", code="auth.token_invalid") from None
        if self.db[REVOKED_TOKENS].find_one({"_id": claims["jti"]}, {"_id": 1}):
            raise Unauthorized("the token has been revoked", code="auth.token_revoked")
        principal = Principal.from_dict({**claims, "subject": claims["sub"]})
        if principal.role not in ROLES or principal.role == "system":
            raise Unauthorized("the token names an unknown role", code="auth.token_invalid")
        return principal, f"token:{principal.subject}"

    def _from_key(self, key: str) -> tuple[Principal, str]:
        record = self.db[API_KEYS].find_one({"_id": hash_key(key)})
        if record is None:
            raise Unauthorized("unknown API key", code="auth.key_invalid")
        if record.get("revoked_at"):
            raise Unauthorized("the API key has been revoked", code="auth.key_revoked")
        if record["expires_at"] <= _iso(_now()):
            raise Unauthorized("the API key has expired", code="auth.key_expired")
        return Principal.from_dict(record["principal"]), f"key:{record['_id'][:16]}"
