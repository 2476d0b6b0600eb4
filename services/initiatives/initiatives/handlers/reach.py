"""Commands of an initiative's reach (issue 15): participating districts besides the lead
district, and the scope (local, cross_district, national); one plain function per command
on the one command path (command_path.act), like handlers.commands."""
from __future__ import annotations

from samskab_contracts.commands import initiatives as s
from samskab_infra.context import Context
from samskab_infra.saving import AggregatePort

from ..domain import Initiative
from .command_path import act as act_on


def add_participating_district(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        i.add_participating_district(d["participating_district"], by=by, now=now)
        return {"districts": i.districts, "scope": i.scope}
    return act_on(store, payload, ctx, s.ParticipatingDistrictSchema, action)


def remove_participating_district(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        i.remove_participating_district(d["participating_district"], by=by, now=now)
        return {"districts": i.districts, "scope": i.scope}
    return act_on(store, payload, ctx, s.ParticipatingDistrictSchema, action)


def set_scope(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    def action(i: Initiative, d: dict, by: str, now: str) -> dict:
        i.set_scope(d["scope"], d["reason"], by=by, now=now)
        return {"districts": i.districts, "scope": i.scope}
    return act_on(store, payload, ctx, s.SetInitiativeScopeSchema, action)
