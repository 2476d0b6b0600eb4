"""Time as the system writes and reads it: ISO-8601 instants in UTC with microseconds and
a trailing "Z" (one fixed format, so string order is time order), and calendar days
("YYYY-MM-DD"). Every service reads instants with ``parse_instant``; nothing parses them
again its own way."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utc_now_iso() -> str:
    """Now, in the stored format."""
    return to_instant(datetime.now(UTC))


def parse_instant(value: str | datetime) -> datetime:
    """An ISO instant or day as an aware UTC datetime (a day means its midnight UTC; an
    instant without a zone is UTC). Raises ValueError for anything else."""
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def to_instant(value: str | datetime) -> str:
    """Normalise to the stored format."""
    return parse_instant(value).isoformat(timespec="microseconds").replace("+00:00", "Z")


def plus_seconds(value: str | datetime, seconds: float) -> str:
    return to_instant(parse_instant(value) + timedelta(seconds=seconds))


def seconds_between(earlier: str | datetime, later: str | datetime) -> float:
    return (parse_instant(later) - parse_instant(earlier)).total_seconds()


def chronological_key(value: str | None) -> str:
    """A key that orders instants and days chronologically, whatever their zone or
    precision; empty for no value, and the text itself when it is no time (bad input
    still sorts, it is never an error)."""
    if not value:
        return ""
    try:
        return parse_instant(value).isoformat()
    except ValueError:
        return value


def days_between(start: str | None, end: str | None) -> float | None:
    """Days from ``start`` to ``end`` (two decimals); None when either is missing or no time."""
    if not start or not end:
        return None
    try:
        return round((parse_instant(end) - parse_instant(start)).total_seconds() / 86400, 2)
    except ValueError:
        return None


def day_of(value: str | None) -> str | None:
    """The calendar day (UTC) of an instant, as YYYY-MM-DD; None when missing or no time."""
    if not value:
        return None
    try:
        return parse_instant(value).date().isoformat()
    except ValueError:
        return None
