"""Commands of an initiative's governance and resources: the deputy anchor person, the
steering and core groups, the anchoring, funding lines, people's time and actors'
proposals. One plain function per command on the one command path (command_path.act)."""
from __future__ import annotations

from samskab_contracts.commands import governance as s
from samskab_infra.context import Context
from samskab_infra.saving import AggregatePort

from ..domain import Initiative
from .command_path import act, new_id, spec_of


def assign_deputy_anchor_person(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> None:
        i.assign_deputy_anchor_person(d["deputy"], d["reason"], by=by, now=now)
    return act(store, payload, ctx, s.AssignDeputyAnchorPersonSchema, action)


def set_governance_group(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> None:
        i.set_governance_group(d["group"], d["members"], by=by, now=now)
    return act(store, payload, ctx, s.SetGovernanceGroupSchema, action)


def describe_anchoring(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> None:
        i.describe_anchoring(d["anchoring"], by=by, now=now)
    return act(store, payload, ctx, s.DescribeAnchoringSchema, action)


def record_funding(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordFundingSchema, lambda i, d, by, now: {
        "funding_id": i.record_funding(new_id(), spec_of(d), by=by, now=now)["funding_id"]})


def record_time_contribution(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordTimeContributionSchema, lambda i, d, by, now: {
        "contribution_id": i.record_time_contribution(new_id(), spec_of(d), by=by,
                                                      now=now)["contribution_id"]})


def record_proposal(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordProposalSchema, lambda i, d, by, now: {
        "proposal_id": i.record_proposal(new_id(), spec_of(d), by=by, now=now)["proposal_id"]})
