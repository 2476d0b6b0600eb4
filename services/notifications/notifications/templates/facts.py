"""The facts a template may name, taken from the event and the recipient directory.

Every scalar field of the event's data is a fact under its own name; the
derived facts below add names, dates and explanations in the reader's
language. An absent fact renders as "(ukendt)" / "(unknown)", never fails.
"""
from __future__ import annotations

from collections.abc import Mapping

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import FINDING_CATEGORIES, PHASE_LABELS

from ..domain.catalogue import language_of
from ..domain.directory import ActorCard, InitiativeCard
from ..domain.incoming import IncomingEvent
from .texts import (
    CITIZEN,
    CLOSE_NOTES,
    DISABLED_REASONS,
    ENROLLERS,
    LEAVE_REASONS,
    NOT_GIVEN,
    RESULT_LABELS,
    SOME_ACTOR,
    UNKNOWN,
)

# Events whose data carries the initiative's own title.
TITLED = ("InitiativeCreated", "InitiativeClosed", "InitiativeBecameNetwork",
          "InfluenceImbalanceDetected")


class Facts(dict):
    """A mapping for ``str.format_map`` that renders a missing fact as a placeholder."""

    def __init__(self, values: Mapping[str, str], missing: str):
        super().__init__(values)
        self.missing = missing

    def __missing__(self, key: str) -> str:
        return self.missing


def _plain(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    return str(value)


def _person_name(data: Mapping) -> str | None:
    for key in ("anchor_person", "coordinator"):
        person = data.get(key)
        if isinstance(person, Mapping):
            return person.get("name") or person.get("person_id")
    return None


def _actor_name(data: Mapping, actor: ActorCard | None, language: str) -> str | None:
    if data.get("actor_kind") == "citizen":
        return CITIZEN[language]
    if data.get("name") or actor:
        return data.get("name") or actor.name
    return SOME_ACTOR[language] if data.get("actor_id") or data.get("assigned_actor_id") else None


def _percent(value: object) -> str | None:
    return str(round(float(value) * 100)) if isinstance(value, (int, float)) else None


def _follow_up(data: Mapping, language: str) -> dict[str, str | None]:
    """A follow-up action's finding category in words (mid-sentence, so lower case) and its
    due date (or "not given")."""
    category = str(data.get("category") or "")
    label = (FINDING_CATEGORIES.get(category) or {}).get(language) or category
    return {"category_name": label[:1].lower() + label[1:] or None,
            "due_date": str(data.get("due_date") or NOT_GIVEN[language])}


def build_facts(event: IncomingEvent, *, language: str, initiative: InitiativeCard | None = None,
                actor: ActorCard | None = None, app_base_url: str = "") -> Facts:
    language = language_of(language)
    data = event.data
    values = {key: _plain(value) for key, value in data.items()
              if isinstance(value, (str, int, float)) and not isinstance(value, bool)}
    initiative_id = event.initiative_id
    own_title = data.get("title") if event.type in TITLED else None
    derived = {
        "event_type": event.type,
        "occurred_date": event.occurred_at[:10],
        "initiative_title": (initiative.title if initiative else None) or own_title,
        "actor_name": _actor_name(data, actor, language),
        "person_name": _person_name(data),
        "district_name": DISTRICTS.get(event.district or "", event.district),
        "result_title": data.get("title"),
        "result_label": RESULT_LABELS[language].get(str(data.get("size")), RESULT_LABELS[language][""]),
        "description": data.get("description") or "",
        "summary": data.get("summary") or "",
        "purpose": data.get("purpose") or "",
        "note": data.get("note") or "",
        "pause_reason": data.get("reason") if event.type == "InitiativePaused" else None,
        "phase_name": (PHASE_LABELS.get(str(data.get("phase"))) or {}).get(language),
        "reason": LEAVE_REASONS[language].get(str(data.get("reason_code")), NOT_GIVEN[language]),
        "reason_text": DISABLED_REASONS[language].get(str(data.get("reason"))),
        "close_note": CLOSE_NOTES[language][bool(data.get("eligible_to_close"))],
        "enroller": ENROLLERS[language].get(str(data.get("enrolled_by_role"))),
        "top20_percent": _percent(data.get("top20_share")),
        **(_follow_up(data, language) if event.type == "FollowUpActionCreated" else {}),
        "link": f"{app_base_url}/initiatives/{initiative_id}" if initiative_id else app_base_url,
        "settings_link": f"{app_base_url}/settings/notifications",
    }
    values.update({key: str(value) for key, value in derived.items() if value is not None})
    return Facts(values, UNKNOWN[language])
