"""The person's own notices: the in-app feed (Nyheder) with one item or all marked read,
and how they are told (Indstillinger for besked): the language of the texts, e-mail at
once or as one daily digest, and the event types they follow on an initiative with the
channels each goes by (in Samskab's feed, by e-mail). The gateway decides who may follow
what; a refusal is shown beside the field it concerns."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import EMAIL_FREQUENCIES, LANGUAGES, PERSON_CHANNELS, SUBSCRIBABLE_EVENT_TYPES

from . import i18n, partner, workspace
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import LIST_PAGE, call_gateway, refusal, signed_in

feed = Blueprint("feed", __name__)
FEED_PAGE = 20
FREQUENCY_LABELS = {"immediate": N_("Right away, one e-mail per notice"),
                    "daily": N_("Once a day, all notices in one e-mail (digest)")}
CHANNEL_LABELS = {"feed": N_("In Samskab (your notices)"), "email": N_("By e-mail")}
EVENT_LABELS = {"ActorJoined": N_("An actor joined"), "ActorLeft": N_("An actor left"),
                "InfluenceImbalanceDetected": N_("Uneven influence among the actors")}
REFUSALS = {"notifications.scope_required": N_("Choose an initiative you take part in."),
            "notifications.district_scope": N_("You may only follow initiatives in your own police district."),
            "initiative.not_found": N_("Choose an initiative you take part in.")}


@feed.app_template_global("notice_label")
def notice_label(key: str) -> str:
    """An event type, channel or e-mail frequency of the notices in the page's language."""
    label = (FREQUENCY_LABELS.get(key) or CHANNEL_LABELS.get(key) or EVENT_LABELS.get(key)
             or workspace.event_label(key))
    return i18n.gettext(label)


@feed.get("/notices")
@signed_in
def notices() -> ResponseReturnValue:
    unread_only = request.args.get("unread") == "1"
    params: dict = {"limit": FEED_PAGE, **({"unread_only": "true"} if unread_only else {})}
    if request.args.get("cursor"):
        params["cursor"] = request.args["cursor"]
    page = call_gateway("GET", "/me/feed", params=params)
    return render_template("notices.html", items=page["items"], next_cursor=page.get("next_cursor"),
                           unread_only=unread_only, may_manage_webhooks=partner.may_manage_webhooks())


@feed.post("/notices/read")
@signed_in
def mark_one_read() -> ResponseReturnValue:
    """One item read (its id in the form: item ids carry characters a path would mangle)."""
    item_id = request.form.get("item_id", "")
    if item_id:
        call_gateway("POST", f"/me/feed/{quote(item_id, safe='')}/read")
    return redirect(_back(), 303)


@feed.post("/notices/read-all")
@signed_in
def mark_all_read() -> ResponseReturnValue:
    call_gateway("POST", "/me/feed/read")
    return redirect(_back(), 303)


def _back() -> str:
    return url_for("feed.notices", unread="1") if request.form.get("unread") == "1" else url_for("feed.notices")


@feed.get("/notices/settings")
@signed_in
def settings() -> ResponseReturnValue:
    return _render_settings(MultiDict(), {})


def _render_settings(form: MultiDict, errors: dict[str, dict[str, list[str]]], status: int = 200,
                     preferences: dict | None = None) -> ResponseReturnValue:
    """The settings page. There is no read of the preferences but their PUT, which with no
    field changes nothing and answers what they are (language and frequency as stored)."""
    current = preferences or call_gateway("GET", "/me/preferences")
    subscriptions = call_gateway("GET", "/subscriptions", params={"limit": LIST_PAGE})
    initiatives = call_gateway("GET", "/initiatives", params={"limit": LIST_PAGE})["items"]
    titles = {item["initiative_id"]: item["title"] for item in initiatives}
    return render_template("notice_settings.html", preferences=current, subscriptions=subscriptions["items"],
                           initiatives=initiatives, titles=titles, languages_offered=LANGUAGES,
                           frequencies=EMAIL_FREQUENCIES, channels=PERSON_CHANNELS,
                           event_types=SUBSCRIBABLE_EVENT_TYPES, chosen_types=set(form.getlist("event_types")),
                           chosen_channels=set(form.getlist("channels")) or {"feed"},
                           form=form, errors=errors, saved=request.args.get("saved") == "1"), status


@feed.post("/notices/settings")
@signed_in
def save_preferences() -> ResponseReturnValue:
    form = request.form
    body = {"language": form.get("language") or None, "email_frequency": form.get("email_frequency") or None}
    try:
        call_gateway("PUT", "/me/preferences", json=body)
    except GatewayError as exc:
        return _render_settings(form, {"preferences": refusal(exc, {})}, 422)
    return redirect(url_for("feed.settings", saved="1"), 303)


@feed.post("/notices/subscriptions")
@signed_in
def follow() -> ResponseReturnValue:
    form = request.form
    errors: dict[str, list[str]] = {}
    if not form.getlist("event_types"):
        errors["event_types"] = [i18n.gettext("Choose at least one kind of notice.")]
    if not form.getlist("channels"):
        errors["channels"] = [i18n.gettext("Choose at least one way to be told.")]
    if not form.get("initiative_id"):
        errors["initiative_id"] = [i18n.gettext("Choose an initiative you take part in.")]
    if not errors:
        body = {"event_types": form.getlist("event_types"), "initiative_id": form["initiative_id"],
                "channels": form.getlist("channels")}
        try:
            call_gateway("POST", "/subscriptions", json=body)
        except GatewayError as exc:
            errors = refusal(exc, {code: "initiative_id" for code in REFUSALS}, messages=REFUSALS)
    if errors:
        return _render_settings(form, {"follow": errors}, 422)
    return redirect(url_for("feed.settings"), 303)


@feed.post("/notices/subscriptions/<subscription_id>/delete")
@signed_in
def unfollow(subscription_id: str) -> ResponseReturnValue:
    call_gateway("DELETE", f"/subscriptions/{quote(subscription_id, safe='')}")
    return redirect(url_for("feed.settings"), 303)
