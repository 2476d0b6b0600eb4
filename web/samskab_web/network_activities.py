"""General activities and the living network in the workspace (issue 15): platform meetings,
workshops, theme evenings, parent meetings, conversation salons, 0-tolerance weekends,
campaigns and network meetings with who took part, the target groups reached and what came of
it; and the ideas an initiative (a network, most often) hands over to other bodies.

The forms are in ``templates/_network_activities.html``; both are the initiative's work, open
while it is active and once it goes on as a network (the gateway decides each post). Citizen
meetings and safety walks keep their forms in ``activities.py``."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import ACTIVITY_KIND_LABELS, MAX_PARTICIPANTS, TARGET_GROUP_LABELS

from . import i18n
from .activities import REFUSALS as ACTIVITY_REFUSALS
from .gateway_client import GatewayError
from .gateway_messages import N_
from .pages import call_gateway, refusal, render_initiative, signed_in
from .reports import report_label
from .web_forms import FormErrors, actors_of, day_of, optional, placed, platform_of, required

network_activities = Blueprint("network_activities", __name__)

LIVING = ("active", "network")
"""The statuses in which activities, results and ideas are recorded (a network's too)."""
REFUSALS = {
    **ACTIVITY_REFUSALS,
    "activity.kind.unknown": N_("Choose a kind of activity from the list."),
    "activity.target_groups.without_citizens": N_("Count the citizens the target groups describe."),
    "activity.target_group.unknown": N_("Choose target groups from the list."),
    "activity.result.not_found": N_("Choose results documented in this initiative."),
    "idea.date_in_future": N_("The date cannot be in the future."),
    "idea.outcome.unchanged": N_("This is already what became of it."),
    "initiative.closed": N_("The initiative is closed; once it goes on as a network, this can be recorded."),
}
FIELDS = {"idea.outcome.unchanged": "outcome", "activity.date_in_future": "date", "idea.date_in_future": "date",
          "date.invalid": "date",
          "activity.kind.unknown": "kind", "activity.target_groups.without_citizens": "citizens_count",
          "activity.target_group.unknown": "target_groups", "activity.result.not_found": "result_ids"}
ACTIVITY_SHOWN = {"kind", "title", "date", "place", "citizens_count", "target_groups", "outcome", "result_ids"}
IDEA_SHOWN = {"idea", "recipient_name", "date", "outcome"}
OUTCOME_SHOWN = {"outcome"}


@network_activities.app_context_processor
def _vocabulary() -> dict[str, Any]:
    """The managed lists the partial offers, in the page's language."""
    return {"activity_kinds": list(ACTIVITY_KIND_LABELS), "target_groups": list(TARGET_GROUP_LABELS),
            "activity_kind_label": lambda k: ACTIVITY_KIND_LABELS.get(k, {}).get(g.lang, k),
            "target_group_label": lambda t: TARGET_GROUP_LABELS.get(t, {}).get(g.lang, t),
            "living_statuses": LIVING, "activity_label": activity_label}


def activity_label(key: str) -> str:
    """An activity's type in the roll-up: a general activity's kind from the vocabulary, a
    citizen meeting or safety walk as the reports name it."""
    if key in ACTIVITY_KIND_LABELS:
        return ACTIVITY_KIND_LABELS[key].get(g.lang, key)
    return report_label(key)


def _count_of(form: MultiDict, field: str, errors: FormErrors) -> int:
    raw = form.get(field, "").strip() or "0"
    if not raw.isdigit() or int(raw) > MAX_PARTICIPANTS:
        errors.setdefault(field, []).append(i18n.gettext(N_("Write a whole number, 0 or more.")))
        return 0
    return int(raw)


def _post(initiative_id: str, path: str, body: dict, errors: FormErrors, form_name: str,
          shown: set[str]) -> ResponseReturnValue:
    if not errors:
        try:
            call_gateway("POST", f"/initiatives/{initiative_id}{path}", json=body)
        except GatewayError as exc:
            errors = placed(refusal(exc, FIELDS, messages=REFUSALS), shown)
        else:
            return redirect(url_for("pages.initiative", initiative_id=initiative_id,
                                    _anchor="network-activities-heading"), 303)
    return render_initiative(initiative_id, request.form, {form_name: errors}, 422)


@network_activities.post("/initiatives/<initiative_id>/activities")
@signed_in
def record_activity(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {"kind": required(form, "kind", errors), "title": optional(form, "title"),
            "date": day_of(form, "date", errors), "place": required(form, "place", errors),
            "platform_id": platform_of(form), "actor_ids": actors_of(form),
            "citizens_count": _count_of(form, "citizens_count", errors),
            "target_groups": form.getlist("target_groups"), "outcome": optional(form, "outcome"),
            "result_ids": [r for r in form.getlist("result_ids") if r.strip()]}
    return _post(initiative_id, "/activities", body, errors, "activity", ACTIVITY_SHOWN)


@network_activities.post("/initiatives/<initiative_id>/ideas-handed-over")
@signed_in
def hand_over_idea(initiative_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    actor_id = form.get("recipient_actor_id", "").strip() or None
    name = optional(form, "recipient_name")
    if not name and not actor_id:
        errors["recipient_name"] = [i18n.gettext(N_("Name the body the idea went to, or choose an actor."))]
    body = {"idea": required(form, "idea", errors), "recipient_name": name, "recipient_actor_id": actor_id,
            "date": day_of(form, "date", errors), "outcome": optional(form, "outcome")}
    return _post(initiative_id, "/ideas-handed-over", body, errors, "idea", IDEA_SHOWN)


@network_activities.post("/initiatives/<initiative_id>/ideas-handed-over/<idea_id>/outcome")
@signed_in
def record_idea_outcome(initiative_id: str, idea_id: str) -> ResponseReturnValue:
    form = request.form
    errors: FormErrors = {}
    body = {"outcome": required(form, "outcome", errors)}
    if not errors:
        try:
            call_gateway("PUT", f"/initiatives/{initiative_id}/ideas-handed-over/{idea_id}/outcome", json=body)
        except GatewayError as exc:
            errors = placed(refusal(exc, FIELDS, messages=REFUSALS), OUTCOME_SHOWN)
        else:
            return redirect(url_for("pages.initiative", initiative_id=initiative_id,
                                    _anchor="network-activities-heading"), 303)
    return render_initiative(initiative_id, form, {f"outcome-{idea_id}": errors}, 422)
