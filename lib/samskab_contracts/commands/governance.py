"""Command payloads of an initiative's governance and resources (the initiatives service):
the deputy anchor person, the steering and core groups, the anchoring, funding lines,
people's time and actors' proposals. Unknown fields are refused, like every command."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from samskab_contracts.vocabulary import (
    GOVERNANCE_GROUPS,
    MAX_AMOUNT_KR,
    MAX_HOURS,
    MAX_LIST,
    MAX_NAME,
    MAX_TEXT,
)

from .initiatives import CommandSchema, IsoDate, PersonSchema, TargetSchema, _id, _optional, _text

MAX_ANCHORING = MAX_NAME * 5


class AssignDeputyAnchorPersonSchema(TargetSchema):
    deputy = fields.Nested(PersonSchema, required=True, allow_none=True, metadata={
        "description": "the deputy, or null when the deputy steps down"})
    reason = _optional(MAX_TEXT)


class GroupMemberSchema(CommandSchema):
    name = _text(MAX_NAME)
    organisation = _optional(MAX_NAME)
    role = _optional(MAX_NAME)
    actor_id = _id(load_default=None, allow_none=True)


class SetGovernanceGroupSchema(TargetSchema):
    group = fields.Str(required=True, validate=validate.OneOf(GOVERNANCE_GROUPS))
    members = fields.List(fields.Nested(GroupMemberSchema), required=True,
                          validate=validate.Length(max=MAX_LIST),
                          metadata={"description": "the whole group (an empty list disbands it)"})


class DescribeAnchoringSchema(TargetSchema):
    anchoring = fields.Str(required=True, allow_none=True,
                           validate=validate.Length(max=MAX_ANCHORING), metadata={
                               "description": "where the initiative is anchored, e.g. a local "
                                              "council (lokalråd); null clears it"})


class RecordFundingSchema(TargetSchema):
    source = _text(MAX_NAME)
    amount_kr = fields.Float(required=True, allow_nan=False,
                             validate=validate.Range(min=0, max=MAX_AMOUNT_KR))
    co_financing = fields.Bool(load_default=False)
    note = _optional(MAX_TEXT)


class RecordTimeContributionSchema(TargetSchema):
    organisation = _text(MAX_NAME)
    actor_id = _id(load_default=None, allow_none=True)
    hours = fields.Float(required=True, allow_nan=False,
                         validate=validate.Range(min=0, max=MAX_HOURS, min_inclusive=False))
    period_start = IsoDate(required=True)
    period_end = IsoDate(required=True)
    note = _optional(MAX_TEXT)

    @validates_schema
    def _period(self, data: dict, **kwargs: Any) -> None:
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise ValidationError("the period ends before it starts", "period_end")


class RecordProposalSchema(TargetSchema):
    actor_id = _id(required=True)
    title = _text(MAX_NAME)
    date = IsoDate(required=True)
    activity_id = _id(load_default=None, allow_none=True)
    platform_id = _id(load_default=None, allow_none=True)
    adopted = fields.Bool(load_default=False)
