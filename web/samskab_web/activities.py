"""Citizen involvement in the workspace: citizen meetings (borgermøder) and safety walks
(tryghedsvandringer) with their findings on a map, follow-up actions and resolving a finding.

The forms post to the gateway's commands as the signed-in person; bad input or a refusal
shows the form again (422) with the words beside the field, and nothing is stored. A safety
walk has a page of its own: every finding listed with its coordinates and status (the page
works without JavaScript or tiles), and a Leaflet map drawn by our own static script from the
list's data attributes."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import FINDING_CATEGORIES

from . import i18n, workspace
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import call_gateway, refusal, render_initiative, signed_in
from .security import tile_origin
from .web_forms import (
    FormErrors,
    attendance_of,
    day_of,
    optional,
    placed,
    platform_of,
    point_of,
    required,
    route_of,
)

activities = Blueprint("activities", __name__)
FINDING_ROWS = 3
"""How many findings a safety-walk form offers (without JavaScript a form cannot grow)."""

REFUSALS = {
    "activity.date_in_future": N_("The date cannot be in the future."),
    "safety_walk.route.invalid": N_("A route needs at least two points."),
    "finding.category.unknown": N_("Choose a category from the list."),
    "activity.attendance.duplicate_actor": N_("Each actor can only be counted once."),
    "activity.attendance.negative": N_("Write a whole number, 0 or more."),
    "finding.already_resolved": N_("The finding has already been resolved."),
    "finding.follow_up.already_exists": N_("The finding already has a follow-up action."),
    "finding.resolution.date_in_future": N_("The date cannot be in the future."),
    "finding.resolution.before_finding": N_("A finding cannot be resolved before the walk that found it."),
    "date.invalid": N_("Write the date as YYYY-MM-DD."),
}
FIELDS = {"activity.date_in_future": "date", "safety_walk.route.invalid": "route",
          "activity.attendance.duplicate_actor": "attendance", "activity.attendance.negative": "attendance",
          "finding.resolution.date_in_future": "date", "finding.resolution.before_finding": "date",
          "date.invalid": "date"}
SHOWN = {"title", "date", "place", "notes", "attendance", "route", "assigned_actor_id", "description", "due_date",
         "resolution"}
"""The fields the activity forms show an error beside (a finding row's fields too)."""
STATUS_LABELS = {"open": N_("Open"), "action": N_("Follow-up action under way"), "resolved": N_("Resolved")}


@activities.app_context_processor
def _vocabulary() -> dict[str, Any]:
    """What the workspace's partials need beside the initiative: the finding categories and
    the findings' statuses in the page's language, and how many finding rows to offer."""
    return {"finding_label": lambda c: FINDING_CATEGORIES.get(c, {}).get(g.lang, c),
            "finding_categories": list(FINDING_CATEGORIES), "finding_rows": range(FINDING_ROWS),
            "finding_status": finding_status, "status_label": lambda s: i18n.gettext(STATUS_LABELS[s])}


def finding_status(finding: dict) -> str:
    """open, action (a follow-up action is under way) or resolved."""
    return "resolved" if finding.get("resolution") else "action" if finding.get("action") else "open"


def _send(initiative_id: str, path: str, body: dict, errors: FormErrors) -> FormErrors:
    if not errors:
        try:
            call_gateway("POST", f"/initiatives/{initiative_id}{path}", json=body)
        except GatewayError as exc:
            return placed(refusal(exc, FIELDS, messages=REFUSALS), SHOWN)
    return errors


def _activity_fields(form: MultiDict, errors: FormErrors) -> dict:
    return {"title": optional(form, "title"), "date": day_of(form, "date", errors),
            "place": required(form, "place", errors), "notes": optional(form, "notes"),
            "platform_id": platform_of(form), "attendance": attendance_of(form, errors)}


@activities.post("/initiatives/<initiative_id>/citizen-meetings")
@signed_in
def hold_citizen_meeting(initiative_id: str) -> ResponseReturnValue:
    errors: FormErrors = {}
    body = _activity_fields(request.form, errors)
    errors = _send(initiative_id, "/citizen-meetings", body, errors)
    if errors:
        return render_initiative(initiative_id, request.form, {"meeting": errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id, _anchor="activities-heading"), 303)


def _findings_of(form: MultiDict, errors: FormErrors) -> list[dict]:
    """The filled finding rows (an empty row is no finding)."""
    findings = []
    for row in range(FINDING_ROWS):
        prefix = f"finding-{row}-"
        if not (form.get(prefix + "point", "").strip() or form.get(prefix + "description", "").strip()):
            continue
        findings.append({"point": point_of(form, prefix + "point", errors),
                         "category": form.get(prefix + "category", ""),
                         "description": optional(form, prefix + "description")})
    return findings


@activities.post("/initiatives/<initiative_id>/safety-walks")
@signed_in
def record_safety_walk(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {**_activity_fields(form, errors), "route": route_of(form, "route", errors),
            "findings": _findings_of(form, errors)}
    if not errors:
        try:
            made = call_gateway("POST", f"/initiatives/{initiative_id}/safety-walks", json=body)
        except GatewayError as exc:
            errors = placed(refusal(exc, FIELDS, messages=REFUSALS), SHOWN)
        else:
            return redirect(url_for("activities.safety_walk", initiative_id=initiative_id,
                                    walk_id=made["activity_id"]), 303)
    return render_initiative(initiative_id, form, {"walk": errors}, 422)


@activities.get("/initiatives/<initiative_id>/safety-walks/<walk_id>")
@signed_in
def safety_walk(initiative_id: str, walk_id: str) -> ResponseReturnValue:
    return render_walk(initiative_id, walk_id)


def render_walk(initiative_id: str, walk_id: str, form: MultiDict | None = None,
                errors: dict[str, FormErrors] | None = None, status: int = 200) -> ResponseReturnValue:
    view = call_gateway("GET", f"/initiatives/{initiative_id}")
    walk = next((a for a in view.get("activities") or []
                 if a.get("activity_id") == walk_id and a.get("activity_type") == "safety_walk"), None)
    if walk is None:
        return render_template("error.html", status=404), 404
    me = call_gateway("GET", "/me")
    findings = [f for f in (view.get("findings") or {}).values() if f.get("activity_id") == walk_id]
    settings = current_app.extensions["samskab"]["settings"]
    return render_template("safety_walk.html", initiative=view, me=me, walk=walk, findings=findings,
                           may_work=view.get("status") == "active" and workspace.may(me, "work", view),
                           map_tiles=settings.map_tiles, map_attribution=settings.map_attribution,
                           tile_host=tile_origin(settings.map_tiles) if settings.map_tiles else "",
                           form=form or MultiDict(), errors=errors or {}), status


def _finding_walk(initiative_id: str, finding_id: str) -> str:
    view = call_gateway("GET", f"/initiatives/{initiative_id}")
    finding = (view.get("findings") or {}).get(finding_id)
    if finding is None:
        raise GatewayError(404, "finding.not_found", "not found")
    return str(finding["activity_id"])


@activities.post("/initiatives/<initiative_id>/findings/<finding_id>/follow-up-actions")
@signed_in
def create_follow_up_action(initiative_id: str, finding_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {"assigned_actor_id": required(form, "assigned_actor_id", errors),
            "description": required(form, "description", errors), "due_date": None}
    if form.get("due_date", "").strip():
        body["due_date"] = day_of(form, "due_date", errors)
    return _finding_answer(initiative_id, finding_id, "follow-up-actions", body, errors, "action")


@activities.post("/initiatives/<initiative_id>/findings/<finding_id>/resolution")
@signed_in
def resolve_finding(initiative_id: str, finding_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {"resolution": required(form, "resolution", errors), "date": day_of(form, "date", errors)}
    return _finding_answer(initiative_id, finding_id, "resolution", body, errors, "resolve")


def _finding_answer(initiative_id: str, finding_id: str, path: str, body: dict, errors: FormErrors,
                    form_name: str) -> ResponseReturnValue:
    walk_id = _finding_walk(initiative_id, finding_id)
    errors = _send(initiative_id, f"/findings/{finding_id}/{path}", body, errors)
    if errors:
        return render_walk(initiative_id, walk_id, request.form, {f"{form_name}-{finding_id}": errors}, 422)
    return redirect(url_for("activities.safety_walk", initiative_id=initiative_id, walk_id=walk_id,
                            _anchor=f"finding-{finding_id}"), 303)
