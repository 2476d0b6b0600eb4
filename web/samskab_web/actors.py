"""An actor's own pages (Min organisation), for its representatives and its district's
operators alike: the organisation's or citizen's details to correct, the people who act
for it (repræsentanter), the initiatives it takes part in, a citizen's consents to give
and withdraw, and everything held about it as a download (GDPR art. 15 and 20).

The download is the gateway's JSON passed on as an attachment with ``no-store`` (as the
reports' downloads are), so it is saved and never kept by a cache on the way."""
from __future__ import annotations

import re
from urllib.parse import quote

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import CITIZEN, CONTACT_CHANNELS, INITIATIVE_PURPOSES, LANGUAGES

from . import i18n, roles
from .district import MESSAGES, contact_fields, organisation_details
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import call_gateway, refusal, signed_in
from .reports import stream_download

actors = Blueprint("actors", __name__, url_prefix="/actors")
PURPOSES = {
    "notifications": N_("Receive messages on the chosen channel"),
    "contact_directory": N_("Show my contact details to the leaders of the initiatives I take part in"),
    "take_part": N_("Take part in an initiative"),
}
GIVEN_HERE = tuple(p for p in PURPOSES if p not in INITIATIVE_PURPOSES)
"""Consent to take part in an initiative is given when enrolling in it, not on this page."""
ACTOR_MESSAGES = {
    **MESSAGES,
    "actor.erased": N_("This actor has been erased; nothing can be changed."),
    "consent.citizens_only": N_("Consents are kept for citizens only."),
    "access.write_denied": N_("You may not change this actor."),
}
MEMBERSHIPS_SHOWN = 100


@actors.app_template_global("purpose_label")
def purpose_label(purpose: str) -> str:
    return i18n.gettext(PURPOSES[purpose]) if purpose in PURPOSES else purpose


@actors.get("")
@signed_in
def mine() -> ResponseReturnValue:
    """The actors the person represents (one: straight to it)."""
    me = call_gateway("GET", "/me")
    roles.remember_roles(me)
    represented = []
    for actor_id in roles.scopes(me, "actor_representative"):
        try:
            represented.append(call_gateway("GET", f"/actors/{quote(actor_id, safe='')}"))
        except GatewayError as exc:
            if exc.status != 404:
                raise
    if len(represented) == 1:
        return redirect(url_for("actors.actor", actor_id=represented[0]["actor_id"]), 303)
    return render_template("actors_mine.html", actors=represented)


@actors.get("/<actor_id>")
@signed_in
def actor(actor_id: str) -> ResponseReturnValue:
    return render_actor(actor_id)


def render_actor(actor_id: str, form: MultiDict | None = None,
                 errors: dict[str, dict[str, list[str]]] | None = None, status: int = 200) -> ResponseReturnValue:
    path = f"/actors/{quote(actor_id, safe='')}"
    view = call_gateway("GET", path)
    me = call_gateway("GET", "/me")
    roles.remember_roles(me)
    memberships = call_gateway("GET", f"{path}/memberships", params={"limit": MEMBERSHIPS_SHOWN})["items"]
    citizen = view.get("kind") == CITIZEN
    consents = [c for c in view.get("consents") or [] if not c.get("withdrawn_at")] if citizen else []
    active = {(c["purpose"], c.get("initiative_id")) for c in consents}
    return render_template(
        "actor.html", actor=view, citizen=citizen, district_name=DISTRICTS.get(view.get("district", ""), ""),
        operates=view.get("district") in roles.scopes(me, "district_operator"),
        memberships=[{**m, "title": _initiative_title(m["initiative_id"])} for m in memberships],
        consents=consents, purposes_to_give=[p for p in GIVEN_HERE if (p, None) not in active],
        channels=CONTACT_CHANNELS, languages_offered=LANGUAGES, contact=(view.get("contact_points") or [{}])[0],
        form=form or MultiDict(), errors=errors or {}), status


def _initiative_title(initiative_id: str) -> str | None:
    """The initiative's title where the person may read it (else the page shows its id)."""
    try:
        return call_gateway("GET", f"/initiatives/{quote(initiative_id, safe='')}").get("title")
    except GatewayError as exc:
        if exc.status in (403, 404):
            return None
        raise


