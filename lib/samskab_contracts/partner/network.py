"""Partner views of the general activities and of the ideas a living network hands over
(issue 15).

Kept: the activity's kind, date, platform, how many took part (registered actors as
pseudonyms, the count of other citizens and their target groups), the results it led to and
whether the initiative was a network then; the idea's date, the kind of the body it went to
and that body's name when it is an organisation, whether its outcome is known, and that an
outcome was recorded later.
Dropped: ``by``, the activity's title, place and outcome, the idea's text and outcome (free
text about the work and the people in it), and the name of a recipient that is a citizen.
"""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_contracts.events import initiatives as events
from samskab_contracts.vocabulary import CITIZEN, MAX_NAME

from .initiatives import _keep
from .view import PartnerView, Pseudonym


class ActivityRecordedView(events.ActivityRecorded.Schema):
    actor_ids = fields.List(Pseudonym(), required=True)
    Meta = _keep("activity_id", "kind", "platform_id", "date", "actor_ids", "citizens_count",
                 "target_groups", "participants_count", "result_ids", "status")


class IdeaHandedOverView(events.IdeaHandedOver.Schema):
    recipient_actor_id = Pseudonym(required=True, allow_none=True)
    organisation_name = fields.Str(required=True, allow_none=True,
                                   validate=validate.Length(min=1, max=MAX_NAME),
                                   metadata={"description": "the recipient's name, unless it is a citizen"})
    outcome_known = fields.Bool(required=True, metadata={"description": "whether what became of it is recorded"})
    Meta = _keep("idea_id", "recipient_actor_id", "recipient_kind", "organisation_name", "date",
                 "outcome_known", "status")


class IdeaOutcomeRecordedView(events.IdeaOutcomeRecorded.Schema):
    Meta = _keep("idea_id", "status")


def _idea(data: dict) -> dict:
    return {"organisation_name": None if data.get("recipient_kind") == CITIZEN else data.get("recipient_name"),
            "outcome_known": bool(data.get("outcome"))}


VIEWS: dict[str, PartnerView] = {
    "ActivityRecorded": PartnerView(ActivityRecordedView),
    "IdeaHandedOver": PartnerView(IdeaHandedOverView, derive=_idea),
    "IdeaOutcomeRecorded": PartnerView(IdeaOutcomeRecordedView),
}
