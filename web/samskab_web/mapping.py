"""The workspace's forms for phases 2-4 of the method: the mapping's sources, problem
statements and summary; the analysis's direction and potential actors; actor involvement's
talks with each potential actor and the expectation alignments. Each form posts to the
gateway's own command as the signed-in person; a refusal or a bad field comes back beside
the field and nothing is stored (render_initiative with 422), success redirects (303).

The sections are in ``templates/_mapping.html``; its labels for source kinds, dialogue
statuses and actor kinds come from the vocabulary through this blueprint's template globals.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, url_for
from flask import request as flask_request
from flask.typing import ResponseReturnValue

from samskab_contracts.vocabulary import (
    ACTOR_KIND_LABELS,
    DIALOGUE_STATUS_LABELS,
    DIALOGUE_STEPS,
    PHASES,
    SOURCE_KIND_LABELS,
)

from . import i18n
from .gateway_client import GatewayError
from .method_words import METHOD_GATES, N_
from .pages import call_gateway, refusal, render_initiative, signed_in

method = Blueprint("method", __name__)

MESSAGES: dict[str, str] = {
    "mapping.phase_not_reached": N_("Sources and problem statements are recorded from the mapping phase on."),
    "analysis.phase_not_reached": N_("The direction and potential actors are recorded from the analysis phase on."),
    "involvement.phase_not_reached": N_("Talks in dialogue, joining and expectation alignments belong to actor "
                                        "involvement."),
    "mapping.source.kind_unknown": N_("Choose the kind of source."),
    "mapping.source.date_in_future": N_("The date cannot be in the future."),
    "mapping.source.not_found": N_("Choose the sources among those recorded."),
    "mapping.problem_statement.evidence_required": N_("Choose at least one source that evidences it."),
    "mapping.problem_statement.not_found": N_("Choose the problem statements among those recorded."),
    "analysis.potential_actor.kind_unknown": N_("Choose the kind of actor."),
    "analysis.potential_actor.duplicate": N_("This actor is already a potential actor."),
    "analysis.potential_actor.not_found": N_("Choose the potential actors among those named."),
    "involvement.dialogue.step_not_allowed": N_("The dialogue cannot go to that status from where it is."),
    "involvement.dialogue.nothing_new": N_("Choose a new status, or add a note or what the actor would bring "
                                           "or gain."),
    "involvement.dialogue.date_in_future": N_("The date cannot be in the future."),
    "involvement.alignment.parties_required": N_("Name whom it was agreed with."),
    "involvement.alignment.date_in_future": N_("The date cannot be in the future."),
}
"""The initiatives domain's refusals of these commands, in plain words."""

FIELDS: dict[str, str] = {
    "mapping.source.kind_unknown": "kind", "mapping.source.date_in_future": "date",
    "mapping.source.not_found": "source_ids", "mapping.problem_statement.evidence_required": "source_ids",
    "mapping.problem_statement.not_found": "problem_statement_ids",
    "analysis.potential_actor.kind_unknown": "kind", "analysis.potential_actor.duplicate": "name",
    "analysis.potential_actor.not_found": "potential_actor_ids",
    "involvement.dialogue.step_not_allowed": "dialogue_status", "involvement.dialogue.date_in_future": "date",
    "involvement.alignment.parties_required": "parties", "involvement.alignment.date_in_future": "date",
}
"""Which form field a refusal concerns (the form's top otherwise)."""


def reached(view: dict, phase: str) -> bool:
    """Whether the initiative has come as far as ``phase``."""
    current = view.get("phase")
    return current in PHASES and PHASES.index(current) >= PHASES.index(phase)


def _label(labels: dict[str, dict[str, str]], key: str) -> str:
    return labels.get(key, {}).get(g.lang, key)


@method.app_context_processor
def _labels() -> dict[str, Any]:
    return {"source_kind_label": lambda k: _label(SOURCE_KIND_LABELS, k),
            "dialogue_status_label": lambda s: _label(DIALOGUE_STATUS_LABELS, s),
            "actor_kind_label": lambda k: _label(ACTOR_KIND_LABELS, k),
            "source_kinds": tuple(SOURCE_KIND_LABELS), "actor_kinds": tuple(ACTOR_KIND_LABELS),
            "dialogue_steps": DIALOGUE_STEPS, "reached": reached, "method_gate_phases": tuple(METHOD_GATES)}


