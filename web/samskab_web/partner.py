"""Webhooks for partner systems (and the operators who register them for their district):
the endpoints, registering one, its delivery log with a replay of one delivery or of all
since a time, switching it off and on, and a new signing secret.

The signing secret is in the gateway's answer to the register and rotate commands only, so
it is shown once, in the page that answers that POST (never in the session, never in a
redirect's address, the page not stored by the browser: ``no-store``); after that only the
dates of the secrets are known."""
from __future__ import annotations

from datetime import UTC, datetime, time
from urllib.parse import quote

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import SUBSCRIBABLE_EVENT_TYPES

from . import i18n
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import LIST_PAGE, call_gateway, refusal, signed_in

partner = Blueprint("partner", __name__, url_prefix="/webhooks")
REGISTERING_ROLES = ("partner", "national_centre", "district_operator")
DELIVERY_PAGE = 50
REFUSALS = {
    "webhook.url.forbidden_address": N_("Webhooks only go to public internet addresses."),
    "webhook.url.forbidden_port": N_("Webhooks only go to port 443 (https) or 80."),
    "webhook.endpoint_disabled": N_("Switch the endpoint on before sending anything again."),
    "webhook.already_disabled": N_("The endpoint is already switched off."),
    "notifications.district_scope": N_("You may only register webhooks for your own police district."),
}
OUTCOME_LABELS = {"delivered": N_("Delivered"), "failed": N_("Failed"), "retry": N_("Will be tried again"),
                  "dead": N_("Given up"), "cancelled": N_("Not sent")}


def may_manage_webhooks() -> bool:
    """Whether the signed-in person is offered the webhook pages (the gateway still decides
    on every call): partners, the national centre and district operators."""
    grants = call_gateway("GET", "/me").get("grants", [])
    return bool({grant.get("role") for grant in grants} & set(REGISTERING_ROLES))


@partner.app_template_global("outcome_label")
def outcome_label(outcome: str) -> str:
    return i18n.gettext(OUTCOME_LABELS[outcome]) if outcome in OUTCOME_LABELS else outcome


@partner.get("")
@signed_in
def endpoints() -> ResponseReturnValue:
    return _render_list(MultiDict(), {})


def _render_list(form: MultiDict, errors: dict[str, list[str]], status: int = 200) -> ResponseReturnValue:
    page = call_gateway("GET", "/webhook-endpoints", params={"limit": LIST_PAGE})
    return render_template("webhooks.html", endpoints=page["items"], form=form, errors={"register": errors},
                           event_types=SUBSCRIBABLE_EVENT_TYPES, chosen_types=set(form.getlist("event_types")),
                           districts=DISTRICTS, may_register=may_manage_webhooks()), status


@partner.post("")
@signed_in
def register() -> ResponseReturnValue:
    form = request.form
    errors: dict[str, list[str]] = {}
    if not form.get("url", "").strip():
        errors["url"] = [i18n.gettext("Fill this in.")]
    if not form.getlist("event_types"):
        errors["event_types"] = [i18n.gettext("Choose at least one kind of event.")]
    if errors:
        return _render_list(form, errors, 422)
    body = {"url": form["url"].strip(), "event_types": form.getlist("event_types"),
            "description": form.get("description", "").strip(),
            "district": form.get("district") or None,
            "contact_email": form.get("contact_email", "").strip() or None}
    try:
        endpoint = call_gateway("POST", "/webhook-endpoints", json=body)
    except GatewayError as exc:
        fields = {"webhook.url.forbidden_address": "url", "webhook.url.forbidden_port": "url",
                  "notifications.district_scope": "district"}
        return _render_list(form, refusal(exc, fields, messages=REFUSALS), 422)
    return _secret_page(endpoint, rotated=False)


