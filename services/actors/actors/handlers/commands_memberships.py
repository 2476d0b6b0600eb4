"""Commands on memberships: joining and leaving an initiative and its development
platforms (one membership document per (initiative, actor)).

Each takes ``(stores, payload, ctx)`` and returns the membership's view with its version.
"""
from __future__ import annotations

from collections.abc import Callable

from samskab_contracts.commands import actors as schemas
from samskab_infra.aggregate import decision
from samskab_infra.context import Context
from samskab_infra.saving import Decision, save_command

from ..domain import Actor, KnownInitiative, Membership, enrolling_role, membership_id
from .reading import Stores, directory, load_actor


def join_initiative(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.JoinInitiativeSchema, payload)
    known, actor, enrolled_by = _joining(stores, data, ctx)
    for platform_id in data["platform_ids"]:
        known.require_platform(platform_id)

    def join(membership: Membership, now: str) -> None:
        membership.join_initiative(
            role=data["role"], contributions=data["contributions"], interests=data["interests"],
            platform_ids=data["platform_ids"], actor_facts=actor.public_facts(), now=now,
            enrolled_by=enrolled_by)

    return _change_membership(stores, known.initiative_id, actor.actor_id, ctx, join,
                              _starter(known, actor), data.get("expected_version"))


def join_platform(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.JoinPlatformSchema, payload)
    known, actor, enrolled_by = _joining(stores, data, ctx)
    known.require_platform(data["platform_id"])

    def join(membership: Membership, now: str) -> None:
        membership.join_platform(platform_id=data["platform_id"], role=data["role"],
                                 actor_facts=actor.public_facts(), now=now, enrolled_by=enrolled_by)

    return _change_membership(stores, known.initiative_id, actor.actor_id, ctx, join,
                              _starter(known, actor), data.get("expected_version"))


def leave_platform(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.LeavePlatformSchema, payload)
    return _leave(stores, data, ctx, lambda m, now: m.leave_platform(
        platform_id=data["platform_id"], reason=data["reason"], reason_code=data["reason_code"],
        now=now))


def leave_initiative(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.LeaveInitiativeSchema, payload)
    return _leave(stores, data, ctx, lambda m, now: m.leave_initiative(
        reason=data["reason"], reason_code=data["reason_code"], now=now))


def erase_memberships(stores: Stores, actor_id: str, ctx: Context) -> None:
    """The step of erase_actor on memberships: end every active one and scrub free text."""
    for doc in stores["memberships"].find({"actor_id": actor_id}):
        _erase_membership(stores, doc["membership_id"], ctx)


def _joining(stores: Stores, data: dict, ctx: Context) -> tuple[KnownInitiative, Actor, str | None]:
    """The initiative and the actor of a join, read once, and in which role the caller
    enrols the actor (None: its own request); refused before anything is written."""
    known = directory(stores).require_known(data["initiative_id"])
    actor, _ = load_actor(stores, data["actor_id"])
    enrolled_by = enrolling_role(ctx.principal, actor, known)
    known.require_open()
    actor.require_active()
    return known, actor, enrolled_by


def _leave(stores: Stores, data: dict, ctx: Context, change: Callable[[Membership, str], None]) -> dict:
    """Leaving without a membership meets an empty one, so the domain names the error."""
    def empty() -> Membership:
        return Membership.new(data["initiative_id"], "", data["actor_id"], "")

    return _change_membership(stores, data["initiative_id"], data["actor_id"], ctx, change, empty,
                              data.get("expected_version"))


def _change_membership(stores: Stores, initiative_id: str, actor_id: str, ctx: Context,
                       change: Callable[[Membership, str], None],
                       start: Callable[[], Membership], expected: int | None = None) -> dict:
    """Load the (initiative, actor) membership, or ``start`` one, change it, save it.
    Two concurrent first joins both try ``create`` on the same id; the loser
    decides again on fresh state and the domain refuses the duplicate."""
    def decide(doc: dict | None) -> Decision:
        now = ctx.current_time()
        membership = Membership.from_document(doc) if doc is not None else start()
        change(membership, now)
        return decision(membership, ctx, now)

    saved = save_command(stores["memberships"], membership_id(initiative_id, actor_id), decide,
                         expected_version=expected, command_id=ctx.command_id)
    return {**Membership.from_document(saved.document).view(), "version": saved.version}


def _starter(known: KnownInitiative, actor: Actor) -> Callable[[], Membership]:
    return lambda: Membership.new(known.initiative_id, known.district, actor.actor_id, actor.kind)


def _erase_membership(stores: Stores, doc_id: str, ctx: Context) -> None:
    def decide(doc: dict | None) -> Decision:
        now = ctx.current_time()
        membership = Membership.from_document(doc)
        if membership.active:
            membership.leave_initiative(reason=None, reason_code="erased", now=now)
        scrubbed = membership.scrub_free_text()
        return decision(membership, ctx, now) if membership.pending_events or scrubbed else Decision(None)

    save_command(stores["memberships"], doc_id, decide)
