"""A district operator's pages (Min politikreds): the district's initiatives, its actors to
find by name or CVR number and to register, and who else operates the district (the grants
an operator may give: district operator of their own district, docs/access.md). The gateway
decides every read and every change; a district the person does not operate is refused here
only to save them a page of nothing."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.cvr import is_valid_cvr
from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import ACTOR_KIND_LABELS, ACTOR_KINDS, CITIZEN, CONTACT_CHANNELS, LANGUAGES

from . import i18n, roles
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import call_gateway, refusal, signed_in

district = Blueprint("district", __name__, url_prefix="/district")
district.after_app_request(roles.read_roles_after_sign_in)
district.add_app_template_global(roles.has_role, "has_role")
PAGE = 50
MESSAGES = {
    "actor.duplicate_cvr": N_("An actor with this CVR number is already registered."),
    "access.write_denied": N_("You may not register actors in this police district."),
    "access.grant_denied": N_("You may not give or withdraw this access."),
    "grant.not_found": N_("That access has already been withdrawn."),
}
FIELD_MESSAGES = (
    N_("not a valid CVR number (8 digits, modulus 11)"), N_("Not a valid email address."),
    N_("not a valid phone number"), N_("required"),
)
"""The gateway's field messages these forms translate (listed so the catalogue extracts them)."""


@district.app_template_global("kind_label")
def kind_label(kind: str) -> str:
    """The kind in the page's language; one citizen is "Borger" (the vocabulary's label
    counts them: "Borgere")."""
    if kind == CITIZEN:
        return i18n.gettext("Citizen")
    return ACTOR_KIND_LABELS.get(kind, {}).get(g.lang, kind)


def operated_districts() -> list[str]:
    me = call_gateway("GET", "/me")
    roles.remember_roles(me)
    return [d for d in roles.scopes(me, "district_operator") if d in DISTRICTS]


def _operated(district_key: str) -> str:
    if district_key not in DISTRICTS:
        abort(404)
    if district_key not in operated_districts():
        abort(403)
    return district_key


def _page_params(**more: str) -> dict:
    cursor = request.args.get("cursor")
    return {"limit": PAGE, **more, **({"cursor": cursor} if cursor else {})}


@district.get("")
@signed_in
def home() -> ResponseReturnValue:
    own = operated_districts()
    if not own:
        abort(403)
    if len(own) == 1:
        return redirect(url_for("district.initiatives", district_key=own[0]), 303)
    return render_template("district_choose.html", own={d: DISTRICTS[d] for d in own})


@district.get("/<district_key>")
@signed_in
def initiatives(district_key: str) -> ResponseReturnValue:
    _operated(district_key)
    page = call_gateway("GET", "/initiatives", params=_page_params(district=district_key))
    return render_template("district.html", district_key=district_key, district_name=DISTRICTS[district_key],
                           initiatives=page["items"], next_cursor=page.get("next_cursor"))


# -- finding and registering actors ------------------------------------------------------

@district.get("/<district_key>/actors")
@signed_in
def actors(district_key: str) -> ResponseReturnValue:
    """Every actor of the district, or those whose name or CVR number was asked for."""
    _operated(district_key)
    form = request.args
    name, cvr = form.get("name", "").strip(), form.get("cvr", "").replace(" ", "")
    errors: dict[str, list[str]] = {}
    if name and not any(ch.isalnum() for ch in name):
        errors["name"] = [i18n.gettext("Search with at least one letter or digit.")]
    if cvr and not is_valid_cvr(cvr):
        errors["cvr"] = [i18n.gettext("A CVR number is 8 digits (check the number).")]
    found, next_cursor = [], None
    if not errors:
        params = _page_params(district=district_key, **({"name": name} if name else {}),
                              **({"cvr": cvr} if cvr else {}))
        try:
            page = call_gateway("GET", "/actors", params=params)
            found, next_cursor = page["items"], page.get("next_cursor")
        except GatewayError as exc:
            errors = refusal(exc, {})
    status = 422 if errors else 200
    return render_template("district_actors.html", district_key=district_key,
                           district_name=DISTRICTS[district_key], form=form, errors={"search": errors},
                           actors=found, next_cursor=next_cursor, searched=bool(name or cvr)), status


@district.get("/<district_key>/actors/new")
@signed_in
def new_actor(district_key: str) -> ResponseReturnValue:
    _operated(district_key)
    return _register_form(district_key, MultiDict(), {})


@district.post("/<district_key>/actors/new")
@signed_in
def register_actor(district_key: str) -> ResponseReturnValue:
    _operated(district_key)
    form = request.form
    body, errors = registration(form, district_key)
    duplicate = False
    if not errors:
        try:
            created = call_gateway("POST", "/actors", json=body)
        except GatewayError as exc:
            duplicate = exc.code == "actor.duplicate_cvr"
            errors = contact_fields(refusal(exc, {"actor.duplicate_cvr": "cvr", "access.write_denied": "_form"},
                                             messages=MESSAGES))
    if errors:
        return _register_form(district_key, form, errors, duplicate=duplicate), 422
    return redirect(url_for("actors.actor", actor_id=created["actor_id"]), 303)


