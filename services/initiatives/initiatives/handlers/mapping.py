"""Commands of phases 2-4 (mapping, analysis, actor involvement): one plain function per
command on the one command path (command_path.act), like handlers.commands. A command
answers with the ids it made; what it recorded is in the initiative it answers with."""
from __future__ import annotations

from samskab_contracts.commands import initiatives as s
from samskab_infra.context import Context
from samskab_infra.saving import AggregatePort

from ..domain import Initiative
from .command_path import act, new_id, spec_of


def record_mapping_source(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordMappingSourceSchema, lambda i, d, by, now: {
        "source_id": i.record_mapping_source(new_id(), spec_of(d), by=by, now=now)["source_id"]})


def record_problem_statement(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordProblemStatementSchema, lambda i, d, by, now: {
        "problem_statement_id": i.record_problem_statement(
            new_id(), d["statement"], d["source_ids"], by=by, now=now)["problem_statement_id"]})


def summarise_mapping(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> None:
        i.summarise_mapping(d["summary"], by=by, now=now)
    return act(store, payload, ctx, s.SummariseMappingSchema, action)


def choose_direction(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> None:
        i.choose_direction(d["direction"], d["problem_statement_ids"], by=by, now=now)
    return act(store, payload, ctx, s.ChooseDirectionSchema, action)


def identify_potential_actor(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.IdentifyPotentialActorSchema, lambda i, d, by, now: {
        "potential_actor_id": i.identify_potential_actor(new_id(), spec_of(d), by=by,
                                                         now=now)["potential_actor_id"]})


def update_dialogue(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> None:
        i.update_dialogue(d["potential_actor_id"], spec_of(d), by=by, now=now)
    return act(store, payload, ctx, s.UpdateDialogueSchema, action)


def align_expectations(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.AlignExpectationsSchema, lambda i, d, by, now: {
        "alignment_id": i.align_expectations(new_id(), spec_of(d), by=by, now=now)["alignment_id"]})
