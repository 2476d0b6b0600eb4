"""The people and the development platforms (udviklingsplatforme) of an initiative: its
working group (arbejdsgruppe) and coordinator (tovholder) in the workspace, establishing a
platform, and each platform's own page with its lead, its members (actors who take part in
the initiative), its baseline and its reality checks (realitetstjek): the schedule, when the
next one is due and the trend of those recorded. Each form posts the gateway's command as the
person; the gateway decides it, and a refusal comes back beside the field (nothing stored)."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import (
    ACTOR_KIND_LABELS,
    ASSESSMENT_SCALE,
    DIRECTION_LABELS,
    GOAL_KIND_LABELS,
    GOAL_TYPE_LABELS,
    LEAVE_REASON_CODES,
    LEAVE_REASON_LABELS,
    MEMBERSHIP_ROLE_LABELS,
    MEMBERSHIP_ROLES,
    PLATFORM_STATUS_LABELS,
    REALITY_CHECK_DIMENSIONS,
)

from . import charts, commands, i18n
from .commands import Errors, label, may_on
from .pages import call_gateway, render_initiative, signed_in

platforms = Blueprint("platforms", __name__)
BASE = "/initiatives/<initiative_id>"
LEAVE_REASONS = tuple(code for code in LEAVE_REASON_CODES if code != "erased")


@platforms.app_context_processor
def _helpers() -> dict:
    return {"may_on": may_on, "vocab_label": label, "number": lambda v: charts.number(v, g.get("lang", "da")),
            "plain_number": lambda v: charts.plain_number(v, g.get("lang", "da")),
            "due_state": due_state, "today_date": commands.today, "work_platforms": work_platforms,
            "vocabulary": {"goal_kinds": GOAL_KIND_LABELS, "goal_types": GOAL_TYPE_LABELS,
                           "directions": DIRECTION_LABELS,
                           "platform_statuses": PLATFORM_STATUS_LABELS, "roles": MEMBERSHIP_ROLE_LABELS,
                           "actor_kinds": ACTOR_KIND_LABELS, "leave_reasons": LEAVE_REASON_LABELS,
                           "dimensions": REALITY_CHECK_DIMENSIONS}}


def work_platforms(me: dict, view: dict) -> dict[str, dict]:
    """The platforms whose work (goals, baselines, reality checks) the person may do."""
    return {pid: platform for pid, platform in (view.get("platforms") or {}).items()
            if may_on(me, "work_on_platform", view, pid)}


def _person(form: MultiDict, errors: Errors) -> dict:
    person_id = commands.required(form, "person_id", errors)
    return {"person_id": person_id, "name": commands.text(form, "name"),
            "email": person_id if "@" in person_id else None}


def _to_workspace(initiative_id: str, form_name: str, method: str, path: str, body: dict,
                  errors: Errors, fields: dict[str, str]) -> ResponseReturnValue:
    _, errors = commands.send(method, f"/initiatives/{initiative_id}{path}", body, errors, fields)
    if errors:
        return render_initiative(initiative_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id), 303)


@platforms.post(f"{BASE}/working-group")
@signed_in
def add_to_working_group(initiative_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    member = {**_person(request.form, errors), "role": commands.text(request.form, "role")}
    return _to_workspace(initiative_id, "working_group", "PATCH", "/working-group", {"add": [member]}, errors,
                         {"working_group.already_member": "person_id", "working_group.no_change": "person_id"})


@platforms.post(f"{BASE}/working-group/remove")
@signed_in
def remove_from_working_group(initiative_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    person_id = commands.required(request.form, "person_id", errors)
    return _to_workspace(initiative_id, "working_group_remove", "PATCH", "/working-group", {"remove": [person_id]},
                         errors, {"working_group.no_change": "person_id"})


@platforms.post(f"{BASE}/coordinator")
@signed_in
def appoint_coordinator(initiative_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    body = {"coordinator": _person(request.form, errors), "reason": commands.text(request.form, "reason")}
    return _to_workspace(initiative_id, "coordinator", "PUT", "/coordinator", body, errors,
                         {"roles.coordinator.already_assigned": "person_id"})


@platforms.post(f"{BASE}/baseline")
@signed_in
def describe_baseline(initiative_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    body = {"description": commands.required(request.form, "description", errors),
            "date": commands.day(request.form, "date", errors)}
    return _to_workspace(initiative_id, "baseline", "PUT", "/baseline", body, errors,
                         {"baseline.date_in_future": "date", "date.invalid": "date"})


@platforms.post(f"{BASE}/platforms")
@signed_in
def establish_platform(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: Errors = {}
    body = {"name": commands.required(form, "name", errors),
            "focus_area": commands.required(form, "focus_area", errors),
            "description": commands.text(form, "description")}
    answer, errors = commands.send("POST", f"/initiatives/{initiative_id}/platforms", body, errors,
                                   {"platform.name_taken": "name"})
    if errors:
        return render_initiative(initiative_id, form, {"platform": errors}, 422)
    return redirect(url_for("platforms.platform", initiative_id=initiative_id,
                            platform_id=answer["platform_id"]), 303)


# -- one platform's page ---------------------------------------------------------------


@platforms.get(f"{BASE}/platforms/<platform_id>")
@signed_in
def platform(initiative_id: str, platform_id: str) -> ResponseReturnValue:
    return render_platform(initiative_id, platform_id)


def render_platform(initiative_id: str, platform_id: str, form: MultiDict | None = None,
                    errors: dict[str, Errors] | None = None, status: int = 200) -> ResponseReturnValue:
    view = call_gateway("GET", f"/initiatives/{initiative_id}")
    found = (view.get("platforms") or {}).get(platform_id)
    if found is None:
        abort(404)
    me = call_gateway("GET", "/me")
    actors = view.get("actors") or {}
    members = [{"actor_id": actor_id, **actors.get(actor_id, {}), **facts}
               for actor_id, facts in (found.get("members") or {}).items()]
    candidates = {actor_id: actor for actor_id, actor in actors.items() if actor_id not in found.get("members", {})}
    checks = sorted((c for c in view.get("reality_checks") or [] if c.get("platform_id") == platform_id),
                    key=lambda c: c.get("date", ""))
    averages = [float(c.get("average_score") or 0) for c in checks]
    goals = {gid: goal for gid, goal in (view.get("goals") or {}).items() if goal.get("platform_id") == platform_id}
    return render_template(
        "platform.html", initiative=view, platform=found, me=me, members=members, candidates=candidates,
        goals=goals, checks=checks, due=due_state(found.get("next_reality_check_due")),
        check_chart=charts.line_chart([(c["date"], a) for c, a in zip(checks, averages, strict=True)],
                                      scale=(float(ASSESSMENT_SCALE[0]), float(ASSESSMENT_SCALE[1]))),
        check_trend=charts.trend(averages), roles=MEMBERSHIP_ROLES, leave_reasons=LEAVE_REASONS,
        scale=range(ASSESSMENT_SCALE[0], ASSESSMENT_SCALE[1] + 1), today=commands.today(),
        form=form or MultiDict(), errors=errors or {}), status


def due_state(next_due: str | None, today: str | None = None) -> dict | None:
    """When the next reality check is due: ``{"date", "days", "state"}`` with state ``overdue``,
    ``today`` or ``ahead`` and days the distance from today; None when none is scheduled."""
    if not next_due:
        return None
    days = (date.fromisoformat(next_due) - date.fromisoformat(today or commands.today())).days
    return {"date": next_due, "days": abs(days), "state": "overdue" if days < 0 else "today" if days == 0 else "ahead"}


def _to_platform(initiative_id: str, platform_id: str, form_name: str, method: str, path: str, body: dict,
                 errors: Errors, fields: dict[str, str]) -> ResponseReturnValue:
    _, errors = commands.send(method, f"/initiatives/{initiative_id}/platforms/{platform_id}{path}", body,
                              errors, fields)
    if errors:
        return render_platform(initiative_id, platform_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("platforms.platform", initiative_id=initiative_id, platform_id=platform_id), 303)


@platforms.post(f"{BASE}/platforms/<platform_id>/lead")
@signed_in
def appoint_platform_lead(initiative_id: str, platform_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    lead = None if request.form.get("clear") else _person(request.form, errors)
    return _to_platform(initiative_id, platform_id, "lead", "PUT", "/lead",
                        {"lead": lead, "reason": commands.text(request.form, "reason")}, errors,
                        {"roles.platform_lead.unchanged": "person_id"})


@platforms.post(f"{BASE}/platforms/<platform_id>/members")
@signed_in
def add_platform_member(initiative_id: str, platform_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    body = {"actor_id": commands.required(request.form, "actor_id", errors),
            "role": request.form.get("role") or "member"}
    return _to_platform(initiative_id, platform_id, "member", "POST", "/members", body, errors,
                        {code: "actor_id" for code in ("membership.not_in_initiative", "membership.already_on_platform",
                                                       "enrolment.citizen_consent_required",
                                                       "enrolment.other_district")})


@platforms.post(f"{BASE}/platforms/<platform_id>/members/leave")
@signed_in
def remove_platform_member(initiative_id: str, platform_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    actor_id = commands.required(request.form, "actor_id", errors)
    body = {"reason_code": request.form.get("reason_code") or None, "reason": commands.text(request.form, "reason")}
    return _to_platform(initiative_id, platform_id, "leave", "POST", f"/members/{actor_id}/leave", body, errors,
                        {"membership.not_on_platform": "actor_id"})


@platforms.post(f"{BASE}/platforms/<platform_id>/baseline")
@signed_in
def describe_platform_baseline(initiative_id: str, platform_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    body = {"platform_id": platform_id, "description": commands.required(request.form, "description", errors),
            "date": commands.day(request.form, "date", errors)}
    _, errors = commands.send("PUT", f"/initiatives/{initiative_id}/baseline", body, errors,
                              {"baseline.date_in_future": "date", "date.invalid": "date"})
    if errors:
        return render_platform(initiative_id, platform_id, request.form, {"baseline": errors}, 422)
    return redirect(url_for("platforms.platform", initiative_id=initiative_id, platform_id=platform_id), 303)


@platforms.post(f"{BASE}/platforms/<platform_id>/reality-check-schedule")
@signed_in
def schedule_reality_checks(initiative_id: str, platform_id: str) -> ResponseReturnValue:
    errors: Errors = {}
    body = {"interval_days": commands.whole(request.form, "interval_days", errors, needed=True),
            "first_due": commands.day(request.form, "first_due", errors, needed=False)}
    return _to_platform(initiative_id, platform_id, "schedule", "PUT", "/reality-check-schedule", body, errors,
                        {"reality_check.schedule.interval_invalid": "interval_days",
                         "reality_check.schedule.first_due_in_past": "first_due", "date.invalid": "first_due"})


@platforms.post(f"{BASE}/platforms/<platform_id>/reality-checks")
@signed_in
def record_reality_check(initiative_id: str, platform_id: str) -> ResponseReturnValue:
    form = request.form
    errors: Errors = {}
    scores = {dimension: int(form[f"score_{dimension}"]) for dimension in REALITY_CHECK_DIMENSIONS
              if form.get(f"score_{dimension}", "").isdigit()}
    if not scores:
        errors["scores"] = [i18n.gettext(commands.REFUSALS["reality_check.scores_required"])]
    body = {"date": commands.day(form, "date", errors), "scores": scores, "notes": commands.text(form, "notes")}
    return _to_platform(initiative_id, platform_id, "reality_check", "POST", "/reality-checks", body, errors,
                        {"reality_check.scores_required": "scores", "reality_check.score.out_of_scale": "scores",
                         "reality_check.date_in_future": "date", "date.invalid": "date"})
