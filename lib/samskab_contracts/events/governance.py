"""Events of an initiative's governance and resources (produced by the initiatives service):
the deputy anchor person, the steering group and core group, the anchoring (e.g. in a local
council), funding lines, people's time, and the proposals actors make (the influence monitor
counts them). Every event carries ``initiative_id``, ``district``, ``by`` and ``at`` like the
other initiatives events."""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_contracts.vocabulary import GOVERNANCE_GROUPS, MAX_AMOUNT_KR, MAX_HOURS, MAX_NAME
from samskab_infra.event_types import Event, EventSchema

from .initiatives import (
    _BASE,
    _ID,
    _NAME,
    ACTIVITY,
    ACTOR_KOMMUNE,
    ACTOR_NABOHJAELP,
    PLATFORM,
    InitiativeEventSchema,
    PersonSchema,
    _nullable_str,
)

DEPUTY = {"person_id": "mh@politi.dk", "name": "Mette Holm", "email": "mh@politi.dk"}


class GroupMemberSchema(EventSchema):
    """A member of the steering group or core group: a person by name, the organisation
    they come from, and the registered actor, if any."""

    name = fields.Str(required=True, validate=_NAME)
    organisation = _nullable_str(_NAME)
    role = _nullable_str(_NAME)
    actor_id = _nullable_str(_ID)


class DeputyAnchorPersonAssigned(Event):
    producer = "initiatives"
    description = ("A deputy for the anchor person (stedfortræder) was appointed, replaced or "
                   "stepped down (deputy null); while appointed the deputy has the anchor "
                   "person's access to the initiative.")

    class Schema(InitiativeEventSchema):
        deputy = fields.Nested(PersonSchema, required=True, allow_none=True)
        previous_deputy = fields.Nested(PersonSchema, required=True, allow_none=True)
        reason = _nullable_str()

    example = {**_BASE, "at": "2017-04-01T09:00:00Z", "deputy": DEPUTY, "previous_deputy": None,
               "reason": "Ankerpersonen går på barsel til sommer."}


class GovernanceGroupSet(Event):
    producer = "initiatives"
    description = ("The members of the steering group (styregruppe) or the core group "
                   "(kernegruppe) were set; members is the whole group now.")

    class Schema(InitiativeEventSchema):
        group = fields.Str(required=True, validate=validate.OneOf(GOVERNANCE_GROUPS))
        members = fields.List(fields.Nested(GroupMemberSchema), required=True)
        previous_members_count = fields.Int(required=True, validate=validate.Range(min=0))

    example = {**_BASE, "at": "2017-04-01T09:00:00Z", "group": "steering_group",
               "members": [{"name": "Politiinspektør Nordjylland", "organisation": "Nordjyllands Politi",
                            "role": "formand", "actor_id": None},
                           {"name": "Kommunaldirektør", "organisation": "Hjørring Kommune",
                            "role": None, "actor_id": ACTOR_KOMMUNE}],
               "previous_members_count": 0}


class AnchoringDescribed(Event):
    producer = "initiatives"
    description = ("Where the initiative is anchored locally (forankring, e.g. a local council, "
                   "lokalråd) was described, changed or cleared (null).")

    class Schema(InitiativeEventSchema):
        anchoring = _nullable_str(validate.Length(min=1, max=MAX_NAME * 5))
        previous_anchoring = _nullable_str(validate.Length(min=1, max=MAX_NAME * 5))

    example = {**_BASE, "at": "2017-04-01T09:00:00Z",
               "anchoring": "Lokalrådet i Hjørring Øst og Det Kriminalpræventive Råd",
               "previous_anchoring": None}


class FundingRecorded(Event):
    producer = "initiatives"
    description = ("A funding line (finansiering) was recorded: its source, the amount in "
                   "Danish kroner and whether it is co-financing (medfinansiering).")

    class Schema(InitiativeEventSchema):
        funding_id = fields.Str(required=True, validate=_ID)
        source = fields.Str(required=True, validate=_NAME)
        amount_kr = fields.Float(required=True, validate=validate.Range(min=0, max=MAX_AMOUNT_KR))
        co_financing = fields.Bool(required=True)
        note = _nullable_str()

    example = {**_BASE, "at": "2017-05-01T09:00:00Z", "funding_id": "f1a2b3c4-0001-4000-8000-000000000001",
               "source": "EU-pulje", "amount_kr": 2_000_000.0, "co_financing": False, "note": None}


class TimeContributed(Event):
    producer = "initiatives"
    description = ("People's time given to the initiative: hours an organisation spent over "
                   "a period (ressourcer).")

    class Schema(InitiativeEventSchema):
        contribution_id = fields.Str(required=True, validate=_ID)
        organisation = fields.Str(required=True, validate=_NAME)
        actor_id = _nullable_str(_ID)
        hours = fields.Float(required=True, validate=validate.Range(min=0, max=MAX_HOURS,
                                                                      min_inclusive=False))
        period_start = fields.Date(required=True)
        period_end = fields.Date(required=True)
        note = _nullable_str()

    example = {**_BASE, "at": "2017-07-01T09:00:00Z",
               "contribution_id": "t1a2b3c4-0001-4000-8000-000000000001",
               "organisation": "Hjørring Kommune", "actor_id": ACTOR_KOMMUNE, "hours": 120.0,
               "period_start": "2017-04-01", "period_end": "2017-06-30", "note": None}


class ProposalRecorded(Event):
    producer = "initiatives"
    description = ("An actor made a proposal (forslag), at an activity or on a platform; "
                   "adopted says whether it was decided to carry it out. The influence monitor "
                   "counts proposals per actor.")

    class Schema(InitiativeEventSchema):
        proposal_id = fields.Str(required=True, validate=_ID)
        actor_id = fields.Str(required=True, validate=_ID)
        title = fields.Str(required=True, validate=_NAME)
        activity_id = _nullable_str(_ID)
        platform_id = _nullable_str(_ID)
        date = fields.Date(required=True)
        adopted = fields.Bool(required=True)

    example = {**_BASE, "at": "2018-09-21T09:00:00Z",
               "proposal_id": "p1a2b3c4-0001-4000-8000-000000000001",
               "actor_id": ACTOR_NABOHJAELP, "title": "Lys på stien ved skolen",
               "activity_id": ACTIVITY, "platform_id": PLATFORM, "date": "2018-09-20",
               "adopted": True}
