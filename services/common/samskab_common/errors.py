"""Errors every service raises and the gateway maps to HTTP problems, in one place.

Each carries a machine-readable ``code``; the gateway turns them into
``application/problem+json`` (see gateway/gateway/problems.py).
"""
from __future__ import annotations


class SamskabError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details or {}


class DomainRuleViolation(SamskabError):
    """A command broke a rule of the method (e.g. no platform before establishment).
    ``code`` names the rule, e.g. ``phase.gate.anchor_person_required``."""

    code = "rule_violation"
    status = 422


class ValidationFailed(SamskabError):
    """A payload failed its schema; ``details`` maps each field to its messages."""

    code = "validation_failed"
    status = 400


class NotFound(SamskabError):
    code = "not_found"
    status = 404


class Conflict(SamskabError):
    """Stale version (optimistic concurrency) or a duplicate."""

    code = "conflict"
    status = 409


class Forbidden(SamskabError):
    code = "forbidden"
    status = 403
