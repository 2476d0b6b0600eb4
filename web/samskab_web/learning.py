"""Learning between initiatives: the workspace's section for what was hard, what was learned,
what the partners say and which initiatives inspired this one (``templates/_learning.html``),
and "Erfaringer" under "Tal og rapporter" (``/reports/lessons``): the lessons of every
initiative the person may read, found by district, theme, phase, kind and words.

Each form posts the gateway's own command as the signed-in person; a refusal or a bad field
comes back beside the field and nothing is stored (422), success redirects (303). A partner's
name is asked for only with their consent; a quote may be attributed to one of the actors
taking part (a select of the initiative's actors, optional); an inspiring initiative in another district is
named by its id and, when the person may not open it, by its title in their own words."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import LESSON_KIND_LABELS, LESSON_KINDS, PHASES, THEMES

from . import i18n
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import call_gateway, refusal, render_initiative, signed_in

learning = Blueprint("learning", __name__)
LESSONS_PAGE = 50

MESSAGES: dict[str, str] = {
    "learning.lesson.phase_not_reached": N_("Choose a phase the initiative has reached."),
    "learning.quote.date_in_future": N_("The date cannot be in the future."),
    "learning.quote.actor_not_taking_part": N_("The actor does not take part in the initiative."),
    "learning.inspiration.self": N_("An initiative cannot be inspired by itself."),
    "learning.inspiration.duplicate": N_("This initiative is already linked as an inspiration."),
}
"""The initiatives domain's refusals of these commands, in plain words."""
GATEWAY_FIELD_MESSAGES = (N_("required for an initiative you may not read"),)
"""The gateway's words for a missing title, translated where field_errors shows them."""

FIELDS: dict[str, str] = {
    "learning.lesson.phase_not_reached": "about_phase", "learning.quote.date_in_future": "date",
    "learning.quote.actor_not_taking_part": "actor_id",
    "learning.inspiration.self": "inspired_by_initiative_id",
    "learning.inspiration.duplicate": "inspired_by_initiative_id",
}


@learning.app_context_processor
def _labels() -> dict[str, Any]:
    return {"lesson_kinds": LESSON_KINDS, "all_phases": PHASES, "all_themes": tuple(THEMES),
            "lesson_kind_label": lambda k: LESSON_KIND_LABELS.get(k, {}).get(g.lang, k)}


def _text(name: str) -> str | None:
    return request.form.get(name, "").strip() or None


def _send(initiative_id: str, form_name: str, suffix: str, body: dict,
          required: tuple[str, ...]) -> ResponseReturnValue:
    errors = {name: [i18n.gettext("Fill this in.")] for name in required if not body.get(name)}
    if not errors:
        try:
            call_gateway("POST", f"/initiatives/{initiative_id}{suffix}", json=body)
        except GatewayError as exc:
            errors = refusal(exc, FIELDS, MESSAGES)
    if errors:
        return render_initiative(initiative_id, request.form, {form_name: errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id) + "#learning-heading", 303)


@learning.post("/initiatives/<initiative_id>/lessons")
@signed_in
def record_lesson(initiative_id: str) -> ResponseReturnValue:
    body = {"kind": request.form.get("kind", ""), "about_phase": request.form.get("about_phase", ""),
            "theme": request.form.get("theme") or None, "text": _text("text")}
    return _send(initiative_id, "lesson", "/lessons", body, ("kind", "about_phase", "text"))


@learning.post("/initiatives/<initiative_id>/partner-quotes")
@signed_in
def record_partner_quote(initiative_id: str) -> ResponseReturnValue:
    body = {"quote": _text("quote"), "organisation": _text("organisation"), "role": _text("role"),
            "name": _text("name"), "date": _text("date"), "actor_id": _text("actor_id")}
    return _send(initiative_id, "quote", "/partner-quotes", body, ("quote", "organisation", "role", "date"))


@learning.post("/initiatives/<initiative_id>/inspirations")
@signed_in
def link_inspiration(initiative_id: str) -> ResponseReturnValue:
    body = {"inspired_by_initiative_id": _text("inspired_by_initiative_id"), "title": _text("title"),
            "note": _text("note")}
    return _send(initiative_id, "inspiration", "/inspirations", body, ("inspired_by_initiative_id",))


def _choice(name: str, allowed: Any) -> str | None:
    """A filter of the lessons page: absent, or one of ``allowed`` (anything else is 404)."""
    chosen = request.args.get(name) or None
    if chosen is not None and chosen not in allowed:
        abort(404)
    return chosen


@learning.get("/reports/lessons")
@signed_in
def lessons() -> ResponseReturnValue:
    """The lessons of the initiatives the person may read (the national centre: every district)."""
    chosen = {"district": _choice("district", DISTRICTS), "theme": _choice("theme", THEMES),
              "phase": _choice("phase", PHASES), "kind": _choice("kind", LESSON_KINDS),
              "q": (request.args.get("q") or "").strip()[:200] or None}
    params: dict[str, Any] = {k: v for k, v in chosen.items() if v}
    params["limit"] = str(LESSONS_PAGE)
    if (request.args.get("cursor") or "").isdigit():
        params["cursor"] = request.args["cursor"]
    page = call_gateway("GET", "/reports/lessons", params=params)
    return render_template("lessons.html", lessons=page["items"], next_cursor=page.get("next_cursor"),
                           chosen=chosen, districts=DISTRICTS)
