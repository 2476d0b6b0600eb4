"""ISO-8601 instants as the store keeps them: UTC, microseconds, trailing "Z".

One fixed format means string order is time order, so the queue can sort on
``next_attempt_at`` without date types.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from samskab_infra.errors import ValidationFailed


def parse_instant(value: str | datetime) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise ValidationFailed("not an ISO-8601 instant",
                                   details={"time": [f"cannot read {value!r}"]}) from None
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


def epoch_seconds(value: str | datetime) -> int:
    return int(parse_instant(value).timestamp())
