"""The facts a template may name, taken from the event and the recipient directory.

Field names of other services' events vary a little, so each fact looks in a
few places; an absent fact renders as "(ukendt)" / "(unknown)", never fails.
"""
from __future__ import annotations

from collections.abc import Mapping

from samskab_common.districts import DISTRICTS

from ..domain.catalogue import language_of
from ..domain.directory import ActorCard, InitiativeCard
from ..domain.incoming import IncomingEvent
from .texts import DISABLED_REASONS, UNKNOWN


class Facts(dict):
    """A mapping for ``str.format_map`` that renders a missing fact as a placeholder."""

    def __init__(self, values: Mapping[str, str], missing: str):
        super().__init__(values)
        self.missing = missing

    def __missing__(self, key: str) -> str:
        return self.missing


def _first(data: Mapping, *names: str) -> str | None:
    for name in names:
        value = data.get(name)
        if value not in (None, "", [], {}):
            return _plain(value)
    return None


def _plain(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def build_facts(event: IncomingEvent, *, language: str, initiative: InitiativeCard | None = None,
                actor: ActorCard | None = None, app_base_url: str = "") -> Facts:
    language = language_of(language)
    data = event.data
    values = {key: _plain(value) for key, value in data.items()
              if isinstance(value, (str, int, float, bool, list, tuple))}
    initiative_id = event.initiative_id
    title_fields = ("initiative_title", "title") if event.type == "InitiativeCreated" else (
        "initiative_title",)
    derived = {
        "event_type": event.type,
        "occurred_date": _date(event.occurred_at),
        "initiative_title": (initiative.title if initiative else None) or _first(data, *title_fields),
        "actor_name": _first(data, "actor_name") or (actor.name if actor else None),
        "person_name": _first(data, "name", "person_name", "person_id", "subject"),
        "district_name": DISTRICTS.get(event.district or "", event.district),
        "platform_name": _first(data, "platform_name", "platform_title", "platform_id"),
        "goal": _first(data, "goal", "goal_title", "goal_description"),
        "due_date": _date(_first(data, "due_at", "due_date", "due_on")),
        "result_title": _first(data, "result_title", "title", "summary"),
        "result_description": _first(data, "description", "result_description") or "",
        "detail": _first(data, "detail", "details", "summary", "message") or "",
        "reason": _first(data, "reason"),
        "reason_text": DISABLED_REASONS[language].get(str(data.get("reason")), None),
        "link": f"{app_base_url}/initiatives/{initiative_id}" if initiative_id else app_base_url,
        "settings_link": f"{app_base_url}/settings/notifications",
    }
    values.update({key: value for key, value in derived.items() if value is not None})
    return Facts(values, UNKNOWN[language])
