"""Consent records (samtykke): purpose, given_at, withdrawn_at.

A record is never deleted: withdrawing closes it and giving consent again
opens a new one, so the history shows what was allowed when.
"""
from __future__ import annotations

from samskab_common.errors import ValidationFailed

from .rules import CONSENT_PURPOSES


def check_purpose(purpose: str) -> None:
    if purpose not in CONSENT_PURPOSES:
        raise ValidationFailed(
            f"unknown consent purpose {purpose!r}",
            details={"purpose": [f"must be one of {', '.join(CONSENT_PURPOSES)}"]},
        )


def is_active(records: list[dict], purpose: str) -> bool:
    return any(r["purpose"] == purpose and r["withdrawn_at"] is None for r in records)


def active_purposes(records: list[dict]) -> list[str]:
    return [p for p in CONSENT_PURPOSES if is_active(records, p)]


def give(records: list[dict], purpose: str, now: str) -> bool:
    """Open a record unless one is already open; True when something changed."""
    check_purpose(purpose)
    if is_active(records, purpose):
        return False
    records.append({"purpose": purpose, "given_at": now, "withdrawn_at": None})
    return True


def withdraw(records: list[dict], purpose: str, now: str) -> bool:
    """Close the open record for ``purpose``; True when one was open."""
    check_purpose(purpose)
    changed = False
    for record in records:
        if record["purpose"] == purpose and record["withdrawn_at"] is None:
            record["withdrawn_at"] = now
            changed = True
    return changed
