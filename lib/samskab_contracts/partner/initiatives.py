"""Partner views of the initiatives events.

Kept: identifiers of initiatives, platforms, goals, results, activities and
findings; phases, themes, dates, figures; the titles and names the case catalogue
publishes (initiatives, platforms, goals, results, organisations), an initiative's
focus area (a neighbourhood, as a platform's focus area), and that it was revised,
paused or resumed.
Dropped: ``by`` and ``created_by`` (an officer's e-mail), the persons in roles
(anchor person, coordinator, working group: names, e-mails), free text written
about the work and the people in it (challenge, perspectives, vision, reasons, notes,
notes, assessments, descriptions, resolutions, evidence), the places, routes and
photos of activities. Actor ids become pseudonyms. Platform evaluations
(figures only) are kept whole.
"""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_contracts.events import initiatives as events
from samskab_infra.event_types import EventSchema

from .view import PartnerView, Pseudonym, only

COMMON = ("initiative_id", "district", "at")


def _keep(*names: str) -> type[EventSchema.Meta]:
    return only(*COMMON, *names)


class PartnerGoalDefinition(events.GoalDefinitionSchema):
    Meta = only("goal_id", "platform_id", "kind", "year", "goal_type", "title", "indicator", "unit",
                "baseline_value", "target_value", "direction", "target_level", "indicator_id",
                "target_date", "parent_goal_id")


class PartnerAttendance(events.AttendanceSchema):
    actor_id = Pseudonym(required=True)


class PartnerCoOwner(events.CoOwnerSchema):
    actor_id = Pseudonym(allow_none=True)


class InitiativeCreatedView(events.InitiativeCreated.Schema):
    co_owners = fields.List(fields.Nested(PartnerCoOwner), load_default=list)
    Meta = _keep("title", "themes", "municipalities", "co_owners", "phase", "focus_area")


class InitiativePhaseAdvancedView(events.InitiativePhaseAdvanced.Schema):
    override_used = fields.Bool(required=True, metadata={
        "description": "true when the initiative went on although the gate was not met (a recorded override)"})
    Meta = _keep("from_phase", "to_phase", "phase_number", "override_used")


class AnchorPersonAssignedView(events.AnchorPersonAssigned.Schema):
    Meta = _keep("handover")


class WorkingGroupChangedView(events.WorkingGroupChanged.Schema):
    members_count = fields.Int(required=True, validate=validate.Range(min=0))
    added_count = fields.Int(required=True, validate=validate.Range(min=0))
    removed_count = fields.Int(required=True, validate=validate.Range(min=0))
    Meta = _keep("members_count", "added_count", "removed_count")


class CoordinatorAssignedView(events.CoordinatorAssigned.Schema):
    handover = fields.Bool(required=True, metadata={"description": "true when a coordinator was replaced"})
    Meta = _keep("handover")


class PlatformLeadAssignedView(events.PlatformLeadAssigned.Schema):
    led = fields.Bool(required=True, metadata={"description": "true when the platform has a lead now"})
    handover = fields.Bool(required=True, metadata={"description": "true when a lead was replaced"})
    Meta = _keep("platform_id", "led", "handover")


class PlatformEstablishedView(events.PlatformEstablished.Schema):
    Meta = _keep("platform_id", "name", "focus_area", "phase")


class BaselineDescribedView(events.BaselineDescribed.Schema):
    Meta = _keep("platform_id", "date")


class GoalSetView(events.GoalSet.Schema):
    goal = fields.Nested(PartnerGoalDefinition, required=True)
    Meta = _keep("goal")


class GoalAdjustedView(events.GoalAdjusted.Schema):
    changed_fields = fields.List(fields.Str(validate=validate.Length(min=1, max=50)), required=True)
    goal = fields.Nested(PartnerGoalDefinition, required=True)
    Meta = _keep("goal_id", "platform_id", "changed_fields", "goal")


class GoalProgressRecordedView(events.GoalProgressRecorded.Schema):
    Meta = _keep("goal_id", "platform_id", "kind", "goal_type", "title", "date", "value", "level",
                 "indicator", "unit", "baseline_value", "target_value", "target_level", "direction", "met",
                 "indicator_id", "target_date", "parent_goal_id")


class PlatformGoalReachedView(events.PlatformGoalReached.Schema):
    Meta = _keep("platform_id", "platform_name", "goal_ids", "eligible_to_close")


class PlatformGoalUnmetView(events.PlatformGoalUnmet.Schema):
    Meta = _keep("platform_id", "platform_name", "unmet_goal_ids")


class ResultDocumentedView(events.ResultDocumented.Schema):
    actor_ids = fields.List(Pseudonym(), required=True)
    Meta = _keep("result_id", "platform_id", "title", "size", "date", "actor_ids")


class RippleEffectRecordedView(events.RippleEffectRecorded.Schema):
    actor_ids = fields.List(Pseudonym(), required=True)
    evidence_count = fields.Int(required=True, validate=validate.Range(min=1))
    Meta = _keep("ripple_effect_id", "platform_id", "title", "date", "actor_ids", "evidence_count")


class RealityCheckScheduledView(events.RealityCheckScheduled.Schema):
    Meta = _keep("platform_id", "platform_name", "interval_days", "next_due")


class RealityCheckRecordedView(events.RealityCheckRecorded.Schema):
    Meta = _keep("reality_check_id", "platform_id", "platform_name", "date", "scores", "average_score",
                 "next_due")


class RealityCheckOverdueView(events.RealityCheckOverdue.Schema):
    Meta = _keep("platform_id", "platform_name", "due_date", "days_overdue", "interval_days")


