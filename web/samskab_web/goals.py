"""Process and effect goals (proces- og effektmål): setting one from the workspace, and each
goal's own page with its chart against the baseline and the target (inline SVG, with the
figures as a table beside it), the adjustments with their reasons, and the forms to adjust it
and to record a measurement (a measured goal) or an assessment on the 1-5 scale (an assessed
one). A goal may be measured by a shared indicator, have a target date and be a sub-goal of
another (goal_fields.py). The gateway decides each post; a refusal comes back beside the field."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import (
    ASSESSMENT_SCALE,
    DIRECTION_LABELS,
    DIRECTIONS,
    GOAL_KINDS,
    GOAL_TYPES,
)

from . import charts, commands, goal_fields, i18n
from .commands import Errors
from .pages import call_gateway, render_initiative, signed_in

goals = Blueprint("goals", __name__)
BASE = "/initiatives/<initiative_id>/goals"
MEASURED = ("indicator", "unit", "baseline_value", "target_value", "direction")
GOAL_FIELDS = {"goal.quantitative.indicator_required": "indicator", "goal.quantitative.unit_required": "unit",
               "goal.quantitative.baseline_value_required": "baseline_value",
               "goal.quantitative.target_value_required": "target_value",
               "goal.quantitative.direction_required": "direction", "goal.target.direction_mismatch": "target_value",
               "goal.qualitative.target_level_required": "target_level",
               "goal.target_level.out_of_scale": "target_level", "goal.effect.platform_required": "platform_id",
               "goal.effect.baseline_required": "platform_id", **goal_fields.FIELDS}


@goals.app_context_processor
def _goal_helpers() -> dict:
    return {"shared_indicators": goal_fields.shared_indicators, "goal_outline": goal_fields.outline}


def _definition(form: MultiDict, goal_type: str, errors: Errors) -> dict[str, Any]:
    """The fields of a goal of ``goal_type``: a measured goal's shared indicator (or none),
    indicator, unit, values and direction, or an assessed goal's target level (the other
    type's fields are not sent). With a shared indicator the indicator, unit and direction
    may be left blank (None): the goal takes the shared indicator's."""
    if goal_type == "qualitative":
        return {"target_level": commands.whole(form, "target_level", errors, needed=True)}
    shared = goal_fields.chosen_indicator(form)
    named: dict[str, str | None]
    if shared is None:
        named = {"indicator": commands.required(form, "indicator", errors),
                 "unit": commands.required(form, "unit", errors),
                 "direction": _choice(form, "direction", DIRECTIONS, errors)}
    else:
        named = {"indicator": commands.text(form, "indicator"), "unit": commands.text(form, "unit"),
                 "direction": _choice(form, "direction", DIRECTIONS, errors) if form.get("direction") else None}
    return {"indicator_id": shared, **named,
            "baseline_value": commands.number(form, "baseline_value", errors, needed=True),
            "target_value": commands.number(form, "target_value", errors, needed=True)}


def _choice(form: MultiDict, name: str, allowed: tuple[str, ...], errors: Errors) -> str:
    value = form.get(name, "")
    if value not in allowed:
        errors.setdefault(name, []).append(i18n.gettext(commands.FILL_IN))
    return value


