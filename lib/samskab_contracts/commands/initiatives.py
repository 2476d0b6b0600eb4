"""Command and query payloads of the initiatives service (marshmallow, unknown fields rejected).

Server-owned fields (ids of new things, status, phase, version, timestamps,
who acted) are not accepted. ``initiative_id`` names the target and the
optional ``expected_version`` asks for optimistic concurrency.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate, validates_schema

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import (
    ACTIVITY_KINDS,
    ACTOR_KINDS,
    ASSESSMENT_SCALE,
    CO_OWNER_KINDS,
    DIALOGUE_STATUSES,
    DIRECTIONS,
    FINDING_CATEGORIES,
    GOAL_KINDS,
    GOAL_TYPES,
    INITIATIVE_SCOPES,
    INITIATIVE_STATUSES,
    LESSON_KINDS,
    MAX_LIST,
    MAX_NAME,
    MAX_PARTICIPANTS,
    MAX_REALITY_CHECK_INTERVAL_DAYS,
    MAX_ROUTE_POINTS,
    MAX_SHORT_TEXT,
    MAX_TEXT,
    MAX_TITLE,
    PHASES,
    REALITY_CHECK_DIMENSIONS,
    RESULT_SIZES,
    SHARED_INDICATOR_KEYS,
    SOURCE_KINDS,
    TARGET_GROUPS,
    THEMES,
)
from samskab_infra.validation import load  # noqa: F401  (handlers call schemas.load)

_ID = validate.Length(min=1, max=100)
MAX_PAGE = 100
_SCALE = validate.Range(*ASSESSMENT_SCALE)


class IsoDate(fields.Date):
    """A calendar date, kept as its ISO string (the domain stays JSON-native)."""

    # A date on the wire (so the API documents it as one) that loads into its ISO string.
    def _deserialize(  # type: ignore[override]
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        return super()._deserialize(value, attr, data, **kwargs).isoformat()


def _text(max_length: int, **kwargs: Any) -> fields.Str:
    return fields.Str(required=True, validate=validate.Length(min=1, max=max_length), **kwargs)


def _optional(max_length: int) -> fields.Str:
    return fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=max_length))


def _id(**kwargs: Any) -> fields.Str:
    return fields.Str(validate=_ID, **kwargs)


def _list(item: fields.Field, max_length: int = MAX_LIST, **kwargs: Any) -> fields.List:
    return fields.List(item, load_default=list, validate=validate.Length(max=max_length), **kwargs)


def _point() -> fields.Tuple:
    return fields.Tuple((fields.Float(validate=validate.Range(-90, 90), allow_nan=False),
                         fields.Float(validate=validate.Range(-180, 180), allow_nan=False)),
                        required=True)


class CommandSchema(Schema):
    class Meta:
        unknown = RAISE


class TargetSchema(CommandSchema):
    """A command on an existing initiative."""

    initiative_id = _id(required=True)
    expected_version = fields.Int(load_default=None, allow_none=True, validate=validate.Range(min=1))


class PersonSchema(CommandSchema):
    person_id = _text(MAX_NAME)
    name = _optional(MAX_NAME)
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=MAX_NAME))


class MemberSchema(PersonSchema):
    role = _optional(MAX_NAME)


class PerspectiveSchema(CommandSchema):
    party = _text(MAX_NAME)
    perspective = _text(MAX_TEXT)


class ChallengeSchema(CommandSchema):
    text = _text(MAX_TEXT)
    perspectives = _list(fields.Nested(PerspectiveSchema))


class CoOwnerSchema(CommandSchema):
    kind = fields.Str(required=True, validate=validate.OneOf(CO_OWNER_KINDS))
    name = _text(MAX_NAME)
    actor_id = fields.Str(load_default=None, allow_none=True, validate=validate.Length(min=1, max=100),
                          metadata={"description": "the registered actor (organisation) behind a municipality "
                                                   "or programme: its representatives may read the initiative"})


class CreateInitiativeSchema(CommandSchema):
    title = _text(MAX_TITLE)
    challenge = fields.Nested(ChallengeSchema, required=True)
    themes = fields.List(fields.Str(validate=validate.OneOf(THEMES)), required=True,
                         validate=validate.Length(min=1, max=len(THEMES)))
    district = fields.Str(required=True, validate=validate.OneOf(DISTRICTS))
    municipalities = _list(fields.Str(validate=validate.Length(min=1, max=MAX_NAME)))
    co_owners = _list(fields.Nested(CoOwnerSchema))
    vision = _optional(MAX_TEXT)
    focus_area = _optional(MAX_NAME)


class AdvancePhaseSchema(TargetSchema):
    to_phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
    reason = _text(MAX_TEXT)
    override_reason = _optional(MAX_TEXT)


class AssignAnchorPersonSchema(TargetSchema):
    anchor_person = fields.Nested(PersonSchema, required=True)
    reason = _optional(MAX_TEXT)


class SetWorkingGroupSchema(TargetSchema):
    add = _list(fields.Nested(MemberSchema))
    remove = _list(fields.Str(validate=validate.Length(min=1, max=MAX_NAME)))

    @validates_schema
    def _some_change(self, data: dict, **kwargs: Any) -> None:
        if not data.get("add") and not data.get("remove"):
            raise ValidationError("give members to add or to remove", "add")


class AssignCoordinatorSchema(TargetSchema):
    coordinator = fields.Nested(PersonSchema, required=True)
    reason = _optional(MAX_TEXT)


class AssignPlatformLeadSchema(TargetSchema):
    platform_id = _id(required=True)
    lead = fields.Nested(PersonSchema, required=True, allow_none=True)
    reason = _optional(MAX_TEXT)


class RecordMappingSourceSchema(TargetSchema):
    """A source of the mapping: ``gathered_by`` names who gathered it (a person or a group)."""

    kind = fields.Str(required=True, validate=validate.OneOf(SOURCE_KINDS))
    gathered_by = _text(MAX_NAME)
    date = IsoDate(required=True)
    description = _text(MAX_TEXT)


class RecordProblemStatementSchema(TargetSchema):
    statement = _text(MAX_TEXT)
    source_ids = fields.List(_id(), required=True, validate=validate.Length(min=1, max=MAX_LIST))


class SummariseMappingSchema(TargetSchema):
    summary = _text(MAX_TEXT)


class ChooseDirectionSchema(TargetSchema):
    direction = _text(MAX_TEXT)
    problem_statement_ids = _list(_id())


class IdentifyPotentialActorSchema(TargetSchema):
    """A registered actor (``actor_id``; name and kind then optional) or a name and kind."""

    actor_id = fields.Str(load_default=None, allow_none=True, validate=_ID)
    name = _optional(MAX_NAME)
    kind = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(ACTOR_KINDS))
    why = _text(MAX_TEXT)


class UpdateDialogueSchema(TargetSchema):
    potential_actor_id = _id(required=True)
    dialogue_status = fields.Str(required=True, validate=validate.OneOf(DIALOGUE_STATUSES))
    date = IsoDate(load_default=None, allow_none=True)
    note = _optional(MAX_TEXT)
    would_bring = _optional(MAX_TEXT)
    would_gain = _optional(MAX_TEXT)


class AlignExpectationsSchema(TargetSchema):
    agreed = _text(MAX_TEXT)
    potential_actor_ids = _list(_id())
    parties = _list(fields.Str(validate=validate.Length(min=1, max=MAX_NAME)))
    date = IsoDate(required=True)


class EstablishPlatformSchema(TargetSchema):
    name = _text(MAX_NAME)
    focus_area = _text(MAX_TEXT)
    description = _optional(MAX_TEXT)


class SetBaselineSchema(TargetSchema):
    platform_id = _id(load_default=None, allow_none=True)
    description = _text(MAX_TEXT)
    date = IsoDate(required=True)


class _GoalFields(CommandSchema):
    title = _text(MAX_TITLE)
    description = _optional(MAX_TEXT)
    indicator = _optional(MAX_NAME)
    unit = _optional(MAX_NAME)
    baseline_value = fields.Float(load_default=None, allow_none=True, allow_nan=False)
    target_value = fields.Float(load_default=None, allow_none=True, allow_nan=False)
    direction = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(DIRECTIONS))
    target_level = fields.Int(load_default=None, allow_none=True, validate=_SCALE, strict=True)
    indicator_id = fields.Str(load_default=None, allow_none=True,
                              validate=validate.OneOf(SHARED_INDICATOR_KEYS), metadata={
                                  "description": "a shared indicator (quantitative goals); its "
                                                 "name, unit and direction are the defaults"})
    target_date = IsoDate(load_default=None, allow_none=True)


class SetGoalSchema(TargetSchema, _GoalFields):
    platform_id = _id(load_default=None, allow_none=True)
    parent_goal_id = _id(load_default=None, allow_none=True, metadata={
        "description": "set a sub-goal (e.g. a quarterly milestone) of this goal: same platform "
                       "and kind, target date not after the parent's"})
    kind = fields.Str(required=True, validate=validate.OneOf(GOAL_KINDS))
    goal_type = fields.Str(required=True, validate=validate.OneOf(GOAL_TYPES))


class GoalChangesSchema(CommandSchema):
    """Only the fields given are changed; ``null`` clears an optional one."""

    title = fields.Str(validate=validate.Length(min=1, max=MAX_TITLE))
    description = fields.Str(allow_none=True, validate=validate.Length(max=MAX_TEXT))
    indicator = fields.Str(allow_none=True, validate=validate.Length(max=MAX_NAME))
    unit = fields.Str(allow_none=True, validate=validate.Length(max=MAX_NAME))
    baseline_value = fields.Float(allow_none=True, allow_nan=False)
    target_value = fields.Float(allow_none=True, allow_nan=False)
    direction = fields.Str(allow_none=True, validate=validate.OneOf(DIRECTIONS))
    target_level = fields.Int(allow_none=True, validate=_SCALE, strict=True)
    indicator_id = fields.Str(allow_none=True, validate=validate.OneOf(SHARED_INDICATOR_KEYS))
    target_date = IsoDate(allow_none=True)


class AdjustGoalSchema(TargetSchema):
    goal_id = _id(required=True)
    changes = fields.Nested(GoalChangesSchema, required=True)
    reason = _text(MAX_TEXT)

    @validates_schema
    def _some_change(self, data: dict, **kwargs: Any) -> None:
        if "changes" in data and not data["changes"]:
            raise ValidationError("name at least one field to change", "changes")


class RecordMeasurementSchema(TargetSchema):
    goal_id = _id(required=True)
    date = IsoDate(required=True)
    value = fields.Float(required=True, allow_nan=False)
    note = _optional(MAX_TEXT)


class RecordAssessmentSchema(TargetSchema):
    goal_id = _id(required=True)
    date = IsoDate(required=True)
    level = fields.Int(required=True, validate=_SCALE, strict=True)
    assessment = _text(MAX_TEXT)


class _JournalFields(TargetSchema):
    platform_id = _id(load_default=None, allow_none=True)
    title = _text(MAX_TITLE)
    description = _optional(MAX_TEXT)
    date = IsoDate(required=True)
    actor_ids = _list(_id())


class DocumentResultSchema(_JournalFields):
    size = fields.Str(required=True, validate=validate.OneOf(RESULT_SIZES))


class EvidenceSchema(CommandSchema):
    description = _text(MAX_TEXT)
    reference = _optional(MAX_SHORT_TEXT)


class RecordRippleEffectSchema(_JournalFields):
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True,
                           validate=validate.Length(min=1, max=MAX_LIST))


class ScheduleRealityChecksSchema(TargetSchema):
    platform_id = _id(required=True)
    interval_days = fields.Int(required=True, strict=True,
                               validate=validate.Range(1, MAX_REALITY_CHECK_INTERVAL_DAYS))
    first_due = IsoDate(load_default=None, allow_none=True)


class RecordRealityCheckSchema(TargetSchema):
    platform_id = _id(required=True)
    date = IsoDate(required=True)
    scores = fields.Dict(keys=fields.Str(validate=validate.OneOf(REALITY_CHECK_DIMENSIONS)),
                         values=fields.Int(validate=_SCALE, strict=True), required=True,
                         validate=validate.Length(min=1))
    notes = _optional(MAX_TEXT)


class InitiativeRefSchema(TargetSchema):
    """Commands and queries that need nothing but the initiative."""


class AttendanceSchema(CommandSchema):
    actor_id = _id(required=True)
    count = fields.Int(required=True, strict=True, validate=validate.Range(min=0, max=100000))


class _ActivityFields(TargetSchema):
    platform_id = _id(load_default=None, allow_none=True)
    title = _optional(MAX_TITLE)
    date = IsoDate(required=True)
    place = _text(MAX_NAME)
    attendance = _list(fields.Nested(AttendanceSchema))
    notes = _optional(MAX_TEXT)


class HoldCitizenMeetingSchema(_ActivityFields):
    pass


class FindingSchema(CommandSchema):
    point = _point()
    category = fields.Str(required=True, validate=validate.OneOf(FINDING_CATEGORIES))
    description = _optional(MAX_TEXT)
    photo_ref = _optional(MAX_SHORT_TEXT)


class RecordSafetyWalkSchema(_ActivityFields):
    route = fields.List(_point(), required=True, validate=validate.Length(min=2, max=MAX_ROUTE_POINTS))
    findings = _list(fields.Nested(FindingSchema))


class CreateFollowUpActionSchema(TargetSchema):
    finding_id = _id(required=True)
    assigned_actor_id = _id(required=True)
    description = _text(MAX_TEXT)
    due_date = IsoDate(load_default=None, allow_none=True)


class ResolveFindingSchema(TargetSchema):
    finding_id = _id(required=True)
    resolution = _text(MAX_TEXT)
    date = IsoDate(required=True)


class CloseInitiativeSchema(TargetSchema):
    summary = _optional(MAX_TEXT)
    override_reason = _optional(MAX_TEXT)


class BecomeNetworkSchema(TargetSchema):
    network_name = _text(MAX_NAME)
    purpose = _optional(MAX_TEXT)


class ReviseInitiativeSchema(TargetSchema):
    """Only the fields given are changed (``null`` clears vision or focus area); the
    reason says why, and is kept with the change."""

    title = fields.Str(validate=validate.Length(min=1, max=MAX_TITLE))
    vision = fields.Str(allow_none=True, validate=validate.Length(max=MAX_TEXT))
    themes = fields.List(fields.Str(validate=validate.OneOf(THEMES)),
                         validate=validate.Length(min=1, max=len(THEMES)))
    focus_area = fields.Str(allow_none=True, validate=validate.Length(max=MAX_NAME))
    municipalities = fields.List(fields.Str(validate=validate.Length(min=1, max=MAX_NAME)),
                                 validate=validate.Length(max=MAX_LIST))
    co_owners = fields.List(fields.Nested(CoOwnerSchema), validate=validate.Length(max=MAX_LIST))
    reason = _text(MAX_TEXT)

    @validates_schema
    def _some_change(self, data: dict, **kwargs: Any) -> None:
        if not set(data) - {"initiative_id", "expected_version", "reason"}:
            raise ValidationError("name at least one field to revise", "_schema")


class ReviseChallengeSchema(TargetSchema):
    challenge = fields.Nested(ChallengeSchema, required=True)
    reason = _text(MAX_TEXT)


class PauseInitiativeSchema(TargetSchema):
    reason = _text(MAX_TEXT)


class ResumeInitiativeSchema(TargetSchema):
    note = _optional(MAX_TEXT)


class RecordActivitySchema(TargetSchema):
    """A general activity (ACTIVITY_KINDS): who took part (registered actors by id, and a
    count of citizens who are not, with their target groups) and what came of it."""

    kind = fields.Str(required=True, validate=validate.OneOf(ACTIVITY_KINDS))
    platform_id = _id(load_default=None, allow_none=True)
    title = _optional(MAX_TITLE)
    date = IsoDate(required=True)
    place = _text(MAX_NAME)
    actor_ids = _list(_id())
    citizens_count = fields.Int(load_default=0, strict=True,
                                validate=validate.Range(min=0, max=MAX_PARTICIPANTS))
    target_groups = _list(fields.Str(validate=validate.OneOf(TARGET_GROUPS)), len(TARGET_GROUPS))
    outcome = _optional(MAX_TEXT)
    result_ids = _list(_id())


class HandOverIdeaSchema(TargetSchema):
    """An idea handed over to another body: to an organisation by name, or to a registered
    actor (``recipient_actor_id``; its name is then taken from the members when not given)."""

    idea = _text(MAX_TEXT)
    recipient_name = fields.Str(load_default=None, allow_none=True,
                                validate=validate.Length(min=1, max=MAX_NAME))
    recipient_actor_id = _id(load_default=None, allow_none=True)
    date = IsoDate(required=True)
    outcome = _optional(MAX_TEXT)

    @validates_schema
    def _recipient(self, data: dict, **kwargs: Any) -> None:
        if not data.get("recipient_name") and not data.get("recipient_actor_id"):
            raise ValidationError("name the body the idea went to, or choose a registered actor",
                                  "recipient_name")


class RecordIdeaOutcomeSchema(TargetSchema):
    """What became of an idea handed over, once it is known (replacing what was recorded)."""

    idea_id = _id(required=True)
    outcome = _text(MAX_TEXT)
class ParticipatingDistrictSchema(TargetSchema):
    """Add or remove a police district that takes part besides the lead district."""

    participating_district = fields.Str(required=True, validate=validate.OneOf(DISTRICTS))


class SetInitiativeScopeSchema(TargetSchema):
    """Local, across police districts or national; the reason is kept with the change."""

    scope = fields.Str(required=True, validate=validate.OneOf(INITIATIVE_SCOPES))
    reason = _optional(MAX_TEXT)


class InitiativeQuerySchema(CommandSchema):
    """Queries of one initiative (the initiative, its audit trail)."""

    initiative_id = _id(required=True)


class ListInitiativesSchema(CommandSchema):
    district = fields.Str(validate=validate.OneOf(DISTRICTS))
    theme = fields.Str(validate=validate.OneOf(THEMES))
    phase = fields.Str(validate=validate.OneOf(PHASES))
    status = fields.Str(validate=validate.OneOf(INITIATIVE_STATUSES))
    limit = fields.Int(load_default=50, validate=validate.Range(1, MAX_PAGE))
    cursor = fields.Str(load_default=None, allow_none=True, validate=validate.Length(1, 200))


class ActorMembershipSchema(Schema):
    """The part of ActorJoined / ActorLeft this service keeps; other fields are ignored."""

    class Meta:
        unknown = EXCLUDE

    initiative_id = _id(required=True)
    actor_id = _id(required=True)
    actor_kind = fields.Str(load_default=None, allow_none=True)
    scope = fields.Str(load_default=None, allow_none=True,
                       validate=validate.OneOf(("initiative", "platform")))
    platform_ids = _list(_id())
    name = fields.Str(load_default=None, allow_none=True)
    role = fields.Str(load_default=None, allow_none=True)
    reason_code = fields.Str(load_default=None, allow_none=True)
    membership_seq = fields.Int(load_default=None, allow_none=True)
    at = fields.Str(load_default=None, allow_none=True)



# -- learning between initiatives (issue 15) ------------------------------------------------


class RecordLessonSchema(TargetSchema):
    """What was hard or what was learned, the phase it is about and optionally a theme."""

    kind = fields.Str(required=True, validate=validate.OneOf(LESSON_KINDS))
    text = _text(MAX_TEXT)
    about_phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
    theme = fields.Str(load_default=None, allow_none=True, validate=validate.OneOf(tuple(THEMES)))


class RecordPartnerQuoteSchema(TargetSchema):
    """A partner's words, attributed to an organisation and a role; ``name`` only when the
    speaker consented to be named (personal data); ``actor_id`` optionally the registered
    actor taking part in the initiative that said it."""

    quote = _text(MAX_TEXT)
    organisation = _text(MAX_NAME)
    role = _text(MAX_NAME)
    name = _optional(MAX_NAME)
    date = IsoDate(required=True)
    actor_id = _id(load_default=None, allow_none=True)


class LinkInspirationSchema(TargetSchema):
    """The initiative was inspired by another (any district). ``title``: the caller's words
    for an initiative they may not read (required then; ignored for one they may read)."""

    inspired_by_initiative_id = _id(required=True)
    title = _optional(MAX_NAME)
    note = _optional(MAX_TEXT)