class ActivityHeldView(events.ActivityHeld.Schema):
    attendance = fields.List(fields.Nested(PartnerAttendance), required=True)
    Meta = _keep("activity_id", "activity_type", "platform_id", "title", "date", "attendance",
                 "total_attendance", "findings_count")


class SafetyWalkFindingRecordedView(events.SafetyWalkFindingRecorded.Schema):
    Meta = _keep("finding_id", "activity_id", "platform_id", "date", "category")


class FollowUpActionCreatedView(events.FollowUpActionCreated.Schema):
    assigned_actor_id = Pseudonym(required=True)
    Meta = _keep("finding_id", "action_id", "activity_id", "category", "assigned_actor_id", "due_date")


class FindingResolvedView(events.FindingResolved.Schema):
    assigned_actor_id = Pseudonym(required=True, allow_none=True)
    Meta = _keep("finding_id", "activity_id", "category", "action_id", "assigned_actor_id", "date")


class InitiativeClosedView(events.InitiativeClosed.Schema):
    Meta = _keep("title", "evaluation", "override_used", "results_count", "breakthroughs_count",
                 "ripple_effects_count")


class InitiativeBecameNetworkView(events.InitiativeBecameNetwork.Schema):
    actor_ids = fields.List(Pseudonym(), required=True)
    Meta = _keep("title", "network_name", "actor_ids")


class InitiativeRevisedView(events.InitiativeRevised.Schema):
    """The published facts after the revision; the vision, the earlier values and the
    reason (free text about the work) stay inside."""

    co_owners = fields.List(fields.Nested(PartnerCoOwner), required=True)
    Meta = _keep("changed_fields", "title", "themes", "focus_area", "municipalities", "co_owners")


class ChallengeRevisedView(events.ChallengeRevised.Schema):
    Meta = _keep("revision", "phase")


class InitiativePausedView(events.InitiativePaused.Schema):
    Meta = _keep("phase")


class InitiativeResumedView(events.InitiativeResumed.Schema):
    Meta = _keep("phase", "paused_at", "days_paused")


class ParticipatingDistrictAddedView(events.ParticipatingDistrictAdded.Schema):
    Meta = _keep("participating_district", "districts", "scope")


class ParticipatingDistrictRemovedView(events.ParticipatingDistrictRemoved.Schema):
    Meta = _keep("participating_district", "districts", "scope")


class InitiativeScopeSetView(events.InitiativeScopeSet.Schema):
    """The scope and the districts; the reason (free text about the work) stays inside."""

    Meta = _keep("scope", "previous_scope", "districts")


VIEWS: dict[str, PartnerView] = {
    "InitiativeCreated": PartnerView(InitiativeCreatedView),
    "InitiativePhaseAdvanced": PartnerView(
        InitiativePhaseAdvancedView, derive=lambda d: {"override_used": d.get("override_reason") is not None}),
    "AnchorPersonAssigned": PartnerView(AnchorPersonAssignedView),
    "WorkingGroupChanged": PartnerView(WorkingGroupChangedView, derive=lambda d: {
        "members_count": len(d["members"]), "added_count": len(d["added"]), "removed_count": len(d["removed"])}),
    "CoordinatorAssigned": PartnerView(
        CoordinatorAssignedView, derive=lambda d: {"handover": d.get("previous_coordinator") is not None}),
    "PlatformEstablished": PartnerView(PlatformEstablishedView),
    "PlatformLeadAssigned": PartnerView(PlatformLeadAssignedView, derive=lambda d: {
        "led": d.get("lead") is not None, "handover": d.get("previous_lead") is not None}),
    "BaselineDescribed": PartnerView(BaselineDescribedView),
    "GoalSet": PartnerView(GoalSetView),
    "GoalAdjusted": PartnerView(GoalAdjustedView, derive=lambda d: {"changed_fields": sorted(d["changes"])}),
    "GoalProgressRecorded": PartnerView(GoalProgressRecordedView),
    "PlatformGoalReached": PartnerView(PlatformGoalReachedView),
    "PlatformGoalUnmet": PartnerView(PlatformGoalUnmetView),
    "ResultDocumented": PartnerView(ResultDocumentedView),
    "RippleEffectRecorded": PartnerView(
        RippleEffectRecordedView, derive=lambda d: {"evidence_count": len(d["evidence"])}),
    "RealityCheckScheduled": PartnerView(RealityCheckScheduledView),
    "RealityCheckRecorded": PartnerView(RealityCheckRecordedView),
    "RealityCheckOverdue": PartnerView(RealityCheckOverdueView),
    "ActivityHeld": PartnerView(ActivityHeldView),
    "SafetyWalkFindingRecorded": PartnerView(SafetyWalkFindingRecordedView),
    "FollowUpActionCreated": PartnerView(FollowUpActionCreatedView),
    "FindingResolved": PartnerView(FindingResolvedView),
    "InitiativeClosed": PartnerView(InitiativeClosedView),
    "InitiativeBecameNetwork": PartnerView(InitiativeBecameNetworkView),
    "InitiativeRevised": PartnerView(InitiativeRevisedView),
    "ChallengeRevised": PartnerView(ChallengeRevisedView),
    "InitiativePaused": PartnerView(InitiativePausedView),
    "InitiativeResumed": PartnerView(InitiativeResumedView),
    "ParticipatingDistrictAdded": PartnerView(ParticipatingDistrictAddedView),
    "ParticipatingDistrictRemoved": PartnerView(ParticipatingDistrictRemovedView),
    "InitiativeScopeSet": PartnerView(InitiativeScopeSetView),
}
