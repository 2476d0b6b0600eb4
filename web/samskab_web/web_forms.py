"""Reading the workspace's activity and outcome forms: each reader takes one field of the
posted form, puts a message beside it in ``errors`` when it is bad, and returns the value the
gateway's command expects (the gateway still checks everything)."""
from __future__ import annotations

import re
from datetime import date

from werkzeug.datastructures import MultiDict

from . import i18n
from .gateway_messages import N_

FormErrors = dict[str, list[str]]
MAX_ATTENDANCE = 100000
_NUMBER = r"-?\d{1,3}(?:\.\d+)?"
_POINT = re.compile(rf"\s*({_NUMBER})\s*[,;\s]\s*({_NUMBER})\s*")


def _add(errors: FormErrors, field: str, message: str) -> None:
    messages = errors.setdefault(field, [])
    if i18n.gettext(message) not in messages:  # several bad attendance counts say it once
        messages.append(i18n.gettext(message))


def required(form: MultiDict, field: str, errors: FormErrors) -> str:
    value = form.get(field, "").strip()
    if not value:
        _add(errors, field, N_("Fill this in."))
    return value


def optional(form: MultiDict, field: str) -> str | None:
    return form.get(field, "").strip() or None


def day_of(form: MultiDict, field: str, errors: FormErrors) -> str:
    """An ISO date (YYYY-MM-DD), as the date field sends it."""
    value = form.get(field, "").strip()
    if not value:
        _add(errors, field, N_("Fill this in."))
        return value
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        _add(errors, field, N_("Write the date as YYYY-MM-DD."))
        return value


def parse_point(text: str) -> list[float] | None:
    """"57.4551, 9.9822" (latitude, longitude) as [lat, lon]; None when it is no point on Earth."""
    match = _POINT.fullmatch(text)
    if not match:
        return None
    lat, lon = float(match[1]), float(match[2])
    return [lat, lon] if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def point_of(form: MultiDict, field: str, errors: FormErrors) -> list[float]:
    point = parse_point(form.get(field, ""))
    if point is None:
        _add(errors, field, N_("Write the place as latitude, longitude, e.g. 57.4551, 9.9822."))
        return []
    return point


def route_of(form: MultiDict, field: str, errors: FormErrors) -> list[list[float]]:
    """One point a line; at least two."""
    lines = [line for line in form.get(field, "").splitlines() if line.strip()]
    points = [parse_point(line) for line in lines]
    if any(point is None for point in points):
        _add(errors, field, N_("Write one point a line as latitude, longitude, e.g. 57.4551, 9.9822."))
        return []
    if len(points) < 2:
        _add(errors, field, N_("A route needs at least two points."))
    return [point for point in points if point is not None]


def platform_of(form: MultiDict) -> str | None:
    return form.get("platform_id", "").strip() or None


def attendance_of(form: MultiDict, errors: FormErrors) -> list[dict]:
    """The number who came from each of the initiative's actors (fields attendance-<actor id>;
    an empty field is no row)."""
    rows = []
    for name in form:
        if not name.startswith("attendance-") or not form.get(name, "").strip():
            continue
        raw = form.get(name, "").strip()
        if not raw.isdigit() or int(raw) > MAX_ATTENDANCE:
            _add(errors, "attendance", N_("Write a whole number, 0 or more."))
            continue
        rows.append({"actor_id": name.removeprefix("attendance-"), "count": int(raw)})
    return rows


def actors_of(form: MultiDict) -> list[str]:
    return [actor_id for actor_id in form.getlist("actor_ids") if actor_id.strip()]


def placed(errors: FormErrors, shown: set[str]) -> FormErrors:
    """``errors`` with any field the form does not show (a nested field of the gateway's
    answer, say) moved to the form's top, so no message is lost."""
    kept: FormErrors = {}
    for field, messages in errors.items():
        kept.setdefault(field if field in shown or field.startswith("finding-") else "_form", []).extend(messages)
    return kept
