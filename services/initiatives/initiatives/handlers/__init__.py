"""Use cases of the initiatives service and the tables the entrypoints route by (name ->
handler): ``commands`` (one plain function per command, each taking the command path in
``command_path``), ``queries`` (the read side), ``events`` (reactions to other services'
events) and ``authorisation`` (who may run which command, decided before it runs)."""
from __future__ import annotations

from . import commands as c
from . import events as e
from . import governance as g
from . import learning as learn
from . import mapping as m
from . import network as n
from . import queries as q
from . import reach as r

COMMANDS = {
    "create_initiative": c.create_initiative,
    "advance_phase": c.advance_phase,
    "assign_anchor_person": c.assign_anchor_person,
    "set_working_group": c.set_working_group,
    "assign_coordinator": c.assign_coordinator,
    "establish_platform": c.establish_platform,
    "assign_platform_lead": c.assign_platform_lead,
    "set_baseline": c.set_baseline,
    "set_goal": c.set_goal,
    "adjust_goal": c.adjust_goal,
    "record_measurement": c.record_measurement,
    "record_assessment": c.record_assessment,
    "document_result": c.document_result,
    "record_ripple_effect": c.record_ripple_effect,
    "schedule_reality_checks": c.schedule_reality_checks,
    "record_reality_check": c.record_reality_check,
    "hold_citizen_meeting": c.hold_citizen_meeting,
    "record_safety_walk": c.record_safety_walk,
    "create_follow_up_action": c.create_follow_up_action,
    "resolve_finding": c.resolve_finding,
    "close_initiative": c.close_initiative,
    "become_network": c.become_network,
    "record_mapping_source": m.record_mapping_source,
    "record_problem_statement": m.record_problem_statement,
    "summarise_mapping": m.summarise_mapping,
    "choose_direction": m.choose_direction,
    "identify_potential_actor": m.identify_potential_actor,
    "update_dialogue": m.update_dialogue,
    "align_expectations": m.align_expectations,
    "record_lesson": learn.record_lesson,
    "record_partner_quote": learn.record_partner_quote,
    "link_inspiration": learn.link_inspiration,
    "revise_initiative": c.revise_initiative,
    "revise_challenge": c.revise_challenge,
    "pause_initiative": c.pause_initiative,
    "resume_initiative": c.resume_initiative,
    "assign_deputy_anchor_person": g.assign_deputy_anchor_person,
    "set_governance_group": g.set_governance_group,
    "describe_anchoring": g.describe_anchoring,
    "record_funding": g.record_funding,
    "record_time_contribution": g.record_time_contribution,
    "record_proposal": g.record_proposal,
    "record_activity": n.record_activity,
    "hand_over_idea": n.hand_over_idea,
    "record_idea_outcome": n.record_idea_outcome,
    "add_participating_district": r.add_participating_district,
    "remove_participating_district": r.remove_participating_district,
    "set_scope": r.set_scope,
}

QUERIES = {
    "get_initiative": q.get_initiative,
    "list_initiatives": q.list_initiatives,
    "initiative_history": q.initiative_history,
}

EVENT_HANDLERS = {
    "ActorJoined": e.apply_actor_joined,
    "ActorLeft": e.apply_actor_left,
}
