"""The actors taking part in an initiative, in the workspace: who they are, enrolling an
organisation of the district (the actors service decides: only the district operator, the
anchor person and the coordinator may, and never a citizen, who joins by their own consent)
and letting one leave. Enrolling has a page of its own, so the workspace does not search the
district's register on every view: the candidates are the district's organisations the person
may find (``GET /actors``); a person who finds none gives the actor's id instead."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import ACTOR_KIND_LABELS, CITIZEN, MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES

from . import i18n
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import call_gateway, refusal, render_initiative, signed_in
from .web_forms import FormErrors, optional, required

members = Blueprint("members", __name__)
CANDIDATES = 100
"""At most this many of the district's organisations are offered (the rest by their id)."""

REFUSALS = {
    "membership.already_member": N_("This actor already takes part in the initiative."),
    "membership.not_a_member": N_("This actor does not take part in the initiative."),
    "actor.not_found": N_("No actor with that id is known in the district."),
    "actor.unknown": N_("No actor with that id is known in the district."),
    "actor.erased": N_("This actor has been erased."),
    "enrolment.other_district": N_("Only actors of the initiative's own district can be enrolled here."),
    "enrolment.citizen_consent_required": N_("A citizen joins by their own consent, not by enrolment."),
    "initiative.unknown": N_("The actors service does not know the initiative yet: try again in a moment."),
}
FIELDS = {code: "actor_id" for code in ("membership.already_member", "actor.not_found", "actor.unknown",
                                         "actor.erased", "enrolment.other_district",
                                         "enrolment.citizen_consent_required")}


@members.app_context_processor
def _members_helpers() -> dict[str, Any]:
    return {"actor_kind_label": actor_kind_label,
            "membership_roles": MEMBERSHIP_ROLES,
            "membership_role_label": lambda role: MEMBERSHIP_ROLE_LABELS.get(role, {}).get(g.lang, role)}


def actor_kind_label(kind: str) -> str:
    return ACTOR_KIND_LABELS.get(kind, {}).get(g.lang, kind)


def enrolment_candidates(initiative: dict) -> list[dict]:
    """The district's organisations the person may find that do not take part yet, by name."""
    try:
        found = call_gateway("GET", "/actors", params={"district": initiative.get("district"), "limit": CANDIDATES})
    except GatewayError:
        return []
    taking_part = set(initiative.get("actors") or {})
    return sorted((actor for actor in found.get("items", [])
                   if actor.get("kind") != CITIZEN and actor.get("actor_id") not in taking_part),
                  key=lambda actor: str(actor.get("name", "")).lower())


@members.get("/initiatives/<initiative_id>/members/new")
@signed_in
def enrol_form(initiative_id: str) -> ResponseReturnValue:
    return _render_enrol(initiative_id, MultiDict(), {})


def _render_enrol(initiative_id: str, form: MultiDict, errors: dict[str, list[str]],
                  status: int = 200) -> ResponseReturnValue:
    view = call_gateway("GET", f"/initiatives/{initiative_id}")
    return render_template("members_enrol.html", initiative=view, candidates=enrolment_candidates(view),
                           form=form, errors={"enrol": errors}), status


@members.post("/initiatives/<initiative_id>/members")
@signed_in
def enrol(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {"actor_id": required(form, "actor_id", errors), "role": form.get("role") or "member"}
    if body["role"] not in MEMBERSHIP_ROLES:
        errors.setdefault("role", []).append(i18n.gettext("Choose one of the roles."))
    if not errors:
        try:
            call_gateway("POST", f"/initiatives/{initiative_id}/members", json=body)
        except GatewayError as exc:
            errors = refusal(exc, FIELDS, messages=REFUSALS)
    if errors:
        return _render_enrol(initiative_id, form, errors, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id, _anchor="members-heading"), 303)


@members.post("/initiatives/<initiative_id>/members/<actor_id>/leave")
@signed_in
def leave(initiative_id: str, actor_id: str) -> ResponseReturnValue:
    body = {"reason": optional(request.form, "reason")}
    try:
        call_gateway("POST", f"/initiatives/{initiative_id}/members/{actor_id}/leave", json=body)
    except GatewayError as exc:
        return render_initiative(initiative_id, request.form,
                                 {"leave": refusal(exc, {}, messages=REFUSALS)}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id, _anchor="members-heading"), 303)