@goals.post(BASE)
@signed_in
def set_goal(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: Errors = {}
    goal_type = _choice(form, "goal_type", GOAL_TYPES, errors)
    body = {"kind": _choice(form, "kind", GOAL_KINDS, errors), "goal_type": goal_type,
            "platform_id": form.get("platform_id") or None, "title": commands.required(form, "title", errors),
            "description": commands.text(form, "description"),
            **goal_fields.given(**(_definition(form, goal_type, errors) if goal_type else {})),
            **goal_fields.placement(form, errors)}
    answer, errors = commands.send("POST", f"/initiatives/{initiative_id}/goals", body, errors, GOAL_FIELDS,
                                   goal_fields.REFUSALS)
    if errors:
        return render_initiative(initiative_id, form, {"goal": errors}, 422)
    return redirect(url_for("goals.goal", initiative_id=initiative_id, goal_id=answer["goal_id"]), 303)


@goals.get(f"{BASE}/<goal_id>")
@signed_in
def goal(initiative_id: str, goal_id: str) -> ResponseReturnValue:
    return render_goal(initiative_id, goal_id)


def render_goal(initiative_id: str, goal_id: str, form: MultiDict | None = None,
                errors: dict[str, Errors] | None = None, status: int = 200) -> ResponseReturnValue:
    view = call_gateway("GET", f"/initiatives/{initiative_id}")
    found = (view.get("goals") or {}).get(goal_id)
    if found is None:
        abort(404)
    platform = (view.get("platforms") or {}).get(found.get("platform_id") or "")
    progress = sorted(found.get("progress") or [], key=lambda entry: entry.get("date", ""))
    place = goal_fields.outline(view.get("goals"))[goal_id]
    return render_template(
        "goal.html", initiative=view, goal=found, platform=platform, me=call_gateway("GET", "/me"),
        baseline=(platform or view).get("baseline"), progress=progress, chart=goal_chart(found),
        met=place["met"], place=place, directions=DIRECTION_LABELS,
        scale=range(ASSESSMENT_SCALE[0], ASSESSMENT_SCALE[1] + 1),
        today=commands.today(), form=form or MultiDict(), errors=errors or {}), status


def goal_chart(found: dict) -> charts.Chart:
    """A measured goal's values against its baseline value and target; an assessed goal's
    levels on the 1-5 scale against its target level."""
    progress = found.get("progress") or []
    if found.get("goal_type") == "qualitative":
        return charts.line_chart([(e["date"], float(e["level"])) for e in progress if e.get("level") is not None],
                                 target=found.get("target_level"),
                                 scale=(float(ASSESSMENT_SCALE[0]), float(ASSESSMENT_SCALE[1])))
    return charts.line_chart([(e["date"], float(e["value"])) for e in progress if e.get("value") is not None],
                             baseline=found.get("baseline_value"), target=found.get("target_value"))


def _to_goal(initiative_id: str, goal_id: str, form_name: str, method: str, path: str, body: dict,
             errors: Errors, fields: dict[str, str]) -> ResponseReturnValue:
    _, errors = commands.send(method, f"/initiatives/{initiative_id}/goals/{goal_id}{path}", body, errors, fields,
                              goal_fields.REFUSALS)
    if errors:
        return render_goal(initiative_id, goal_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("goals.goal", initiative_id=initiative_id, goal_id=goal_id), 303)


@goals.post(f"{BASE}/<goal_id>")
@signed_in
def adjust_goal(initiative_id: str, goal_id: str) -> ResponseReturnValue:
    form = request.form
    errors: Errors = {}
    current = (call_gateway("GET", f"/initiatives/{initiative_id}").get("goals") or {}).get(goal_id)
    if current is None:
        abort(404)
    wanted = {"title": commands.required(form, "title", errors), "description": commands.text(form, "description"),
              **_definition(form, current.get("goal_type", ""), errors),
              "target_date": commands.day(form, "target_date", errors, needed=False)}
    changes = goal_fields.changes(current, wanted)
    reason = commands.required(form, "reason", errors)
    if not changes and not errors:
        errors["_form"] = [i18n.gettext(commands.REFUSALS["goal.adjustment.no_change"])]
    return _to_goal(initiative_id, goal_id, "adjust", "PATCH", "", {"changes": changes, "reason": reason}, errors,
                    {**GOAL_FIELDS, "goal.adjustment.no_change": "_form"})


@goals.post(f"{BASE}/<goal_id>/measurements")
@signed_in
def record_measurement(initiative_id: str, goal_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    body = {"date": commands.day(request.form, "date", errors),
            "value": commands.number(request.form, "value", errors, needed=True),
            "note": commands.text(request.form, "note")}
    return _to_goal(initiative_id, goal_id, "measurement", "POST", "/measurements", body, errors,
                    {"goal.measurement.date_in_future": "date", "date.invalid": "date"})


@goals.post(f"{BASE}/<goal_id>/assessments")
@signed_in
def record_assessment(initiative_id: str, goal_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    body = {"date": commands.day(request.form, "date", errors),
            "level": commands.whole(request.form, "level", errors, needed=True),
            "assessment": commands.required(request.form, "assessment", errors)}
    return _to_goal(initiative_id, goal_id, "assessment", "POST", "/assessments", body, errors,
                    {"goal.assessment.date_in_future": "date", "date.invalid": "date",
                     "goal.assessment.out_of_scale": "level"})
