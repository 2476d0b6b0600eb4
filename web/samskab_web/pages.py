"""The first pages: "Mine initiativer", one initiative with its phase line, and "Start et
initiativ" for a district operator. Each handler gathers what the gateway lets the person
see and renders it; a form posts to the gateway's own command, so a refusal or a bad field
comes back from the gateway and is shown next to the field (nothing is stored)."""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import THEMES

from . import i18n, to_do, workspace
from .gateway_client import GatewayError
from .signin import signed_in_subject

pages = Blueprint("pages", __name__)
LIST_PAGE = 100
ACCESS_DENIED = "access.write_denied"
_AT_ONCE = ThreadPoolExecutor(max_workers=16, thread_name_prefix="gateway-call")


def signed_in(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        g.subject = signed_in_subject()
        if g.subject is None:
            return redirect(url_for("signin.sign_in_form", next=request.full_path.rstrip("?")), 303)
        return view(*args, **kwargs)

    return wrapper


def call_gateway(method: str, path: str, **kwargs: Any) -> Any:
    client = current_app.extensions["samskab"]["gateway"]
    return client.call(method, path, g.subject, g.request_id, **kwargs)


def call_gateway_together(*calls: tuple[str, str, dict[str, Any]]) -> list[Any]:
    """A page's gateway calls that do not depend on one another, (method, path, keyword
    arguments) each, made at once: the page waits for the slowest, not for all of them in
    turn. Their answers in the same order; the first call's problem that went wrong is raised."""
    client = current_app.extensions["samskab"]["gateway"]
    subject, request_id = g.subject, g.request_id
    pending = [_AT_ONCE.submit(client.call, method, path, subject, request_id, **kwargs)
               for method, path, kwargs in calls]
    return [call.result() for call in pending]


def _operator_districts(me: dict | None = None) -> list[str]:
    """The districts the person operates (from the gateway's /me), to offer in the form and
    to show the link; the gateway still decides on the command itself."""
    me = me if me is not None else call_gateway("GET", "/me")
    return sorted({grant.get("scope") for grant in me.get("grants", [])
                   if grant.get("role") == "district_operator" and grant.get("scope")})


@pages.get("/")
def home() -> ResponseReturnValue:
    return redirect(url_for("pages.my_initiatives" if signed_in_subject() else "signin.sign_in_form"), 303)


@pages.get("/initiatives")
@signed_in
def my_initiatives() -> ResponseReturnValue:
    params = {"limit": LIST_PAGE, **({"cursor": request.args["cursor"]} if request.args.get("cursor") else {})}
    page, me = call_gateway_together(("GET", "/initiatives", {"params": params}), ("GET", "/me", {}))
    return render_template("my_initiatives.html", initiatives=page["items"], next_cursor=page.get("next_cursor"),
                           may_start=bool(_operator_districts(me)), districts=DISTRICTS,
                           to_do=to_do.to_do(page["items"], datetime.now(UTC).date()))


@pages.get("/initiatives/<initiative_id>")
@signed_in
def initiative(initiative_id: str) -> ResponseReturnValue:
    return render_initiative(initiative_id)


def render_initiative(initiative_id: str, form: MultiDict | None = None,
                       errors: dict[str, dict[str, list[str]]] | None = None, status: int = 200) -> ResponseReturnValue:
    """The initiative with its phase line and, for whoever may steer it, the anchor person's
    form and the next phase's gate with the form to go on; ``errors`` by form, then field."""
    view, me = call_gateway_together(("GET", f"/initiatives/{initiative_id}", {}), ("GET", "/me", {}))
    upcoming = workspace.next_phase(view)
    return render_template("initiative.html", initiative=view, me=me, districts=DISTRICTS,
                           phases=i18n.phase_line(view.get("phase", ""), g.lang),
                           may_appoint=view.get("status") == "active"
                           and workspace.may(me, "appoint_anchor_person", view),
                           may_advance=upcoming is not None and workspace.may(me, "lead", view),
                           next_phase=upcoming, checklist=workspace.gate_checklist(view),
                           form=form or MultiDict(), errors=errors or {}), status


@pages.post("/initiatives/<initiative_id>/anchor-person")
@signed_in
def appoint_anchor_person(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    person_id = form.get("person_id", "").strip()
    body = {"anchor_person": {"person_id": person_id, "name": form.get("name", "").strip() or None,
                              "email": person_id if "@" in person_id else None},
            "reason": form.get("reason", "").strip() or None}
    errors = {} if person_id else {"person_id": [i18n.gettext("Fill this in.")]}
    if not errors:
        try:
            call_gateway("PUT", f"/initiatives/{initiative_id}/anchor-person", json=body)
        except GatewayError as exc:
            errors = refusal(exc, {"roles.anchor_person.already_assigned": "person_id",
                                    "roles.anchor_person.handover_reason_required": "reason"})
            if "anchor_person" in errors:  # the gateway's field errors of the nested person
                errors.setdefault("person_id", []).extend(errors.pop("anchor_person"))
    if errors:
        return render_initiative(initiative_id, form, {"anchor": errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id), 303)


@pages.post("/initiatives/<initiative_id>/phase")
@signed_in
def advance_phase(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    body = {"to_phase": form.get("to_phase", ""), "reason": form.get("reason", "").strip(),
            "override_reason": form.get("override_reason", "").strip() or None}
    errors = {} if body["reason"] else {"reason": [i18n.gettext("Fill this in.")]}
    if not errors:
        try:
            call_gateway("POST", f"/initiatives/{initiative_id}/phase-transitions", json=body)
        except GatewayError as exc:
            errors = refusal(exc, {"phase.gate.platform_goals_not_reached": "override_reason"})
    if errors:
        return render_initiative(initiative_id, form, {"phase": errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id), 303)


def refusal(exc: GatewayError, fields: dict[str, str],
            messages: dict[str, str] | None = None) -> dict[str, list[str]]:
    """A refused command as messages by form field: the gateway's field errors, or its rule's
    code in the person's language (``messages``, a page group's own, before the workspace's) next
    to the field it concerns (the form's top otherwise);
    anything but a refusal of the input (not found, gone, down, or the person's access not
    allowing the command at all, as the API's 403) is the matching error page."""
    if exc.status not in (400, 403, 409, 422) or exc.code == ACCESS_DENIED:
        raise exc
    if exc.errors:
        return field_errors(exc)
    message = (messages or {}).get(exc.code) or workspace.refusal_message(exc.code)
    text = i18n.gettext(message) if message else exc.detail or i18n.gettext("The change was refused.")
    return {fields.get(exc.code, "_form"): [text]}


@pages.get("/initiatives/<initiative_id>/history")
@signed_in
def history(initiative_id: str) -> ResponseReturnValue:
    params = {"limit": LIST_PAGE, **({"cursor": request.args["cursor"]} if request.args.get("cursor") else {})}
    view, page = call_gateway_together(("GET", f"/initiatives/{initiative_id}", {}),
                                       ("GET", f"/initiatives/{initiative_id}/history", {"params": params}))
    entries = [{"at": item.get("occurred_at", ""), "by": (item.get("data") or {}).get("by", ""),
                "what": i18n.gettext(workspace.event_label(item.get("type", ""))),
                "detail": workspace.event_detail(item, g.lang)} for item in page["items"]]
    return render_template("history.html", initiative=view, entries=entries, next_cursor=page.get("next_cursor"))


@pages.get("/initiatives/new")
@signed_in
def new_initiative_form() -> ResponseReturnValue:
    return _render_form(MultiDict(), {})


@pages.post("/initiatives/new")
@signed_in
def start_initiative() -> ResponseReturnValue:
    form = request.form
    body = {
        "title": form.get("title", "").strip(),
        "challenge": {"text": form.get("challenge", "").strip()},
        "themes": form.getlist("themes"),
        "district": form.get("district", ""),
        "municipalities": [m.strip() for m in form.get("municipalities", "").split(",") if m.strip()],
        "vision": form.get("vision", "").strip() or None,
    }
    try:
        created = call_gateway("POST", "/initiatives", json=body)
    except GatewayError as exc:
        if exc.status not in (400, 409, 422):
            raise
        return _render_form(form, field_errors(exc)), exc.status if exc.status != 422 else 422
    return redirect(url_for("pages.initiative", initiative_id=created["initiative_id"]), 303)


def _render_form(form: MultiDict, errors: dict[str, list[str]]) -> str:
    return render_template("new_initiative.html", form=form, errors=errors, themes=THEMES,
                           chosen_themes=set(form.getlist("themes")),
                           districts={d: DISTRICTS[d] for d in _operator_districts() or DISTRICTS})


def field_errors(exc: GatewayError) -> dict[str, list[str]]:
    """The gateway's field errors, flattened to the form's field names ("challenge.text" is the
    challenge field), each message in the page's language where the catalogue knows it."""
    flat: dict[str, list[str]] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            flat.setdefault(prefix.split(".")[0], []).extend(i18n.gettext(v) for v in value)
        elif isinstance(value, list):
            for inner in value:
                walk(prefix, inner)
        else:
            flat.setdefault(prefix.split(".")[0], []).append(i18n.gettext(str(value)))

    walk("", exc.errors)
    if not flat:
        flat["_form"] = [exc.detail or i18n.gettext("The initiative could not be started.")]
    return flat
