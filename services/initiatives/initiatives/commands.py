"""The table of commands and queries the initiatives service answers (name -> handler)."""
from __future__ import annotations

from . import handlers as h

COMMANDS = {
    "create_initiative": h.create_initiative,
    "advance_phase": h.advance_phase,
    "assign_anchor_person": h.assign_anchor_person,
    "set_working_group": h.set_working_group,
    "assign_coordinator": h.assign_coordinator,
    "establish_platform": h.establish_platform,
    "assign_platform_lead": h.assign_platform_lead,
    "set_baseline": h.set_baseline,
    "set_goal": h.set_goal,
    "adjust_goal": h.adjust_goal,
    "record_measurement": h.record_measurement,
    "record_assessment": h.record_assessment,
    "document_result": h.document_result,
    "record_ripple_effect": h.record_ripple_effect,
    "schedule_reality_checks": h.schedule_reality_checks,
    "record_reality_check": h.record_reality_check,
    "hold_citizen_meeting": h.hold_citizen_meeting,
    "record_safety_walk": h.record_safety_walk,
    "create_follow_up_action": h.create_follow_up_action,
    "resolve_finding": h.resolve_finding,
    "close_initiative": h.close_initiative,
    "become_network": h.become_network,
}

EVENT_HANDLERS = {
    "ActorJoined": h.apply_actor_joined,
    "ActorLeft": h.apply_actor_left,
}
