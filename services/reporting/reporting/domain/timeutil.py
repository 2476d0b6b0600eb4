"""ISO-8601 helpers. Events carry instants ("...Z") or calendar days ("YYYY-MM-DD")."""
from __future__ import annotations

from datetime import UTC, datetime


def parse(value: str) -> datetime:
    """An ISO instant or day as an aware UTC datetime (a day means its midnight UTC)."""
    text = value.strip().replace("Z", "+00:00")
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def sort_key(value: str | None) -> str:
    """A key that orders instants and days chronologically, tolerating bad input."""
    if not value:
        return ""
    try:
        return parse(value).isoformat()
    except ValueError:
        return value


def days_between(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    try:
        return round((parse(end) - parse(start)).total_seconds() / 86400, 2)
    except ValueError:
        return None


def day(value: str | None) -> str | None:
    """The calendar day (UTC) of an instant, as YYYY-MM-DD."""
    if not value:
        return None
    try:
        return parse(value).date().isoformat()
    except ValueError:
        return None
