"""The initiative workspace's words for the method: the gate of the next phase as a checklist
in plain words, each item met or not by the initiative view the gateway returned, and the
gateway's refusals (by their error code) as messages in the person's language.

The gate rules themselves live in the initiatives domain (lifecycle's ``_check_gate`` and the
closing override); this module only names them, keyed by the same error codes, so a refusal
and its checklist item say the same thing. Who may steer is decided with the access policy's
own function on the grants the gateway's ``/me`` answered; the gateway still decides every post.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from samskab_contracts.access import may_on_initiative
from samskab_contracts.vocabulary import PHASE_LABELS, PHASES
from samskab_infra.context import Principal

from .learning_words import LEARNING_EVENT_LABELS
from .method_words import METHOD_EVENT_LABELS, METHOD_GATES
from .network_words import NETWORK_EVENT_LABELS


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for a no-op marker
    return message


@dataclass(frozen=True)
class GateItem:
    code: str  # the domain's error code when the gate refuses
    text: str  # the catalogue's message id, in plain words
    met: bool


# The next phase -> its gate: (error code, plain words, is it met by the initiative view).
GATES: dict[str, tuple[tuple[str, str, Callable[[dict], bool]], ...]] = {
    "mapping": (
        ("phase.gate.anchor_person_required", N_("Appoint an anchor person before mapping"),
         lambda view: view.get("anchor_person") is not None),
    ),
    "co_creative_development": (
        ("phase.gate.platform_required",
         N_("At least one development platform before co-creative development"),
         lambda view: bool(view.get("platforms"))),
    ),
    "closing": (
        ("phase.gate.platform_goals_not_reached",
         N_("Every development platform has reached its goals before closing, "
            "or a recorded decision to close anyway"),
         lambda view: bool(view.get("eligible_to_close")) or view.get("closing_override") is not None),
    ),
    **METHOD_GATES,
}

# The gateway's refusals of the workspace's commands, by error code.
REFUSALS: dict[str, str] = {
    **{code: text for gate in GATES.values() for code, text, _ in gate},
    "phase.transition.already_in_phase": N_("The initiative is already in that phase."),
    "phase.transition.backwards": N_("Phases do not go back."),
    "phase.transition.skip": N_("Phases advance one at a time."),
    "phase.override.not_applicable": N_("A decision to close anyway only applies to entering closing."),
    "initiative.closed": N_("The initiative is closed and can no longer change."),
    "initiative.paused": N_("The initiative is on standby: resume it before it goes on."),
    "roles.anchor_person.already_assigned": N_("This person is already the anchor person."),
    "roles.anchor_person.handover_reason_required": N_("Handing over the anchor person needs a reason."),
    "text.required": N_("Fill this in."),
    "text.too_long": N_("The text is too long."),
    "conflict": N_("Someone else changed the initiative meanwhile. Look again and send the form once more."),
}


def next_phase(view: dict) -> str | None:
    """The phase after the current one, or None when the initiative is in its last phase, on
    standby or no longer active."""
    phase = view.get("phase")
    if view.get("status") != "active" or view.get("paused") or phase not in PHASES or phase == PHASES[-1]:
        return None
    return PHASES[PHASES.index(phase) + 1]


def gate_checklist(view: dict) -> list[GateItem]:
    """The gate of the next phase, each item met or not (empty: nothing but a reason is needed)."""
    upcoming = next_phase(view)
    return [GateItem(code, text, bool(is_met(view))) for code, text, is_met in GATES.get(upcoming or "", ())]


def refusal_message(code: str) -> str | None:
    """The catalogue's message id for a refusal's code, None when the catalogue has none."""
    return REFUSALS.get(code)


def may(me: dict, action: str, view: dict) -> bool:
    """Whether the grants in ``me`` (the gateway's /me) allow ``action`` on the initiative, by
    the access policy the services apply."""
    principal = Principal.from_dict({"subject": me.get("subject") or "-", "grants": me.get("grants") or []})
    return may_on_initiative(principal, action, view.get("district"), view.get("initiative_id"),
                             participating=view.get("participating_districts") or ())


# The audit trail's event types (the initiatives service's events) in plain words.
EVENT_LABELS: dict[str, str] = {
    "InitiativeCreated": N_("Initiative started"),
    "InitiativePhaseAdvanced": N_("Moved on to the next phase"),
    "AnchorPersonAssigned": N_("Anchor person appointed"),
    "WorkingGroupChanged": N_("Working group changed"),
    "CoordinatorAssigned": N_("Coordinator appointed"),
    "PlatformLeadAssigned": N_("Platform lead appointed"),
    "PlatformEstablished": N_("Development platform established"),
    "BaselineDescribed": N_("Baseline described"),
    "GoalSet": N_("Goal set"),
    "GoalAdjusted": N_("Goal adjusted"),
    "GoalProgressRecorded": N_("Measurement or assessment recorded"),
    "PlatformGoalReached": N_("A platform reached its goals"),
    "PlatformGoalUnmet": N_("A platform no longer meets its goals"),
    "ResultDocumented": N_("Result documented"),
    "RippleEffectRecorded": N_("Ripple effect recorded"),
    "RealityCheckScheduled": N_("Reality checks scheduled"),
    "RealityCheckRecorded": N_("Reality check recorded"),
    "RealityCheckOverdue": N_("Reality check overdue"),
    "ActivityHeld": N_("Citizen meeting or safety walk held"),
    "SafetyWalkFindingRecorded": N_("Safety-walk finding recorded"),
    "FollowUpActionCreated": N_("Follow-up action created"),
    "FindingResolved": N_("Finding resolved"),
    "InitiativeClosed": N_("Initiative closed"),
    "InitiativeBecameNetwork": N_("Continues as a network"),
    **METHOD_EVENT_LABELS,
    "InitiativeRevised": N_("Initiative revised"),
    "ChallengeRevised": N_("Challenge revised"),
    "InitiativePaused": N_("Initiative put on standby"),
    "InitiativeResumed": N_("Initiative resumed"),
    **NETWORK_EVENT_LABELS,
    **LEARNING_EVENT_LABELS,
}


def event_label(event_type: str) -> str:
    """The catalogue's message id for an event type (the type itself when it has none)."""
    return EVENT_LABELS.get(event_type, event_type)


def event_detail(event: dict, lang: str) -> str:
    """A few words of what the event says, for the steps the workspace takes (no translation
    needed: phase labels come from the vocabulary, the rest is what people wrote)."""
    data = event.get("data") or {}
    kind = event.get("type")
    if kind == "InitiativePhaseAdvanced":
        step = f"{PHASE_LABELS.get(data.get('from_phase', ''), {}).get(lang, data.get('from_phase'))} → " \
               f"{PHASE_LABELS.get(data.get('to_phase', ''), {}).get(lang, data.get('to_phase'))}"
        return f"{step}: {data['reason']}" if data.get("reason") else step
    if kind == "AnchorPersonAssigned":
        person = data.get("anchor_person") or {}
        return str(person.get("name") or person.get("person_id") or "")
    if kind == "InitiativeCreated":
        return str(data.get("title") or "")
    if kind in ("InitiativeRevised", "ChallengeRevised", "InitiativePaused"):
        return str(data.get("reason") or "")
    if kind == "InitiativeResumed":
        return str(data.get("note") or "")
    return ""
