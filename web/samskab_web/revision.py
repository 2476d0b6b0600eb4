"""Revising and pausing an initiative from its workspace (issue 15): what it is about (title,
area, vision, themes, municipalities, co-owners), its challenge with the earlier versions kept,
and putting it on standby and back. The forms are in ``templates/_revision.html``; each posts
to the gateway's own command, and the gateway decides who may (the initiative's steering)."""
from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import THEMES

from . import i18n
from .gateway_client import GatewayError
from .pages import call_gateway, refusal, render_initiative, signed_in
from .workspace import N_

revision = Blueprint("revision", __name__)

MESSAGES: dict[str, str] = {
    "initiative.revision.no_change": N_("Nothing differs from the initiative as it is."),
    "initiative.themes.required": N_("Choose at least one theme."),
    "initiative.municipalities.duplicate": N_("Each municipality is listed once."),
    "initiative.co_owners.duplicate": N_("Each co-owner is listed once."),
    "initiative.challenge.unchanged": N_("The challenge is already worded like this."),
    "initiative.pause.already_paused": N_("The initiative is already paused."),
    "initiative.resume.not_paused": N_("The initiative is not paused."),
}
"""The refusals of these forms in plain words (the workspace's own come after)."""
FIELDS = {"initiative.themes.required": "themes", "initiative.municipalities.duplicate": "municipalities",
          "initiative.co_owners.duplicate": "co_owners", "initiative.challenge.unchanged": "challenge"}


@revision.app_context_processor
def theme_keys() -> dict[str, list[str]]:
    """The themes the revision form offers (the workspace page is rendered by pages.py)."""
    return {"theme_keys": list(THEMES)}


def _names(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


def _owner_key(owners: list[dict]) -> list[tuple[str, str]]:
    return sorted((o.get("kind", ""), o.get("name", "")) for o in owners)


def revised_fields(form: MultiDict, view: dict) -> dict:
    """What the form changes of the initiative as it is: only those fields go to the gateway.
    Co-owning districts are kept as they are (the form offers municipalities and programmes)."""
    current = view.get("co_owners") or []
    owners = [o for o in current if o.get("kind") == "district"]
    owners += [{"kind": "municipality", "name": n} for n in _names(form.get("co_owner_municipalities"))]
    owners += [{"kind": "programme", "name": n} for n in _names(form.get("co_owner_programmes"))]
    # A co-owner kept by name keeps its registered actor (set through the API; issue 15).
    actors = {(o.get("kind"), o.get("name")): o["actor_id"] for o in current if o.get("actor_id")}
    owners = [{**o, "actor_id": actors[(o["kind"], o["name"])]} if (o["kind"], o["name"]) in actors else o
              for o in owners]
    proposed = {"title": form.get("title", "").strip(), "focus_area": form.get("focus_area", "").strip() or None,
                "vision": form.get("vision", "").strip() or None, "themes": form.getlist("themes"),
                "municipalities": _names(form.get("municipalities"))}
    changed = {key: value for key, value in proposed.items() if value != view.get(key)}
    if _owner_key(owners) != _owner_key(view.get("co_owners") or []):
        changed["co_owners"] = owners
    return changed


def _send(initiative_id: str, form_name: str, method: str, path: str, body: dict,
          errors: dict[str, list[str]]) -> ResponseReturnValue:
    """The command to the gateway, unless the form is wrong already; back to the workspace
    (303), or the workspace again with the errors beside the fields (422)."""
    if not errors:
        try:
            call_gateway(method, f"/initiatives/{initiative_id}{path}", json=body)
        except GatewayError as exc:
            errors = refusal(exc, FIELDS, messages=MESSAGES)
    if errors:
        return render_initiative(initiative_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id), 303)


def _required(**values: str) -> dict[str, list[str]]:
    return {name: [i18n.gettext("Fill this in.")] for name, value in values.items() if not value}


@revision.post("/initiatives/<initiative_id>/revision")
@signed_in
def revise(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    reason = form.get("reason", "").strip()
    changes = revised_fields(form, call_gateway("GET", f"/initiatives/{initiative_id}"))
    errors = _required(reason=reason, title=form.get("title", "").strip())
    if not changes and not errors:
        errors = {"_form": [i18n.gettext(MESSAGES["initiative.revision.no_change"])]}
    return _send(initiative_id, "revise", "PATCH", "", {**changes, "reason": reason}, errors)


@revision.post("/initiatives/<initiative_id>/challenge")
@signed_in
def revise_challenge(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    text, reason = form.get("challenge", "").strip(), form.get("reason", "").strip()
    view = call_gateway("GET", f"/initiatives/{initiative_id}")
    perspectives = (view.get("challenge") or {}).get("perspectives") or []
    body = {"challenge": {"text": text, "perspectives": perspectives}, "reason": reason}
    return _send(initiative_id, "challenge", "PUT", "/challenge", body, _required(challenge=text, reason=reason))


@revision.post("/initiatives/<initiative_id>/pause")
@signed_in
def pause(initiative_id: str) -> ResponseReturnValue:
    reason = request.form.get("reason", "").strip()
    return _send(initiative_id, "pause", "POST", "/pause", {"reason": reason}, _required(reason=reason))


@revision.post("/initiatives/<initiative_id>/resumption")
@signed_in
def resume(initiative_id: str) -> ResponseReturnValue:
    note = request.form.get("note", "").strip() or None
    return _send(initiative_id, "resume", "POST", "/resumption", {"note": note}, {})
