"""Partner views of the governance and resources events.

Kept: whether a deputy is appointed, which group was set and how many are in it, whether
the initiative is anchored, funding lines (source, amount, co-financing: organisations,
not persons), hours per organisation and period, and a proposal's ids, date and whether it
was adopted. Dropped: the deputy's and group members' names and e-mails, the anchoring's
free text, notes and reasons, and a proposal's title. Actor ids become pseudonyms.
"""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_contracts.events import governance as events

from .initiatives import _keep
from .view import PartnerView, Pseudonym

_COUNT = validate.Range(min=0)


class DeputyAnchorPersonAssignedView(events.DeputyAnchorPersonAssigned.Schema):
    appointed = fields.Bool(required=True, metadata={"description": "false when the deputy stepped down"})
    Meta = _keep("appointed")


class GovernanceGroupSetView(events.GovernanceGroupSet.Schema):
    members_count = fields.Int(required=True, validate=_COUNT)
    Meta = _keep("group", "members_count", "previous_members_count")


class AnchoringDescribedView(events.AnchoringDescribed.Schema):
    anchored = fields.Bool(required=True, metadata={"description": "whether an anchoring is described"})
    Meta = _keep("anchored")


class FundingRecordedView(events.FundingRecorded.Schema):
    Meta = _keep("funding_id", "source", "amount_kr", "co_financing")


class TimeContributedView(events.TimeContributed.Schema):
    actor_id = Pseudonym(required=True, allow_none=True)
    Meta = _keep("contribution_id", "organisation", "actor_id", "hours", "period_start", "period_end")


class ProposalRecordedView(events.ProposalRecorded.Schema):
    actor_id = Pseudonym(required=True)
    Meta = _keep("proposal_id", "actor_id", "activity_id", "platform_id", "date", "adopted")


VIEWS: dict[str, PartnerView] = {
    "DeputyAnchorPersonAssigned": PartnerView(
        DeputyAnchorPersonAssignedView, derive=lambda d: {"appointed": d.get("deputy") is not None}),
    "GovernanceGroupSet": PartnerView(
        GovernanceGroupSetView, derive=lambda d: {"members_count": len(d.get("members") or [])}),
    "AnchoringDescribed": PartnerView(
        AnchoringDescribedView, derive=lambda d: {"anchored": d.get("anchoring") is not None}),
    "FundingRecorded": PartnerView(FundingRecordedView),
    "TimeContributed": PartnerView(TimeContributedView),
    "ProposalRecorded": PartnerView(ProposalRecordedView),
}
