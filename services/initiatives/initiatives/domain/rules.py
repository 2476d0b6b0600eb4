"""Small guards every part of the aggregate uses: each failure names its rule."""
from __future__ import annotations

from datetime import date, timedelta

from samskab_infra.clock import parse_instant
from samskab_infra.errors import DomainRuleViolation


def require(condition: bool, code: str, message: str) -> None:
    """Raise a DomainRuleViolation naming ``code`` unless ``condition`` holds."""
    if not condition:
        raise DomainRuleViolation(message, code=code)


def text(value: str | None, field: str, max_length: int, *, required: bool = True) -> str | None:
    """Trim a text field and check it is present (when required) and not oversized."""
    if value is None:
        require(not required, "text.required", f"{field} is required")
        return None
    cleaned = value.strip()
    require(bool(cleaned) or not required, "text.required", f"{field} must not be blank")
    if not cleaned:
        return None
    require(len(cleaned) <= max_length, "text.too_long",
            f"{field} is {len(cleaned)} characters; at most {max_length} are allowed")
    return cleaned


def one_of(value: str, allowed, code: str, what: str) -> str:
    require(value in allowed, code, f"{value!r} is not a known {what}; use one of {sorted(allowed)}")
    return value


def today(now: str) -> date:
    """The calendar day (UTC) of an ISO-8601 instant such as ``2024-05-01T10:00:00Z``."""
    return parse_instant(now).date()


def parse_day(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DomainRuleViolation(f"{field} must be a date (YYYY-MM-DD), got {value!r}",
                                  code="date.invalid") from None


def past_day(value: str, now: str, code: str, field: str = "date") -> str:
    """A date that has happened already: not after the day of ``now``."""
    day = parse_day(value, field)
    require(day <= today(now), code, f"{field} {value} is in the future (today is {today(now)})")
    return day.isoformat()


def add_days(value: str, days: int) -> str:
    return (parse_day(value, "date") + timedelta(days=days)).isoformat()


def point(value, field: str = "point") -> list[float]:
    """A geographic point as ``[lat, lon]`` in degrees (WGS 84)."""
    ok = isinstance(value, (list, tuple)) and len(value) == 2
    require(ok, "geo.point.invalid", f"{field} must be [lat, lon]")
    lat, lon = float(value[0]), float(value[1])
    require(-90 <= lat <= 90 and -180 <= lon <= 180, "geo.point.out_of_range",
            f"{field} {list(value)} is not a valid [lat, lon]")
    return [lat, lon]