def _change(actor_id: str, form_name: str, method: str, path: str, fields: dict[str, str],
            **kwargs: object) -> ResponseReturnValue:
    """Run one change of the actor; its page again (422) with the refusal beside the field."""
    try:
        call_gateway(method, f"/actors/{quote(actor_id, safe='')}{path}", **kwargs)
    except GatewayError as exc:
        errors = contact_fields(refusal(exc, fields, messages=ACTOR_MESSAGES))
        return render_actor(actor_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("actors.actor", actor_id=actor_id), 303)


@actors.post("/<actor_id>/details")
@signed_in
def change_details(actor_id: str) -> ResponseReturnValue:
    form = request.form
    view = call_gateway("GET", f"/actors/{quote(actor_id, safe='')}")
    body, errors = _details(form, view)
    if errors:
        return render_actor(actor_id, form, {"details": errors}, 422)
    return _change(actor_id, "details", "PATCH", "", {"actor.erased": "_form"}, json=body)


def _details(form: MultiDict, view: dict) -> tuple[dict, dict[str, list[str]]]:
    language = form.get("preferred_language") or view.get("preferred_language") or "da"
    errors: dict[str, list[str]] = {}
    if view.get("kind") == CITIZEN:
        channel = form.get("channel") or "none"
        address = form.get("address", "").strip() or None
        body = {"display_name": form.get("display_name", "").strip(), "preferred_language": language,
                "contact": {"channel": channel, "address": address if channel != "none" else None}}
        if not body["display_name"]:
            errors["display_name"] = [i18n.gettext("Fill this in.")]
        if channel != "none" and not address:
            errors["address"] = [i18n.gettext("Write the e-mail address or phone number to use.")]
        return body, errors
    body = {**organisation_details(form, view.get("kind")), "preferred_language": language}
    # The page edits the first contact person; any others stay as they are.
    body["contact_points"] = body["contact_points"] + list(view.get("contact_points") or [])[1:]
    if not body["name"]:
        errors["name"] = [i18n.gettext("Fill this in.")]
    return body, errors


@actors.post("/<actor_id>/representatives")
@signed_in
def appoint_representative(actor_id: str) -> ResponseReturnValue:
    person = request.form.get("person_id", "").strip()
    if not person:
        errors = {"person_id": [i18n.gettext("Write the person's e-mail address (their sign-in).")]}
        return render_actor(actor_id, request.form, {"representatives": errors}, 422)
    return _change(actor_id, "representatives", "PUT", f"/representatives/{quote(person, safe='')}",
                   {"actor.erased": "person_id"})


@actors.post("/<actor_id>/representatives/remove")
@signed_in
def remove_representative(actor_id: str) -> ResponseReturnValue:
    person = request.form.get("person_id", "")
    if not person:
        abort(400)
    return _change(actor_id, "representatives", "DELETE", f"/representatives/{quote(person, safe='')}", {})


@actors.post("/<actor_id>/consents")
@signed_in
def give_consent(actor_id: str) -> ResponseReturnValue:
    purpose = request.form.get("purpose", "")
    if purpose not in GIVEN_HERE:
        errors = {"purpose": [i18n.gettext("Choose what the consent is for.")]}
        return render_actor(actor_id, request.form, {"consents": errors}, 422)
    return _change(actor_id, "consents", "POST", "/consents",
                   {"consent.citizens_only": "purpose", "actor.erased": "purpose"}, json={"purpose": purpose})


@actors.post("/<actor_id>/consents/withdraw")
@signed_in
def withdraw_consent(actor_id: str) -> ResponseReturnValue:
    purpose = request.form.get("purpose", "")
    if purpose not in PURPOSES:
        abort(400)
    initiative_id = request.form.get("initiative_id") or None
    return _change(actor_id, "consents", "DELETE", f"/consents/{purpose}", {},
                   params={"initiative_id": initiative_id} if initiative_id else None)


@actors.get("/<actor_id>/personal-data")
@signed_in
def personal_data(actor_id: str) -> ResponseReturnValue:
    safe_name = re.sub(r"[^A-Za-z0-9-]", "", actor_id)[:100]
    return stream_download(f"/actors/{quote(actor_id, safe='')}/personal-data", {},
                           f"samskab-personal-data-{safe_name}.json")
