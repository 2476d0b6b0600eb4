"""Reactions to other services' events: the local copy of platform members, kept from the
actors service's ActorJoined / ActorLeft. Applying them raises no events of ours."""
from __future__ import annotations

from collections.abc import Callable

from samskab_contracts.commands import initiatives as s
from samskab_infra.context import Context
from samskab_infra.saving import AggregatePort, Decision, save_command

from ..domain import Initiative
from .command_path import initiative_of


def _apply_membership(store: AggregatePort, envelope_data: dict, ctx: Context,
                      change: Callable[[Initiative, dict, str], bool]) -> dict:
    data = s.load(s.ActorMembershipSchema, envelope_data)

    def decide(doc: dict | None) -> Decision:
        initiative = initiative_of(doc, data["initiative_id"])
        applied = change(initiative, data, data["at"] or ctx.current_time())
        return Decision(initiative.to_document() if applied else None, outcome={"applied": applied})

    saved = save_command(store, data["initiative_id"], decide)
    return {"initiative_id": data["initiative_id"], "applied": saved.outcome["applied"]}


def apply_actor_joined(store: AggregatePort, envelope_data: dict, event_id: str, ctx: Context) -> dict:
    """ActorJoined -> the member lists; applying the same event twice, or after a later
    leave, changes nothing."""
    return _apply_membership(store, envelope_data, ctx, lambda i, d, at: i.member_joined(
        d["actor_id"], d["actor_kind"], d["platform_ids"], event_id, now=at, name=d["name"],
        role=d["role"], scope=d["scope"], seq=d["membership_seq"]))


def apply_actor_left(store: AggregatePort, envelope_data: dict, event_id: str, ctx: Context) -> dict:
    """ActorLeft -> the member lists; applying the same event twice changes nothing."""
    return _apply_membership(store, envelope_data, ctx, lambda i, d, at: i.member_left(
        d["actor_id"], d["platform_ids"], event_id, now=at, scope=d["scope"],
        seq=d["membership_seq"], reason_code=d["reason_code"]))