def registration(form: MultiDict, district_key: str) -> tuple[dict, dict[str, list[str]]]:
    """The registration's body for the kind chosen, and what is missing before asking."""
    kind = form.get("kind", "")
    body: dict = {"kind": kind, "district": district_key,
                  "preferred_language": form.get("preferred_language") or "da"}
    errors: dict[str, list[str]] = {}
    if kind not in ACTOR_KINDS:
        errors["kind"] = [i18n.gettext("Choose what kind of actor it is.")]
    if kind == CITIZEN:
        body["display_name"] = form.get("display_name", "").strip()
        channel = form.get("channel") or "none"
        address = form.get("address", "").strip() or None
        body["contact"] = {"channel": channel, "address": address if channel != "none" else None}
        if not body["display_name"]:
            errors["display_name"] = [i18n.gettext("Fill this in.")]
        if channel != "none" and not address:
            errors["address"] = [i18n.gettext("Write the e-mail address or phone number to use.")]
    else:
        body.update(organisation_details(form))
        if not body.get("name"):
            errors["name"] = [i18n.gettext("Fill this in.")]
        if body.get("cvr") and not is_valid_cvr(body["cvr"]):
            errors["cvr"] = [i18n.gettext("A CVR number is 8 digits (check the number).")]
    representative = form.get("representative", "").strip()
    if representative:
        body["representative"] = representative
    return body, errors


def organisation_details(form: MultiDict, kind: str | None = None) -> dict:
    """An organisation's fields from a form: name, CVR, department (a municipality's only),
    municipality, one contact person and whether initiatives see the contacts."""
    kind = kind or form.get("kind", "")
    contact = {"name": form.get("contact_name", "").strip(), "role": form.get("contact_role", "").strip() or None,
               "email": form.get("contact_email", "").strip() or None,
               "phone": form.get("contact_phone", "").strip() or None}
    return {"name": form.get("name", "").strip(), "cvr": form.get("cvr", "").replace(" ", "") or None,
            "municipality": form.get("municipality", "").strip() or None,
            **({"department": form.get("department", "").strip() or None} if kind == "municipality" else {}),
            "contact_points": [contact] if contact["name"] else [],
            "shared_with_initiatives": form.get("shared_with_initiatives") == "yes"}


def contact_fields(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """The gateway's errors of the contact person (``contact_points``) and a citizen's
    contact (``contact``) beside the form's fields for them."""
    if "contact_points" in errors:
        errors.setdefault("contact_name", []).extend(errors.pop("contact_points"))
    if "contact" in errors:
        errors.setdefault("address", []).extend(errors.pop("contact"))
    return errors


def _register_form(district_key: str, form: MultiDict, errors: dict[str, list[str]], duplicate: bool = False) -> str:
    return render_template("actor_register.html", district_key=district_key, district_name=DISTRICTS[district_key],
                           form=form, errors={"register": errors}, duplicate=duplicate, kinds=ACTOR_KINDS,
                           channels=CONTACT_CHANNELS, languages_offered=LANGUAGES)


# -- who operates the district -----------------------------------------------------------

@district.get("/<district_key>/access")
@signed_in
def access(district_key: str) -> ResponseReturnValue:
    _operated(district_key)
    return _access_page(district_key, MultiDict(), {})


def _access_page(district_key: str, form: MultiDict, errors: dict[str, dict[str, list[str]]],
                 status: int = 200) -> ResponseReturnValue:
    listed = call_gateway("GET", "/admin/grants", params={"limit": 100})
    grants = [row for row in listed["items"]
              if row.get("role") == "district_operator" and row.get("scope") == district_key]
    return render_template("district_access.html", district_key=district_key, district_name=DISTRICTS[district_key],
                           grants=grants, form=form, errors=errors), status


@district.post("/<district_key>/access")
@signed_in
def give_access(district_key: str) -> ResponseReturnValue:
    _operated(district_key)
    form = request.form
    subject = form.get("subject", "").strip()
    errors = {} if subject else {"subject": [i18n.gettext("Write the person's e-mail address (their sign-in).")]}
    if not errors:
        try:
            call_gateway("POST", "/admin/grants", json={"subject": subject, "role": "district_operator",
                                                        "district": district_key})
        except GatewayError as exc:
            errors = refusal(exc, {"access.grant_denied": "subject"}, messages=MESSAGES)
    if errors:
        return _access_page(district_key, form, {"give": errors}, 422)
    return redirect(url_for("district.access", district_key=district_key), 303)


@district.post("/<district_key>/access/withdraw")
@signed_in
def withdraw_access(district_key: str) -> ResponseReturnValue:
    _operated(district_key)
    grant_id = request.form.get("grant_id", "")
    try:
        call_gateway("DELETE", f"/admin/grants/{quote(grant_id, safe='')}")
    except GatewayError as exc:
        gone = exc.status == 404
        errors = {"_form": [i18n.gettext(MESSAGES["grant.not_found"])]} if gone else refusal(exc, {}, MESSAGES)
        return _access_page(district_key, MultiDict(), {"withdraw": errors}, 422)
    return redirect(url_for("district.access", district_key=district_key), 303)
