"""Use cases of the initiatives service: one plain function per command or query.

Each command validates its payload and hands a ``decide`` step to the shared save path
(samskab_infra.saving): load the initiative, let the domain act, wrap the events it
raised in envelopes, save state, envelopes and the command's outcome in one write, and
decide again on fresh state when a background write (a member joining) got in between.
``ctx.principal.subject`` is recorded as ``by``; ``ctx.now`` (or the current UTC time)
as ``at``. New ids are made here: the initiative's from the command id when there is one
(Context.new_id), the others uuid4 (a repeated command is answered from its record).
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from samskab_contracts.commands import initiatives as s
from samskab_contracts.vocabulary import PHASE_LABELS
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import Conflict, NotFound, ServiceUnavailable
from samskab_infra.saving import Decision, Saved, save_command

from .domain import Initiative
from .domain.rules import today

log = logging.getLogger(__name__)
Action = Callable[[Initiative, dict, str, str], dict | None]


def _new_id() -> str:
    return str(uuid.uuid4())


def _initiative(doc: dict | None, initiative_id: str) -> Initiative:
    if doc is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    return Initiative.from_document(doc)


def _envelopes(initiative: Initiative, ctx: Context, now: str) -> list[Envelope]:
    return [Envelope.wrap(event, correlation_id=ctx.correlation_id,
                          causation_id=ctx.causation_id, district=initiative.district,
                          occurred_at=now)
            for event in initiative.pending_events]


def _decision(initiative: Initiative, ctx: Context, now: str, extra: dict) -> Decision:
    """The outcome kept for a repeat of the command is the ids it made and the events'
    types: the rest of ``extra`` (a baseline, a resolution) is in the initiative itself,
    and personal data stays in the places erasure knows (docs/personal-data.md)."""
    envelopes = _envelopes(initiative, ctx, now)
    made = {k: v for k, v in extra.items() if k.endswith(("_id", "_ids"))}
    return Decision(initiative.to_document(), envelopes, {"events": [e.type for e in envelopes], **made})


def _answer(saved: Saved, extra: dict) -> dict:
    """The initiative as it is after the command (for a repeated command: as it is now)
    and what the command made."""
    return {"initiative": initiative_view(saved.document), **extra, **saved.outcome}


def _command(store, payload: dict, ctx: Context, schema, action: Action) -> dict:
    """Act on the initiative and save; nothing is stored if a rule fails. If-Match
    (``expected_version``) is checked against the initiative as read."""
    data = s.load(schema, payload)
    extra: dict = {}

    def decide(doc: dict | None) -> Decision:
        nonlocal extra
        initiative = _initiative(doc, data["initiative_id"])
        now = ctx.current_time()
        extra = action(initiative, data, ctx.principal.subject, now) or {}
        return _decision(initiative, ctx, now, extra)

    saved = save_command(store, data["initiative_id"], decide,
                         expected_version=data.get("expected_version"), command_id=ctx.command_id)
    return _answer(saved, {} if saved.replayed else extra)


# -- queries -------------------------------------------------------------------


def initiative_view(doc: dict) -> dict:
    """The public view of a stored initiative: no private (underscore) fields, derived
    fields (eligible_to_close, reality_checks_due_at, ...) computed afresh."""
    fresh = Initiative.from_document(doc).to_document()
    view = {k: v for k, v in fresh.items() if not k.startswith("_")}
    view["version"] = doc.get("version")
    view["phase_label"] = PHASE_LABELS[view["phase"]]
    return view


def get_initiative(store, initiative_id: str) -> dict:
    doc = store.get(initiative_id)
    if doc is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    return initiative_view(doc)


# -- start-up and phases ---------------------------------------------------------


def create_initiative(store, payload: dict, ctx: Context) -> dict:
    data = s.load(s.CreateInitiativeSchema, payload)
    initiative_id = ctx.new_id("initiative")

    def decide(doc: dict | None) -> Decision:
        if doc is not None:
            raise Conflict(f"initiative {initiative_id} already exists", code="already_exists")
        now = ctx.current_time()
        initiative = Initiative.create(initiative_id, data, by=ctx.principal.subject, now=now)
        return _decision(initiative, ctx, now, {"initiative_id": initiative_id})

    return _answer(save_command(store, initiative_id, decide, command_id=ctx.command_id), {})


def advance_phase(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.AdvancePhaseSchema, lambda i, d, by, now: i.advance_phase(
        d["to_phase"], d["reason"], override_reason=d["override_reason"], by=by, now=now))


def assign_anchor_person(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.AssignAnchorPersonSchema,
                    lambda i, d, by, now: i.assign_anchor_person(d["anchor_person"], d["reason"],
                                                                 by=by, now=now))


def set_working_group(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.SetWorkingGroupSchema,
                    lambda i, d, by, now: i.change_working_group(d["add"], d["remove"], by=by,
                                                                 now=now))


def assign_coordinator(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.AssignCoordinatorSchema,
                    lambda i, d, by, now: i.assign_coordinator(d["coordinator"], d["reason"],
                                                               by=by, now=now))


def assign_platform_lead(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.AssignPlatformLeadSchema,
                    lambda i, d, by, now: i.assign_platform_lead(d["platform_id"], d["lead"], d["reason"],
                                                                 by=by, now=now))


# -- platforms and goals -----------------------------------------------------------


def establish_platform(store, payload: dict, ctx: Context) -> dict:
    def act(i: Initiative, d: dict, by: str, now: str) -> dict:
        platform = i.establish_platform(_new_id(), d["name"], d["focus_area"], d["description"],
                                        by=by, now=now)
        return {"platform_id": platform.platform_id}
    return _command(store, payload, ctx, s.EstablishPlatformSchema, act)


def set_baseline(store, payload: dict, ctx: Context) -> dict:
    def act(i: Initiative, d: dict, by: str, now: str) -> dict:
        baseline = i.describe_baseline(d["platform_id"], d["description"], d["date"], by=by, now=now)
        return {"baseline": baseline}
    return _command(store, payload, ctx, s.SetBaselineSchema, act)


def set_goal(store, payload: dict, ctx: Context) -> dict:
    def act(i: Initiative, d: dict, by: str, now: str) -> dict:
        spec = {k: v for k, v in d.items() if k not in ("initiative_id", "expected_version")}
        return {"goal_id": i.set_goal(_new_id(), spec, by=by, now=now).goal_id}
    return _command(store, payload, ctx, s.SetGoalSchema, act)


def adjust_goal(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.AdjustGoalSchema,
                    lambda i, d, by, now: {"changes": i.adjust_goal(d["goal_id"], d["changes"],
                                                                    d["reason"], by=by, now=now)})


def record_measurement(store, payload: dict, ctx: Context) -> dict:
    def act(i: Initiative, d: dict, by: str, now: str) -> dict:
        i.record_measurement(d["goal_id"], d["date"], d["value"], d["note"], by=by, now=now)
        return {"met": i.goal(d["goal_id"]).is_met()}
    return _command(store, payload, ctx, s.RecordMeasurementSchema, act)


def record_assessment(store, payload: dict, ctx: Context) -> dict:
    def act(i: Initiative, d: dict, by: str, now: str) -> dict:
        i.record_assessment(d["goal_id"], d["date"], d["level"], d["assessment"], by=by, now=now)
        return {"met": i.goal(d["goal_id"]).is_met()}
    return _command(store, payload, ctx, s.RecordAssessmentSchema, act)


# -- value creation and reality checks ---------------------------------------------


def _spec(d: dict) -> dict:
    return {k: v for k, v in d.items() if k not in ("initiative_id", "expected_version")}


def document_result(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.DocumentResultSchema, lambda i, d, by, now: {
        "result_id": i.document_result(_new_id(), _spec(d), by=by, now=now)["result_id"]})


def record_ripple_effect(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.RecordRippleEffectSchema, lambda i, d, by, now: {
        "ripple_effect_id": i.record_ripple_effect(_new_id(), _spec(d), by=by,
                                                   now=now)["ripple_effect_id"]})


def schedule_reality_checks(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.ScheduleRealityChecksSchema, lambda i, d, by, now: {
        "next_due": i.schedule_reality_checks(d["platform_id"], d["interval_days"], d["first_due"],
                                              by=by, now=now)})


def record_reality_check(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.RecordRealityCheckSchema, lambda i, d, by, now: {
        "reality_check_id": i.record_reality_check(_new_id(), d["platform_id"], d["date"],
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


def flag_overdue_reality_checks(store, payload: dict, ctx: Context) -> dict:
    """Per initiative (timer-driven): raise RealityCheckOverdue once per platform and due
    date. Nothing is written when nothing is newly overdue."""
    data = s.load(s.InitiativeRefSchema, payload)

    def decide(doc: dict | None) -> Decision:
        initiative = _initiative(doc, data["initiative_id"])
        now = ctx.current_time()
        flagged = initiative.flag_overdue_reality_checks(by=ctx.principal.subject, now=now)
        if not flagged:
            return Decision(None, outcome={"events": [], "flagged_platform_ids": []})
        return _decision(initiative, ctx, now, {"flagged_platform_ids": flagged})

    return _answer(save_command(store, data["initiative_id"], decide), {})


def flag_all_overdue_reality_checks(store, ctx: Context) -> dict:
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


def hold_citizen_meeting(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.HoldCitizenMeetingSchema, lambda i, d, by, now: {
        "activity_id": i.hold_citizen_meeting(_new_id(), _spec(d), by=by, now=now)["activity_id"]})


def record_safety_walk(store, payload: dict, ctx: Context) -> dict:
    def act(i: Initiative, d: dict, by: str, now: str) -> dict:
        finding_ids = [_new_id() for _ in d["findings"]]
        activity = i.record_safety_walk(_new_id(), _spec(d), finding_ids, by=by, now=now)
        return {"activity_id": activity["activity_id"], "finding_ids": finding_ids}
    return _command(store, payload, ctx, s.RecordSafetyWalkSchema, act)


def create_follow_up_action(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.CreateFollowUpActionSchema, lambda i, d, by, now: {
        "action_id": i.create_follow_up_action(d["finding_id"], _new_id(), d["assigned_actor_id"],
                                               d["description"], d["due_date"], by=by,
                                               now=now)["action_id"]})


def resolve_finding(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.ResolveFindingSchema, lambda i, d, by, now: {
        "resolution": i.resolve_finding(d["finding_id"], d["resolution"], d["date"], by=by, now=now)})


# -- closing ---------------------------------------------------------------------------


def close_initiative(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.CloseInitiativeSchema,
                    lambda i, d, by, now: i.close(d["summary"], override_reason=d["override_reason"],
                                                  by=by, now=now))


def become_network(store, payload: dict, ctx: Context) -> dict:
    return _command(store, payload, ctx, s.BecomeNetworkSchema,
                    lambda i, d, by, now: i.become_network(d["network_name"], d["purpose"], by=by,
                                                           now=now))


# -- the local copy of platform members (consuming the actors service's events) --------


def _apply_membership(store, envelope_data: dict, ctx: Context,
                      change: Callable[[Initiative, dict, str], bool]) -> dict:
    data = s.load(s.ActorMembershipSchema, envelope_data)

    def decide(doc: dict | None) -> Decision:
        initiative = _initiative(doc, data["initiative_id"])
        applied = change(initiative, data, data["at"] or ctx.current_time())
        return Decision(initiative.to_document() if applied else None, outcome={"applied": applied})

    saved = save_command(store, data["initiative_id"], decide)
    return {"initiative_id": data["initiative_id"], "applied": saved.outcome["applied"]}


def apply_actor_joined(store, envelope_data: dict, event_id: str, ctx: Context) -> dict:
    """ActorJoined -> the member lists; applying the same event twice, or after a later
    leave, changes nothing."""
    return _apply_membership(store, envelope_data, ctx, lambda i, d, at: i.member_joined(
        d["actor_id"], d["actor_kind"], d["platform_ids"], event_id, now=at, name=d["name"],
        role=d["role"], scope=d["scope"], seq=d["membership_seq"]))


def apply_actor_left(store, envelope_data: dict, event_id: str, ctx: Context) -> dict:
    """ActorLeft -> the member lists; applying the same event twice changes nothing."""
    return _apply_membership(store, envelope_data, ctx, lambda i, d, at: i.member_left(
        d["actor_id"], d["platform_ids"], event_id, now=at, scope=d["scope"],
        seq=d["membership_seq"], reason_code=d["reason_code"]))
