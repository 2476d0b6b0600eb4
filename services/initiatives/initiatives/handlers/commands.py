"""Commands of the initiatives service: one plain function per command (and the
timer's sweep for overdue reality checks).

Each validates its payload and hands a ``decide`` step to the one save path
(command_path, samskab_infra.saving): load the initiative, let the domain act, wrap the
events it raised in envelopes, save state, envelopes and the command's outcome in one
write, and decide again on fresh state when a background write (a member joining) got
in between. ``ctx.principal.subject`` is recorded as ``by``; ``ctx.now`` (or the current
UTC time) as ``at``. New ids are made here: the initiative's from the command id when
there is one (Context.new_id), the others uuid4 (a repeated command is answered from its
record).
"""
from __future__ import annotations

import logging

from samskab_contracts.commands import initiatives as s
from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.context import Context
from samskab_infra.errors import Conflict, ServiceUnavailable
from samskab_infra.saving import AggregatePort, Decision

from ..domain import Initiative
from ..domain.rules import today
from .command_path import act, decision_of, initiative_of, new_id, save_and_answer, spec_of

log = logging.getLogger(__name__)


# -- start-up and phases ---------------------------------------------------------


def create_initiative(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    data = s.load(s.CreateInitiativeSchema, payload)
    initiative_id = ctx.new_id("initiative")

    def decide(doc: dict | None) -> Decision:
        if doc is not None:
            raise Conflict(f"initiative {initiative_id} already exists", code="already_exists")
        now = ctx.current_time()
        initiative = Initiative.create(initiative_id, data, by=ctx.principal.subject, now=now)
        return decision_of(initiative, ctx, now, {"initiative_id": initiative_id})

    return save_and_answer(store, initiative_id, decide, dict, command_id=ctx.command_id, creates=True)


def advance_phase(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.AdvancePhaseSchema, lambda i, d, by, now: i.advance_phase(
        d["to_phase"], d["reason"], override_reason=d["override_reason"], by=by, now=now))


def assign_anchor_person(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.AssignAnchorPersonSchema,
               lambda i, d, by, now: i.assign_anchor_person(d["anchor_person"], d["reason"],
                                                            by=by, now=now))


def set_working_group(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.SetWorkingGroupSchema,
               lambda i, d, by, now: i.change_working_group(d["add"], d["remove"], by=by,
                                                            now=now))


def assign_coordinator(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.AssignCoordinatorSchema,
               lambda i, d, by, now: i.assign_coordinator(d["coordinator"], d["reason"],
                                                          by=by, now=now))


def assign_platform_lead(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.AssignPlatformLeadSchema,
               lambda i, d, by, now: i.assign_platform_lead(d["platform_id"], d["lead"], d["reason"],
                                                            by=by, now=now))


# -- platforms and goals -----------------------------------------------------------


def establish_platform(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        platform = i.establish_platform(new_id(), d["name"], d["focus_area"], d["description"],
                                        by=by, now=now)
        return {"platform_id": platform.platform_id}
    return act(store, payload, ctx, s.EstablishPlatformSchema, action)


def set_baseline(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        baseline = i.describe_baseline(d["platform_id"], d["description"], d["date"], by=by, now=now)
        return {"baseline": baseline}
    return act(store, payload, ctx, s.SetBaselineSchema, action)


def set_goal(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        return {"goal_id": i.set_goal(new_id(), spec_of(d), by=by, now=now).goal_id}
    return act(store, payload, ctx, s.SetGoalSchema, action)


def adjust_goal(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.AdjustGoalSchema,
               lambda i, d, by, now: {"changes": i.adjust_goal(d["goal_id"], d["changes"],
                                                               d["reason"], by=by, now=now)})


def record_measurement(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        i.record_measurement(d["goal_id"], d["date"], d["value"], d["note"], by=by, now=now)
        return {"met": i.goal(d["goal_id"]).is_met()}
    return act(store, payload, ctx, s.RecordMeasurementSchema, action)


def record_assessment(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        i.record_assessment(d["goal_id"], d["date"], d["level"], d["assessment"], by=by, now=now)
        return {"met": i.goal(d["goal_id"]).is_met()}
    return act(store, payload, ctx, s.RecordAssessmentSchema, action)


# -- value creation and reality checks ---------------------------------------------


def document_result(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.DocumentResultSchema, lambda i, d, by, now: {
        "result_id": i.document_result(new_id(), spec_of(d), by=by, now=now)["result_id"]})


def record_ripple_effect(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordRippleEffectSchema, lambda i, d, by, now: {
        "ripple_effect_id": i.record_ripple_effect(new_id(), spec_of(d), by=by,
                                                   now=now)["ripple_effect_id"]})


def schedule_reality_checks(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.ScheduleRealityChecksSchema, lambda i, d, by, now: {
        "next_due": i.schedule_reality_checks(d["platform_id"], d["interval_days"], d["first_due"],
                                              by=by, now=now)})


def record_reality_check(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordRealityCheckSchema, lambda i, d, by, now: {
        "reality_check_id": i.record_reality_check(new_id(), d["platform_id"], d["date"],
                                                   d["scores"], d["notes"], by=by,
                                                   now=now)["reality_check_id"]})


def reality_check_due_filter(now: str) -> dict:
    """Mongo filter for the timer: active initiatives with a check due before today."""
    return {"status": "active", "reality_checks_due_at": {"$lt": today(now).isoformat()}}


def initiatives_with_overdue_reality_checks(docs, now: str) -> list[str]:
    """Of stored initiative documents (e.g. a store query's result), the ids the
    timer should call :func:`flag_overdue_reality_checks` for."""
    cutoff = today(now).isoformat()
    return [d["initiative_id"] for d in docs
            if d.get("status") == "active" and (d.get("reality_checks_due_at") or "9999") < cutoff]


def flag_overdue_reality_checks(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    """Per initiative (timer-driven): raise RealityCheckOverdue once per platform and due
    date. Nothing is written when nothing is newly overdue."""
    data = s.load(s.InitiativeRefSchema, payload)

    def decide(doc: dict | None) -> Decision:
        initiative = initiative_of(doc, data["initiative_id"])
        now = ctx.current_time()
        flagged = initiative.flag_overdue_reality_checks(by=ctx.principal.subject, now=now)
        if not flagged:
            return Decision(None, outcome={"events": [], "flagged_platform_ids": []})
        return decision_of(initiative, ctx, now, {"flagged_platform_ids": flagged})

    return save_and_answer(store, data["initiative_id"], decide, dict)


def flag_all_overdue_reality_checks(store: AggregateStore, ctx: Context) -> dict:
    """The timer's sweep over every initiative. One that kept changing through every
    attempt is left for the next sweep instead of stopping the others."""
    now = ctx.current_time()
    flagged: dict[str, list[str]] = {}
    for initiative_id in initiatives_with_overdue_reality_checks(
            store.find(reality_check_due_filter(now)), now):
        try:
            result = flag_overdue_reality_checks(store, {"initiative_id": initiative_id}, ctx)
        except ServiceUnavailable:
            log.warning("initiative %s kept changing during the overdue sweep; next sweep flags it",
                        initiative_id)
            continue
        if result["flagged_platform_ids"]:
            flagged[initiative_id] = result["flagged_platform_ids"]
    return {"flagged": flagged}


# -- citizen involvement -------------------------------------------------------------


def hold_citizen_meeting(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.HoldCitizenMeetingSchema, lambda i, d, by, now: {
        "activity_id": i.hold_citizen_meeting(new_id(), spec_of(d), by=by, now=now)["activity_id"]})


def record_safety_walk(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        finding_ids = [new_id() for _ in d["findings"]]
        activity = i.record_safety_walk(new_id(), spec_of(d), finding_ids, by=by, now=now)
        return {"activity_id": activity["activity_id"], "finding_ids": finding_ids}
    return act(store, payload, ctx, s.RecordSafetyWalkSchema, action)


def create_follow_up_action(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.CreateFollowUpActionSchema, lambda i, d, by, now: {
        "action_id": i.create_follow_up_action(d["finding_id"], new_id(), d["assigned_actor_id"],
                                               d["description"], d["due_date"], by=by,
                                               now=now)["action_id"]})


def resolve_finding(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.ResolveFindingSchema, lambda i, d, by, now: {
        "resolution": i.resolve_finding(d["finding_id"], d["resolution"], d["date"], by=by, now=now)})


# -- closing ---------------------------------------------------------------------------


def close_initiative(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.CloseInitiativeSchema,
               lambda i, d, by, now: i.close(d["summary"], override_reason=d["override_reason"],
                                             by=by, now=now))


def become_network(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.BecomeNetworkSchema,
               lambda i, d, by, now: i.become_network(d["network_name"], d["purpose"], by=by,
                                                      now=now))


# -- revising and pausing ----------------------------------------------------------------


def revise_initiative(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        changes = {k: v for k, v in spec_of(d).items() if k != "reason"}
        return {"changed_fields": i.revise(changes, d["reason"], by=by, now=now)}
    return act(store, payload, ctx, s.ReviseInitiativeSchema, action)


def revise_challenge(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.ReviseChallengeSchema, lambda i, d, by, now: {
        "challenge_revision": i.revise_challenge(d["challenge"], d["reason"], by=by, now=now)})


def pause_initiative(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.PauseInitiativeSchema,
               lambda i, d, by, now: i.pause(d["reason"], by=by, now=now))


def resume_initiative(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.ResumeInitiativeSchema, lambda i, d, by, now: {
        "days_paused": i.resume(d["note"], by=by, now=now)})
