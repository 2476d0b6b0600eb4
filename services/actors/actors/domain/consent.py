"""Consent records (samtykke): purpose, given_at, withdrawn_at, and for a purpose given
for one initiative (take_part) its ``initiative_id``.

A record is never deleted: withdrawing closes it and giving consent again
opens a new one, so the history shows what was allowed when.
"""
from __future__ import annotations

from samskab_infra.errors import ValidationFailed

from .rules import CONSENT_PURPOSES, INITIATIVE_PURPOSES


def check_purpose(purpose: str, initiative_id: str | None = None) -> None:
    """A known purpose; an initiative exactly when the purpose is given per initiative."""
    if purpose not in CONSENT_PURPOSES:
        raise ValidationFailed(
            f"unknown consent purpose {purpose!r}",
            details={"purpose": [f"must be one of {', '.join(CONSENT_PURPOSES)}"]},
        )
    if purpose in INITIATIVE_PURPOSES and not initiative_id:
        raise ValidationFailed(f"consent to {purpose} is given for one initiative",
                               details={"initiative_id": ["required for this purpose"]})
    if purpose not in INITIATIVE_PURPOSES and initiative_id:
        raise ValidationFailed(f"consent to {purpose} is not given per initiative",
                               details={"initiative_id": ["not allowed for this purpose"]})


def _matches(record: dict, purpose: str, initiative_id: str | None) -> bool:
    return record["purpose"] == purpose and record.get("initiative_id") == initiative_id


def is_active(records: list[dict], purpose: str, initiative_id: str | None = None) -> bool:
    return any(_matches(r, purpose, initiative_id) and r["withdrawn_at"] is None for r in records)


def active_consents(records: list[dict]) -> list[tuple[str, str | None]]:
    """(purpose, initiative_id) of every open record, in the order they were given."""
    open_ = [(r["purpose"], r.get("initiative_id")) for r in records if r["withdrawn_at"] is None]
    return list(dict.fromkeys(open_))


def give(records: list[dict], purpose: str, now: str, initiative_id: str | None = None) -> bool:
    """Open a record unless one is already open; True when something changed."""
    check_purpose(purpose, initiative_id)
    if is_active(records, purpose, initiative_id):
        return False
    record = {"purpose": purpose, "given_at": now, "withdrawn_at": None}
    if initiative_id:
        record["initiative_id"] = initiative_id
    records.append(record)
    return True


def withdraw(records: list[dict], purpose: str, now: str, initiative_id: str | None = None) -> bool:
    """Close the open record for ``purpose`` (and initiative); True when one was open."""
    check_purpose(purpose, initiative_id)
    changed = False
    for record in records:
        if _matches(record, purpose, initiative_id) and record["withdrawn_at"] is None:
            record["withdrawn_at"] = now
            changed = True
    return changed
