"""What the platform and goal pages share: reading a form's fields (texts, numbers written
the Danish way, dates), sending a command to the gateway as the person and turning its
refusal into words beside the field, the labels of the method's lists in the page's language,
and who may do what on one platform (the access policy, with the platform a lead leads).

The refusals are keyed by the error codes of the initiatives and actors domains (kept in
step by hand: the web imports no service), so a refused form says the rule in plain words."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import g, request
from werkzeug.datastructures import MultiDict

from samskab_contracts.access import may_on_initiative
from samskab_infra.context import Principal

from . import i18n
from .gateway_client import GatewayError
from .pages import call_gateway, refusal


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for a no-op marker
    return message


Errors = dict[str, list[str]]

FILL_IN = N_("Fill this in.")
NOT_A_NUMBER = N_("Write a number, such as 12 or 12,5.")
NOT_A_DATE = N_("Give a date.")
IN_THE_FUTURE = N_("The date cannot be in the future.")

REFUSALS: dict[str, str] = {
    "working_group.no_change": N_("Give a person to add to the working group or to take out of it."),
    "working_group.already_member": N_("This person is already in the working group."),
    "roles.coordinator.already_assigned": N_("This person is already the coordinator."),
    "roles.platform_lead.unchanged": N_("The platform already has this lead."),
    "phase.gate.establishment_required": N_("Development platforms are formed from the establishment phase on."),
    "platform.establish.initiative_closing": N_("No new development platforms in the closing phase."),
    "platform.name_taken": N_("A development platform with this name already exists."),
    "baseline.date_in_future": IN_THE_FUTURE,
    "goal.effect.baseline_required": N_("Describe the platform's baseline before setting its effect goals."),
    "goal.effect.platform_required": N_("An effect goal belongs to a development platform: choose one."),
    "goal.field_not_applicable": N_("Fill in only the fields of the chosen type of goal."),
    "goal.quantitative.indicator_required": N_("A measured goal needs an indicator."),
    "goal.quantitative.unit_required": N_("A measured goal needs a unit."),
    "goal.quantitative.baseline_value_required": N_("A measured goal needs a baseline value."),
    "goal.quantitative.target_value_required": N_("A measured goal needs a target value."),
    "goal.quantitative.direction_required": N_("A measured goal needs a direction."),
    "goal.qualitative.target_level_required": N_("An assessed goal needs a target level from 1 to 5."),
    "goal.target_level.out_of_scale": N_("Choose a level from 1 to 5."),
    "goal.assessment.out_of_scale": N_("Choose a level from 1 to 5."),
    "goal.target.direction_mismatch": N_("The target must lie beyond the baseline in the goal's direction."),
    "goal.adjustment.no_change": N_("The adjustment changes nothing."),
    "goal.measurement.qualitative_goal": N_("This goal is assessed on the 1-5 scale, not measured."),
    "goal.assessment.quantitative_goal": N_("This goal is measured by its indicator, not assessed."),
    "goal.measurement.date_in_future": IN_THE_FUTURE,
    "goal.assessment.date_in_future": IN_THE_FUTURE,
    "reality_check.schedule.interval_invalid": N_("The interval is from 1 to 366 days."),
    "reality_check.schedule.first_due_in_past": N_("The first reality check cannot be due in the past."),
    "reality_check.phase_not_reached": N_("Reality checks are recorded in co-creative development and closing."),
    "reality_check.scores_required": N_("Score at least one dimension."),
    "reality_check.score.out_of_scale": N_("Choose a level from 1 to 5."),
    "reality_check.date_in_future": IN_THE_FUTURE,
    "date.invalid": NOT_A_DATE,
    "membership.not_in_initiative": N_("The actor takes part in the initiative before joining one of its "
                                       "platforms."),
    "membership.already_on_platform": N_("The actor is already on this platform."),
    "membership.not_on_platform": N_("The actor is not on this platform."),
    "enrolment.citizen_consent_required": N_("A citizen joins on their own request or with their consent to "
                                             "take part in this initiative."),
    "enrolment.other_district": N_("An organisation from another police district joins on its own request or "
                                   "through an operator of its district."),
}

# The gateway's own words for fields of these forms (marshmallow's), translated where shown.
GATEWAY_MESSAGES = (
    N_("Not a valid number."),
    N_("Not a valid date."),
    N_("Not a valid integer."),
    N_("Must be greater than or equal to 1 and less than or equal to 5."),
    N_("Must be greater than or equal to 1 and less than or equal to 366."),
)


def text(form: MultiDict, name: str) -> str | None:
    """The field's text without surrounding blanks; None when empty."""
    return form.get(name, "").strip() or None


