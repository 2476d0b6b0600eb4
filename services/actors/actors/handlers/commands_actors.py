"""Commands on actors: register, update, consent, representatives, erasure.

Each takes ``(stores, payload, ctx)`` and returns a JSON-native dict. Every write goes
through the shared save path (samskab_infra.saving): a ``decide`` step on the document as
read, retried on fresh state when another write got in between, unless the caller sent
If-Match (``expected_version``).
"""
from __future__ import annotations

from collections.abc import Callable

from samskab_contracts.commands import actors as schemas
from samskab_infra.aggregate import decision
from samskab_infra.aggregate_store import AlreadyExists
from samskab_infra.context import Context
from samskab_infra.errors import Conflict
from samskab_infra.saving import Decision, save_command

from ..domain import Actor
from .commands_memberships import erase_memberships
from .cvr_claims import claim_cvr, duplicate_cvr, release_claim
from .reading import Stores, actor_from, actor_view, directory


def register_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    """The actor's id comes from the command id when there is one, so a repeated
    registration (an Idempotency-Key retry) finds the first instead of making a second."""
    data = schemas.load(schemas.RegisterActorSchema, payload)
    now = ctx.current_time()
    actor_id = ctx.new_id("actor")
    cvr = None

    def decide(doc: dict | None) -> Decision:
        nonlocal cvr
        if doc is not None:
            raise Conflict(f"actor {actor_id} already exists", code="already_exists")
        actor = Actor.register(actor_id, data, now)
        cvr = actor.cvr
        if actor.cvr:
            claim_cvr(stores["actors"], actor.cvr, actor_id, now, ctx.principal)
        return decision(actor, ctx, now)

    try:
        saved = save_command(stores["actors"], actor_id, decide, command_id=ctx.command_id)
    except AlreadyExists:
        raise duplicate_cvr(stores["actors"], cvr, ctx.principal) from None
    return actor_view(saved)


def update_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.UpdateActorSchema, payload)
    actor_id = data.pop("actor_id")
    expected = data.pop("expected_version", None)
    now = ctx.current_time()

    def decide(doc: dict | None) -> Decision:
        actor = actor_from(doc, actor_id)
        changed = actor.update(data, now)
        if "cvr" in changed and actor.cvr:
            claim_cvr(stores["actors"], actor.cvr, actor_id, now, ctx.principal)
        return decision(actor, ctx, now) if changed else Decision(None)

    return actor_view(save_command(stores["actors"], actor_id, decide, expected_version=expected,
                                   command_id=ctx.command_id))


def give_consent(stores: Stores, payload: dict, ctx: Context) -> dict:
    """A take_part consent names an initiative the service knows of."""
    data = schemas.load(schemas.ConsentSchema, payload)
    if data["initiative_id"] is not None:
        directory(stores).require_known(data["initiative_id"])
    return _change_actor(stores, data["actor_id"], ctx,
                         lambda actor, now: actor.give_consent(data["purpose"], now, data["initiative_id"]),
                         data.get("expected_version"))


def withdraw_consent(stores: Stores, payload: dict, ctx: Context) -> dict:
    """Emits ConsentWithdrawn at once so notifications stop; a repeat is a no-op."""
    data = schemas.load(schemas.ConsentSchema, payload)
    return _change_actor(stores, data["actor_id"], ctx,
                         lambda actor, now: actor.withdraw_consent(data["purpose"], now, data["initiative_id"]),
                         data.get("expected_version"))


def appoint_representative(stores: Stores, payload: dict, ctx: Context) -> dict:
    """ActorRepresentativeAdded gives the person access to the actor (the gateway's grants);
    appointing someone who already represents it changes nothing."""
    data = schemas.load(schemas.RepresentativeSchema, payload)
    return _change_actor(stores, data["actor_id"], ctx,
                         lambda actor, now: actor.appoint_representative(data["person_id"], now),
                         data.get("expected_version"))


def remove_representative(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.RepresentativeSchema, payload)
    return _change_actor(stores, data["actor_id"], ctx,
                         lambda actor, now: actor.remove_representative(data["person_id"], now),
                         data.get("expected_version"))


def erase_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    """Anonymise the actor, release its CVR claim, end its memberships and scrub
    their free text.

    Safe to repeat: a second call emits nothing and finishes whatever a first,
    interrupted call did not reach.
    """
    data = schemas.load(schemas.ActorRefSchema, payload)
    view = _change_actor(stores, data["actor_id"], ctx, lambda actor, now: actor.erase(now))
    for claim in stores["actors"].find({"doc_type": "cvr_claim", "actor_id": data["actor_id"]}):
        release_claim(stores["actors"], claim["number"], data["actor_id"])
    erase_memberships(stores, data["actor_id"], ctx)
    return view


def _change_actor(stores: Stores, actor_id: str, ctx: Context,
                  change: Callable[[Actor, str], object], expected: int | None = None) -> dict:
    def decide(doc: dict | None) -> Decision:
        now = ctx.current_time()
        actor = actor_from(doc, actor_id)
        change(actor, now)
        return decision(actor, ctx, now) if actor.pending_events else Decision(None)

    return actor_view(save_command(stores["actors"], actor_id, decide, expected_version=expected,
                                   command_id=ctx.command_id))
