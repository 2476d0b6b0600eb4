"""Errors every service raises and the gateway maps to HTTP problems, in one place.

Each carries a machine-readable ``code``; the gateway turns them into
``application/problem+json`` (see gateway/gateway/problems.py).
"""
from __future__ import annotations

import json

from nameko.exceptions import deserialize_to_instance


class SamskabError(Exception):
    """Base of our errors. All three parts travel in ``args`` so that nameko's RPC
    recreates the same exception, with its code and details, in the gateway."""

    code = "error"
    status = 400

    def __init__(self, message: str, code: str | None = None, details: dict | str | None = None) -> None:
        # A string is the JSON these details travel as through nameko RPC.
        parsed: dict | None = json.loads(details) if isinstance(details, str) else details
        # nameko turns every non-string value in exception args into a string; JSON keeps
        # numbers, booleans and nesting intact on the way to the gateway.
        super().__init__(message, code or type(self).code, json.dumps(parsed or {}, default=str))
        self.message = message
        self.code = code or type(self).code
        self.details: dict = parsed or {}

    def __str__(self) -> str:
        return self.message


@deserialize_to_instance
class DomainRuleViolation(SamskabError):
    """A command broke a rule of the method (e.g. no platform before establishment).
    ``code`` names the rule, e.g. ``phase.gate.anchor_person_required``."""

    code = "rule_violation"
    status = 422


@deserialize_to_instance
class ValidationFailed(SamskabError):
    """A payload failed its schema; ``details`` maps each field to its messages."""

    code = "validation_failed"
    status = 400


@deserialize_to_instance
class NotFound(SamskabError):
    code = "not_found"
    status = 404


@deserialize_to_instance
class Conflict(SamskabError):
    """Stale version (optimistic concurrency) or a duplicate."""

    code = "conflict"
    status = 409


@deserialize_to_instance
class Forbidden(SamskabError):
    code = "forbidden"
    status = 403


@deserialize_to_instance
class Unauthorized(SamskabError):
    code = "unauthorized"
    status = 401


@deserialize_to_instance
class TooManyRequests(SamskabError):
    code = "rate_limited"
    status = 429


@deserialize_to_instance
class ServiceUnavailable(SamskabError):
    code = "service_unavailable"
    status = 503


@deserialize_to_instance
class StoreUnavailable(ServiceUnavailable):
    """The store cannot be reached for now; the caller should retry after ``retry_after`` seconds."""

    code = "store_unavailable"
    status = 503
    RETRY_AFTER_S = 5

    @classmethod
    def now(cls) -> StoreUnavailable:
        return cls("the data store is not reachable right now; retry shortly",
                   details={"retry_after": cls.RETRY_AFTER_S})
