"""Commands of the richer activities and the living network (issue 15): one plain function
per command on the one command path (command_path.act), like handlers.commands."""
from __future__ import annotations

from samskab_contracts.commands import initiatives as s
from samskab_infra.context import Context
from samskab_infra.saving import AggregatePort

from .command_path import act, new_id, spec_of


def record_activity(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordActivitySchema, lambda i, d, by, now: {
        "activity_id": i.record_activity(new_id(), spec_of(d), by=by, now=now)["activity_id"]})


def hand_over_idea(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.HandOverIdeaSchema, lambda i, d, by, now: {
        "idea_id": i.hand_over_idea(new_id(), spec_of(d), by=by, now=now)["idea_id"]})


def record_idea_outcome(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordIdeaOutcomeSchema, lambda i, d, by, now: {
        "idea_id": i.record_idea_outcome(d["idea_id"], d["outcome"], by=by, now=now)["idea_id"]})
