"""Idempotency-Key on creating requests (POST).

The first request with a key claims it by inserting a document whose ``_id`` is
derived from (caller, key): the unique ``_id`` makes concurrent duplicates lose the
race instead of creating twice. When the request is answered, the response (status,
body, headers) replaces the claim and answers every retry with the same key and the
same request for GATEWAY_IDEMPOTENCY_TTL_S (24 h). The same key with a different
request is refused (422); a retry while the first is still running gets 409.

The key also travels to the service as a command id (:func:`command_id`), which the
service records with the change it makes and answers a repeat from
(samskab_infra.saving). That is what makes a server-side failure safe to retry: after
a 5xx, above all an RPC timeout (503 with Retry-After) where the queued command may
still run, the claim stays but is unlocked, and the client's retry runs the request
again under the same command id, so the service answers it from its record instead of
acting twice. The claim is never dropped, so the key stays bound to its request.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError
from werkzeug.wrappers import Request, Response

from samskab_infra.errors import Conflict, DomainRuleViolation, ValidationFailed

COLLECTION = "idempotency_keys"
HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
STORED_HEADERS = ("Content-Type", "Location", "ETag")
MAX_KEY_LENGTH = 255


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    """Fixed width, so that ISO strings compare in time order."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Claim:
    doc_id: str
    token: str


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: tuple[tuple[str, str], ...]

    def to_response(self) -> Response:
        response = Response(self.body, status=self.status, headers=list(self.headers))
        response.headers[REPLAYED_HEADER] = "true"
        return response


def checked_key(raw: str) -> str:
    if not (1 <= len(raw) <= MAX_KEY_LENGTH) or not raw.isprintable() or not raw.isascii():
        raise ValidationFailed("the Idempotency-Key header is malformed", details={
            HEADER: [f"1 to {MAX_KEY_LENGTH} printable ASCII characters"]})
    return raw


def fingerprint(request: Request) -> str:
    """What makes two requests 'the same': method, path, query, If-Match and body."""
    digest = hashlib.sha256()
    for part in (request.method, request.full_path, request.headers.get("If-Match", "")):
        digest.update(part.encode() + b"\0")
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def command_id(subject: str, key: str, request: Request) -> str:
    """The id of the command a keyed request asks for: the same for every retry of it,
    different for another caller, key or request."""
    return hashlib.sha256(f"{subject}\0{key}\0{fingerprint(request)}".encode()).hexdigest()


class IdempotencyStore:
    def __init__(self, collection: Collection, ttl_s: int, lease_s: float,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.collection = collection
        self.ttl = timedelta(seconds=ttl_s)
        self.lease = timedelta(seconds=lease_s)
        self.clock = clock

    def claim(self, subject: str, key: str, request_fingerprint: str) -> Claim | StoredResponse:
        doc_id = hashlib.sha256(f"{subject}\0{key}".encode()).hexdigest()
        for _ in range(3):
            now = self.clock()
            token = secrets.token_hex(8)
            try:
                self.collection.insert_one({
                    "_id": doc_id, "state": "pending", "claim": token, "fingerprint": request_fingerprint,
                    "locked_until": _iso(now + self.lease), "expires_at": _iso(now + self.ttl)})
                return Claim(doc_id, token)
            except DuplicateKeyError:
                existing = self.collection.find_one({"_id": doc_id})
            if existing is None:
                continue
            if existing["expires_at"] <= _iso(now):
                self.collection.delete_one({"_id": doc_id, "claim": existing["claim"]})
                continue
            return self._answer(existing, request_fingerprint, token, now)
        raise Conflict("the Idempotency-Key is busy; retry", code="idempotency.in_progress",
                       details={"retry_after": 1})

    def _answer(self, existing: dict, request_fingerprint: str, token: str,
                now: datetime) -> Claim | StoredResponse:
        if existing["fingerprint"] != request_fingerprint:
            raise DomainRuleViolation("this Idempotency-Key was used for a different request",
                                      code="idempotency.key_reused")
        if existing["state"] == "done":
            stored = existing["response"]
            return StoredResponse(int(stored["status"]), stored["body"],
                                  tuple((name, value) for name, value in stored["headers"]))
        if existing["locked_until"] <= _iso(now):
            taken = self.collection.update_one(
                {"_id": existing["_id"], "claim": existing["claim"], "state": "pending"},
                {"$set": {"claim": token, "locked_until": _iso(now + self.lease)}})
            if taken.modified_count == 1:
                return Claim(existing["_id"], token)
        raise Conflict("a request with this Idempotency-Key is still being processed",
                       code="idempotency.in_progress", details={"retry_after": 1})

    def complete(self, claim: Claim, response: Response) -> None:
        existing = self.collection.find_one({"_id": claim.doc_id, "claim": claim.token})
        if existing is None:
            return
        headers = [[name, response.headers[name]] for name in STORED_HEADERS if name in response.headers]
        body = without_secrets(response.get_data(as_text=True))
        self.collection.replace_one({"_id": claim.doc_id, "claim": claim.token}, {
            **existing, "state": "done", "actor_id": _actor_of(body),
            "response": {"status": response.status_code, "body": body, "headers": headers}})

    def unlock(self, claim: Claim) -> None:
        """The request ended without an answer worth keeping: the next retry may take the
        claim at once (and runs under the same command id)."""
        self.collection.update_one({"_id": claim.doc_id, "claim": claim.token, "state": "pending"},
                                   {"$set": {"locked_until": _iso(self.clock())}})

    def purge_expired(self) -> int:
        return purge_expired(self.collection, self.clock())


SECRET_FIELDS = ("secret",)
WITHHELD = "shown once, not again"


def without_secrets(body: str) -> str:
    """A secret is shown once: the stored answer a retry replays carries no secret (the
    webhook signing secret of a registration or rotation), only a note that it was withheld."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return body
    if not isinstance(parsed, dict) or not any(field in parsed for field in SECRET_FIELDS):
        return body
    return json.dumps({**parsed, **{field: WITHHELD for field in SECRET_FIELDS if field in parsed}},
                      ensure_ascii=False)


def _actor_of(body: str) -> str | None:
    """The actor a stored answer is about, so erasure can find and drop it."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    actor_id = parsed.get("actor_id") if isinstance(parsed, dict) else None
    return actor_id if isinstance(actor_id, str) else None


def forget_actor(collection: Collection, actor_id: str) -> int:
    """Erasure: stored answers about an erased actor may hold their personal data."""
    return collection.delete_many({"actor_id": actor_id}).deleted_count


def purge_expired(collection: Collection, now: datetime) -> int:
    """Forget stored answers past their 24 h (portable: no TTL index needed)."""
    return collection.delete_many({"expires_at": {"$lt": _iso(now)}}).deleted_count


def run_once(store: IdempotencyStore, subject: str, key: str, request: Request,
             produce: Callable[[], Response]) -> Response:
    """Answer ``request`` at most once per (subject, key); replay the stored answer after."""
    outcome = store.claim(subject, checked_key(key), fingerprint(request))
    if isinstance(outcome, StoredResponse):
        return outcome.to_response()
    try:
        response = produce()
    except BaseException:
        store.unlock(outcome)
        raise
    if response.status_code >= 500:
        store.unlock(outcome)
    else:
        store.complete(outcome, response)
    return response
