"""How far an initiative reaches, from its workspace (issue 15): its lead district, the police
districts taking part besides it, and its scope (local, across police districts, national).
The forms are in ``templates/_reach.html``; each posts to the gateway's own command, and the
gateway decides who may (the initiative's steering: the lead district's operators and the
anchor person). Operators of a participating district read the page without the forms."""
from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask.typing import ResponseReturnValue

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import INITIATIVE_SCOPES

from . import i18n
from .gateway_client import GatewayError
from .pages import call_gateway, refusal, render_initiative, signed_in
from .workspace import N_

reach = Blueprint("reach", __name__)

SCOPE_LABELS: dict[str, str] = {
    "local": N_("Local (the lead district only)"),
    "cross_district": N_("Across police districts"),
    "national": N_("National"),
}
"""The scopes in the person's language (the vocabulary's INITIATIVE_SCOPES, in order)."""
MESSAGES: dict[str, str] = {
    "initiative.district.is_lead": N_("That police district already leads the initiative."),
    "initiative.district.already_participating": N_("That police district already takes part."),
    "initiative.district.not_participating": N_("That police district does not take part."),
    "initiative.scope.unchanged": N_("The initiative already has this scope."),
    "initiative.scope.districts_participate": N_(
        "Remove the participating police districts before the initiative is local again."),
    "initiative.scope.no_participating_district": N_(
        "Add a participating police district first: an initiative across districts has at least one."),
}
"""The refusals of these forms in plain words (the workspace's own come after)."""
FIELDS = {"initiative.district.is_lead": "district", "initiative.district.already_participating": "district",
          "initiative.scope.unchanged": "scope", "initiative.scope.districts_participate": "scope",
          "initiative.scope.no_participating_district": "scope"}


@reach.app_context_processor
def reach_choices() -> dict[str, object]:
    """The scopes and police districts the forms offer (the workspace is rendered by pages.py)."""
    return {"scope_keys": list(INITIATIVE_SCOPES), "scope_label": lambda key: i18n.gettext(SCOPE_LABELS[key])
            if key in SCOPE_LABELS else key, "district_keys": list(DISTRICTS)}


def _send(initiative_id: str, form_name: str, method: str, path: str, body: dict | None,
          errors: dict[str, list[str]]) -> ResponseReturnValue:
    """The command to the gateway unless the form is wrong already; back to the workspace
    (303), or the workspace again with the errors beside the fields (422)."""
    if not errors:
        try:
            call_gateway(method, f"/initiatives/{initiative_id}{path}", json=body)
        except GatewayError as exc:
            errors = refusal(exc, FIELDS, messages=MESSAGES)
    if errors:
        return render_initiative(initiative_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id) + "#reach-heading", 303)


@reach.post("/initiatives/<initiative_id>/participating-districts")
@signed_in
def add_district(initiative_id: str) -> ResponseReturnValue:
    district = request.form.get("district", "")
    errors = {} if district in DISTRICTS else {"district": [i18n.gettext("Choose a police district.")]}
    return _send(initiative_id, "reach_add", "PUT", f"/participating-districts/{district}", None, errors)


@reach.post("/initiatives/<initiative_id>/participating-districts/<district>/removal")
@signed_in
def remove_district(initiative_id: str, district: str) -> ResponseReturnValue:
    errors = {} if district in DISTRICTS else {"_form": [i18n.gettext("Choose a police district.")]}
    return _send(initiative_id, "reach_remove", "DELETE", f"/participating-districts/{district}", None, errors)


@reach.post("/initiatives/<initiative_id>/scope")
@signed_in
def set_scope(initiative_id: str) -> ResponseReturnValue:
    scope, reason = request.form.get("scope", ""), request.form.get("reason", "").strip() or None
    errors = {} if scope in INITIATIVE_SCOPES else {"scope": [i18n.gettext("Choose a scope.")]}
    return _send(initiative_id, "reach_scope", "PUT", "/scope", {"scope": scope, "reason": reason}, errors)