def required(form: MultiDict, name: str, errors: Errors) -> str:
    value = text(form, name)
    if value is None:
        errors.setdefault(name, []).append(i18n.gettext(FILL_IN))
    return value or ""


def number(form: MultiDict, name: str, errors: Errors, *, needed: bool = False) -> float | None:
    """A decimal number as people write it (12,5 or 12.5); None when empty and not needed."""
    raw = text(form, name)
    if raw is None:
        if needed:
            errors.setdefault(name, []).append(i18n.gettext(FILL_IN))
        return None
    try:
        value = float(raw.replace(" ", "").replace(",", "."))
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        errors.setdefault(name, []).append(i18n.gettext(NOT_A_NUMBER))
        return None
    return value


def whole(form: MultiDict, name: str, errors: Errors, *, needed: bool = False) -> int | None:
    value = number(form, name, errors, needed=needed)
    if value is not None and value != int(value):
        errors.setdefault(name, []).append(i18n.gettext(NOT_A_NUMBER))
        return None
    return int(value) if value is not None else None


def day(form: MultiDict, name: str, errors: Errors, *, needed: bool = True) -> str | None:
    """An ISO date (what a date field posts); None when empty and not needed."""
    raw = text(form, name)
    if raw is None:
        if needed:
            errors.setdefault(name, []).append(i18n.gettext(FILL_IN))
        return None
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        errors.setdefault(name, []).append(i18n.gettext(NOT_A_DATE))
        return None


def today() -> str:
    """Today's date (UTC, as the services count days)."""
    return datetime.now(UTC).date().isoformat()


def send(method: str, path: str, body: dict, errors: Errors, fields: dict[str, str],
         refusals: dict[str, str] | None = None) -> tuple[Any, Errors]:
    """The gateway's answer to the command, or None with the refusal as messages by field
    (``fields``: error code -> the form field it concerns; ``refusals``: a page group's own
    words for codes beside ours). Nothing is sent when the form already has errors."""
    if errors:
        return None, errors
    try:
        return call_gateway(method, path, json=body), {}
    except GatewayError as exc:
        messages = {**REFUSALS, **(refusals or {})}
        return None, _beside_fields(refusal(exc, fields, messages=messages), set(fields.values()))


def _beside_fields(errors: Errors, shown: set[str]) -> Errors:
    """Messages about a field the form does not have (a nested part of the command) go to the
    form's top, so none is lost."""
    placed: Errors = {}
    for name, messages in errors.items():
        placed.setdefault(name if name in request.form or name in shown else "_form", []).extend(messages)
    return placed


def label(table: dict[str, dict[str, str]], key: str | None) -> str:
    """A vocabulary label in the page's language (the key itself when the list has none)."""
    return table.get(key or "", {}).get(g.lang, key or "")


def may_on(me: dict, action: str, view: dict, platform_id: str | None = None) -> bool:
    """Whether the grants in ``me`` allow ``action`` on the initiative (on ``platform_id``,
    which a platform lead may work on), by the access policy the services apply."""
    principal = Principal.from_dict({"subject": me.get("subject") or "-", "grants": me.get("grants") or []})
    return view.get("status") == "active" and may_on_initiative(
        principal, action, view.get("district"), view.get("initiative_id"), platform_id)