def _text(name: str) -> str | None:
    return flask_request.form.get(name, "").strip() or None


def _send(initiative_id: str, form_name: str, method_name: str, suffix: str, body: dict,
          required: tuple[str, ...] = ()) -> ResponseReturnValue:
    """Post ``body`` to the gateway's command; the workspace again (303) or the form's errors (422)."""
    errors = {name: [i18n.gettext("Fill this in.")] for name in required if not body.get(name)}
    if not errors:
        try:
            call_gateway(method_name, f"/initiatives/{initiative_id}{suffix}", json=body)
        except GatewayError as exc:
            errors = refusal(exc, FIELDS, MESSAGES)
    if errors:
        return render_initiative(initiative_id, flask_request.form, {form_name: errors}, 422)
    return redirect(url_for("pages.initiative", initiative_id=initiative_id), 303)


@method.post("/initiatives/<initiative_id>/mapping/sources")
@signed_in
def record_source(initiative_id: str) -> ResponseReturnValue:
    body = {"kind": flask_request.form.get("kind", ""), "gathered_by": _text("gathered_by"),
            "date": _text("date"), "description": _text("description")}
    return _send(initiative_id, "source", "POST", "/mapping/sources", body,
                 ("kind", "gathered_by", "date", "description"))


@method.post("/initiatives/<initiative_id>/mapping/problem-statements")
@signed_in
def record_problem_statement(initiative_id: str) -> ResponseReturnValue:
    body = {"statement": _text("statement"), "source_ids": flask_request.form.getlist("source_ids")}
    return _send(initiative_id, "problem", "POST", "/mapping/problem-statements", body, ("statement", "source_ids"))


@method.post("/initiatives/<initiative_id>/mapping/summary")
@signed_in
def summarise_mapping(initiative_id: str) -> ResponseReturnValue:
    return _send(initiative_id, "summary", "PUT", "/mapping/summary", {"summary": _text("summary")}, ("summary",))


@method.post("/initiatives/<initiative_id>/analysis/direction")
@signed_in
def choose_direction(initiative_id: str) -> ResponseReturnValue:
    body = {"direction": _text("direction"),
            "problem_statement_ids": flask_request.form.getlist("problem_statement_ids")}
    return _send(initiative_id, "direction", "PUT", "/analysis/direction", body, ("direction",))


@method.post("/initiatives/<initiative_id>/analysis/potential-actors")
@signed_in
def identify_potential_actor(initiative_id: str) -> ResponseReturnValue:
    body = {"name": _text("name"), "kind": flask_request.form.get("kind") or None, "why": _text("why"),
            "actor_id": _text("actor_id")}
    return _send(initiative_id, "potential", "POST", "/analysis/potential-actors", body, ("name", "kind", "why"))


@method.post("/initiatives/<initiative_id>/analysis/potential-actors/<potential_actor_id>/dialogue")
@signed_in
def update_dialogue(initiative_id: str, potential_actor_id: str) -> ResponseReturnValue:
    body = {"dialogue_status": flask_request.form.get("dialogue_status", ""), "date": _text("date"),
            "note": _text("note"), "would_bring": _text("would_bring"), "would_gain": _text("would_gain")}
    return _send(initiative_id, f"dialogue-{potential_actor_id}", "PUT",
                 f"/analysis/potential-actors/{potential_actor_id}/dialogue", body, ("dialogue_status",))


@method.post("/initiatives/<initiative_id>/involvement/alignments")
@signed_in
def align_expectations(initiative_id: str) -> ResponseReturnValue:
    body = {"agreed": _text("agreed"), "date": _text("date"),
            "potential_actor_ids": flask_request.form.getlist("potential_actor_ids"),
            "parties": [p.strip() for p in flask_request.form.get("parties", "").split(",") if p.strip()]}
    return _send(initiative_id, "alignment", "POST", "/involvement/alignments", body, ("agreed", "date"))
