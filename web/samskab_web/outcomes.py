"""What the initiative leads to, in the workspace: results (small ones and breakthroughs),
ripple effects (ringe i vandet) with their evidence, closing the initiative and letting it
go on as a network. Each form posts to the gateway's command as the signed-in person; bad
input or a refusal shows the form again (422) with the words beside the field."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import RESULT_SIZES

from . import i18n
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import call_gateway, refusal, render_initiative, signed_in
from .web_forms import FormErrors, actors_of, day_of, optional, placed, platform_of, required

outcomes = Blueprint("outcomes", __name__)

REFUSALS = {
    "result.date_in_future": N_("The date cannot be in the future."),
    "ripple_effect.date_in_future": N_("The date cannot be in the future."),
    "result.size.unknown": N_("Choose a small result or a breakthrough."),
    "ripple_effect.evidence_required": N_("A ripple effect needs evidence: describe what shows it."),
    "initiative.close.closing_phase_required": N_("An initiative is closed from the closing phase."),
    "initiative.close.platform_goals_not_reached": N_(
        "Not every development platform has reached its goals: record the decision to close anyway."),
    "network.initiative_not_closed": N_("An initiative becomes a network only after it has been closed."),
    "network.already_network": N_("The initiative already continues as a network."),
    "date.invalid": N_("Write the date as YYYY-MM-DD."),
}
SHOWN = {"title", "date", "size", "evidence", "network_name", "override_reason"}
"""The fields the outcome forms show an error beside."""
FIELDS = {"result.date_in_future": "date", "ripple_effect.date_in_future": "date", "result.size.unknown": "size",
          "ripple_effect.evidence_required": "evidence", "date.invalid": "date",
          "initiative.close.platform_goals_not_reached": "override_reason"}


@outcomes.app_context_processor
def _vocabulary() -> dict[str, Any]:
    return {"result_sizes": RESULT_SIZES}


def _post(initiative_id: str, path: str, body: dict, errors: FormErrors, form_name: str,
          form: MultiDict, anchor: str) -> ResponseReturnValue:
    if not errors:
        try:
            call_gateway("POST", f"/initiatives/{initiative_id}{path}", json=body)
        except GatewayError as exc:
            errors = placed(refusal(exc, FIELDS, messages=REFUSALS), SHOWN)
    if errors:
        return render_initiative(initiative_id, form, {form_name: errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id, _anchor=anchor), 303)


def _journal_fields(form: MultiDict, errors: FormErrors) -> dict:
    return {"title": required(form, "title", errors), "description": optional(form, "description"),
            "date": day_of(form, "date", errors), "platform_id": platform_of(form), "actor_ids": actors_of(form)}


@outcomes.post("/initiatives/<initiative_id>/results")
@signed_in
def document_result(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {**_journal_fields(form, errors), "size": form.get("size", "")}
    if body["size"] not in RESULT_SIZES:
        errors.setdefault("size", []).append(i18n.gettext(REFUSALS["result.size.unknown"]))
    return _post(initiative_id, "/results", body, errors, "result", form, "outcomes-heading")


@outcomes.post("/initiatives/<initiative_id>/ripple-effects")
@signed_in
def record_ripple_effect(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    evidence = {"description": required(form, "evidence", errors), "reference": optional(form, "reference")}
    body = {**_journal_fields(form, errors), "evidence": [evidence]}
    return _post(initiative_id, "/ripple-effects", body, errors, "ripple", form, "outcomes-heading")


@outcomes.post("/initiatives/<initiative_id>/closure")
@signed_in
def close_initiative(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    body = {"summary": optional(form, "summary"), "override_reason": optional(form, "override_reason")}
    return _post(initiative_id, "/closure", body, {}, "closure", form, "closing-heading")


@outcomes.post("/initiatives/<initiative_id>/network")
@signed_in
def become_network(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {"network_name": required(form, "network_name", errors), "purpose": optional(form, "purpose")}
    return _post(initiative_id, "/network", body, errors, "network", form, "closing-heading")
