"""Governance and resources in the initiative's workspace (issue 15): the anchor person's
deputy, the steering group and core group (kernegruppe), where the initiative is anchored
(e.g. a local council), funding lines and people's time, and the proposals actors make
(which the influence monitor counts). The forms are in ``templates/_governance.html``; each
posts to the gateway's own command, and the gateway decides who may."""
from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask.typing import ResponseReturnValue

from . import i18n
from .gateway_client import GatewayError
from .pages import call_gateway, refusal, render_initiative, signed_in
from .workspace import N_

governance = Blueprint("governance", __name__)

MESSAGES: dict[str, str] = {
    "roles.deputy.unchanged": N_("This person is already the deputy."),
    "roles.deputy.is_anchor_person": N_("The anchor person cannot be their own deputy."),
    "governance.group.unchanged": N_("The group already has exactly these members."),
    "governance.member.duplicate": N_("A member is listed twice."),
    "governance.anchoring.unchanged": N_("The anchoring is already described like this."),
    "proposal.actor.not_taking_part": N_("The actor does not take part in the initiative."),
}
"""The refusals of these forms in plain words (the workspace's own come after)."""
FIELDS = {"roles.deputy.unchanged": "person_id", "roles.deputy.is_anchor_person": "person_id",
          "governance.group.unchanged": "members", "governance.member.duplicate": "members",
          "governance.anchoring.unchanged": "anchoring", "proposal.actor.not_taking_part": "actor_id"}


def members_of(text: str | None) -> list[dict]:
    """One member a line: "name; organisation; role" (organisation and role optional)."""
    members = []
    for line in (text or "").splitlines():
        parts = [part.strip() for part in line.split(";")]
        if not parts[0]:
            continue
        parts += [""] * (3 - len(parts))
        members.append({"name": parts[0], "organisation": parts[1] or None, "role": parts[2] or None})
    return members


def members_text(members: list[dict]) -> str:
    """The members as the form's text (the inverse of members_of)."""
    return "\n".join("; ".join(filter(None, (m.get("name"), m.get("organisation"), m.get("role"))))
                     for m in members)


@governance.app_context_processor
def group_text() -> dict[str, object]:
    """The members as the group form shows them (the workspace page is rendered by pages.py)."""
    return {"members_text": members_text}


def number(raw: str) -> float:
    """A number as people write it: "2.000.000", "2 000 000", "7,5" or "7.5"."""
    cleaned = raw.replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    return float(cleaned)


def _number(raw: str, field: str, errors: dict[str, list[str]]) -> float | None:
    try:
        return number(raw)
    except ValueError:
        errors[field] = [i18n.gettext("Write a number.")]
        return None


def _required(**values: str) -> dict[str, list[str]]:
    return {name: [i18n.gettext("Fill this in.")] for name, value in values.items() if not value}


def _send(initiative_id: str, form_name: str, method: str, path: str, body: dict,
          errors: dict[str, list[str]]) -> ResponseReturnValue:
    if not errors:
        try:
            call_gateway(method, f"/initiatives/{initiative_id}{path}", json=body)
        except GatewayError as exc:
            errors = refusal(exc, FIELDS, messages=MESSAGES)
    if errors:
        return render_initiative(initiative_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id), 303)


@governance.post("/initiatives/<initiative_id>/deputy")
@signed_in
def deputy(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    person_id = form.get("person_id", "").strip()
    relieve = form.get("relieve") == "yes"
    person = None if relieve else {"person_id": person_id, "name": form.get("name", "").strip() or None,
                                   "email": form.get("email", "").strip() or None}
    errors = {} if relieve else _required(person_id=person_id)
    body = {"deputy": person, "reason": form.get("reason", "").strip() or None}
    return _send(initiative_id, "deputy", "PUT", "/deputy-anchor-person", body, errors)


@governance.post("/initiatives/<initiative_id>/groups/<group>")
@signed_in
def group_members(initiative_id: str, group: str) -> ResponseReturnValue:
    members = members_of(request.form.get("members"))
    return _send(initiative_id, f"group-{group}", "PUT", f"/governance-groups/{group}", {"members": members}, {})


@governance.post("/initiatives/<initiative_id>/anchoring")
@signed_in
def anchoring(initiative_id: str) -> ResponseReturnValue:
    text = request.form.get("anchoring", "").strip() or None
    return _send(initiative_id, "anchoring", "PUT", "/anchoring", {"anchoring": text}, {})


@governance.post("/initiatives/<initiative_id>/funding")
@signed_in
def funding(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    source, amount = form.get("source", "").strip(), form.get("amount_kr", "").strip()
    errors = _required(source=source, amount_kr=amount)
    value = _number(amount, "amount_kr", errors) if amount else None
    body = {"source": source, "amount_kr": value, "co_financing": form.get("co_financing") == "yes",
            "note": form.get("note", "").strip() or None}
    return _send(initiative_id, "funding", "POST", "/funding", body, errors)


@governance.post("/initiatives/<initiative_id>/time")
@signed_in
def time_contribution(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    values = {k: form.get(k, "").strip() for k in ("organisation", "hours", "period_start", "period_end")}
    errors = _required(**values)
    hours = _number(values["hours"], "hours", errors) if values["hours"] else None
    body = {**values, "hours": hours, "note": form.get("note", "").strip() or None}
    return _send(initiative_id, "time", "POST", "/time-contributions", body, errors)


@governance.post("/initiatives/<initiative_id>/proposals")
@signed_in
def proposal(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    values = {k: form.get(k, "").strip() for k in ("actor_id", "title", "date")}
    body = {**values, "adopted": form.get("adopted") == "yes"}
    return _send(initiative_id, "proposal", "POST", "/proposals", body, _required(**values))