def _secret_page(endpoint: dict, rotated: bool) -> ResponseReturnValue:
    """The one page that shows the secret: the answer to the POST itself, stored nowhere."""
    response = make_response(render_template("webhook_secret.html", endpoint=endpoint,
                                              secret=endpoint["secret"], rotated=rotated))
    response.headers["Cache-Control"] = "no-store"
    return response


def _endpoint_path(endpoint_id: str) -> str:
    return f"/webhook-endpoints/{quote(endpoint_id, safe='')}"


@partner.get("/<endpoint_id>")
@signed_in
def endpoint(endpoint_id: str) -> ResponseReturnValue:
    return _render_endpoint(endpoint_id, MultiDict(), {})


def _render_endpoint(endpoint_id: str, form: MultiDict, errors: dict[str, dict[str, list[str]]],
                     status: int = 200) -> ResponseReturnValue:
    path = _endpoint_path(endpoint_id)
    view = call_gateway("GET", path)
    params: dict = {"limit": DELIVERY_PAGE}
    if request.args.get("cursor"):
        params["cursor"] = request.args["cursor"]
    log = call_gateway("GET", f"{path}/deliveries", params=params)
    return render_template("webhook.html", endpoint=view, attempts=log["items"], next_cursor=log.get("next_cursor"),
                           districts=DISTRICTS, form=form, errors=errors), status


@partner.post("/<endpoint_id>/secret")
@signed_in
def rotate_secret(endpoint_id: str) -> ResponseReturnValue:
    try:
        endpoint = call_gateway("POST", f"{_endpoint_path(endpoint_id)}/secret-rotation")
    except GatewayError as exc:
        return _render_endpoint(endpoint_id, request.form, {"secret": refusal(exc, {}, messages=REFUSALS)}, 422)
    return _secret_page(endpoint, rotated=True)


@partner.post("/<endpoint_id>/<any(enable, disable):switch>")
@signed_in
def switch_endpoint(endpoint_id: str, switch: str) -> ResponseReturnValue:
    try:
        call_gateway("POST", f"{_endpoint_path(endpoint_id)}/{switch}")
    except GatewayError as exc:
        return _render_endpoint(endpoint_id, request.form, {"switch": refusal(exc, {}, messages=REFUSALS)}, 422)
    return redirect(url_for("partner.endpoint", endpoint_id=endpoint_id), 303)


@partner.post("/<endpoint_id>/deliveries/replay")
@signed_in
def replay_delivery(endpoint_id: str) -> ResponseReturnValue:
    """One delivery again (its id in the form: delivery ids carry characters a path mangles)."""
    delivery_id = request.form.get("delivery_id", "")
    if not delivery_id:
        abort(400)
    try:
        call_gateway("POST", f"{_endpoint_path(endpoint_id)}/deliveries/{quote(delivery_id, safe='')}/replay")
    except GatewayError as exc:
        return _render_endpoint(endpoint_id, request.form, {"log": refusal(exc, {}, messages=REFUSALS)}, 422)
    return redirect(url_for("partner.endpoint", endpoint_id=endpoint_id, replayed="1"), 303)


@partner.post("/<endpoint_id>/replay")
@signed_in
def replay_since(endpoint_id: str) -> ResponseReturnValue:
    """Every delivery since the start of a day (UTC) again."""
    form = request.form
    try:
        day = datetime.combine(datetime.strptime(form.get("since", ""), "%Y-%m-%d").date(), time(), UTC)
    except ValueError:
        message = i18n.gettext("Give a date, e.g. 2026-12-01.")
        return _render_endpoint(endpoint_id, form, {"replay": {"since": [message]}}, 422)
    try:
        call_gateway("POST", f"{_endpoint_path(endpoint_id)}/replay",
                     json={"since": day.isoformat().replace("+00:00", "Z")})
    except GatewayError as exc:
        return _render_endpoint(endpoint_id, form, {"replay": refusal(exc, {"since": "since"}, messages=REFUSALS)},
                                422)
    return redirect(url_for("partner.endpoint", endpoint_id=endpoint_id, replayed="1"), 303)
