"""Use cases of the actors service as plain functions.

Commands and queries take ``(stores, payload, ctx)`` and return a JSON-native
dict. ``stores`` maps names to AggregateStore-like objects:

- ``stores["actors"]``: actors (``doc_type="actor"``) and CVR claims (``cvr:<number>``)
- ``stores["memberships"]``: one document per (initiative, actor)
- ``stores["initiatives"]``: the local copy of initiatives and their platforms

Listing uses ``find(query)`` with equality on top-level fields only. The
``apply_*`` consumers take the initiatives store and one event's data.

Every write goes through the shared save path (samskab_infra.saving): a ``decide``
step on the document as read, retried on fresh state when another write got in
between, unless the caller sent If-Match (``expected_version``).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from samskab_contracts.access import may_on_actor
from samskab_contracts.commands import actors as schemas
from samskab_infra.aggregate_store import AlreadyExists
from samskab_infra.context import Context, Principal
from samskab_infra.envelope import Envelope
from samskab_infra.errors import Conflict, NotFound
from samskab_infra.saving import Decision, Saved, save_command

from .domain import (
    Actor,
    CvrClaim,
    InitiativeDirectory,
    KnownInitiative,
    Membership,
    claim_id,
    directory_entry,
    membership_id,
    personal_data_export,
)
from .enrolment import enrolling_role

Stores = Mapping[str, Any]


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
            _claim_cvr(stores["actors"], actor.cvr, actor_id, now, ctx.principal)
        return _decision(actor, ctx, now)

    try:
        saved = save_command(stores["actors"], actor_id, decide, command_id=ctx.command_id)
    except AlreadyExists:
        raise _duplicate_cvr(stores["actors"], cvr, ctx.principal) from None
    return _actor_view(saved)


def update_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.UpdateActorSchema, payload)
    actor_id = data.pop("actor_id")
    expected = data.pop("expected_version", None)
    now = ctx.current_time()

    def decide(doc: dict | None) -> Decision:
        actor = _actor(doc, actor_id)
        changed = actor.update(data, now)
        if "cvr" in changed and actor.cvr:
            _claim_cvr(stores["actors"], actor.cvr, actor_id, now, ctx.principal)
        return _decision(actor, ctx, now) if changed else Decision(None)

    return _actor_view(save_command(stores["actors"], actor_id, decide, expected_version=expected,
                                    command_id=ctx.command_id))


def give_consent(stores: Stores, payload: dict, ctx: Context) -> dict:
    """A take_part consent names an initiative the service knows of."""
    data = schemas.load(schemas.ConsentSchema, payload)
    if data["initiative_id"] is not None:
        InitiativeDirectory(stores["initiatives"].get).require_known(data["initiative_id"])
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


def _joining(stores: Stores, data: dict, ctx: Context) -> tuple[KnownInitiative, Actor, str | None]:
    """The initiative and the actor of a join, read once, and in which role the caller
    enrols the actor (None: its own request); refused before anything is written."""
    known = InitiativeDirectory(stores["initiatives"].get).require_known(data["initiative_id"])
    actor, _ = _load_actor(stores, data["actor_id"])
    enrolled_by = enrolling_role(ctx.principal, actor, known)
    known.require_open()
    actor.require_active()
    return known, actor, enrolled_by



def leave_platform(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.LeavePlatformSchema, payload)
    return _leave(stores, data, ctx, lambda m, now: m.leave_platform(
        platform_id=data["platform_id"], reason=data["reason"], reason_code=data["reason_code"],
        now=now))


def leave_initiative(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.LeaveInitiativeSchema, payload)
    return _leave(stores, data, ctx, lambda m, now: m.leave_initiative(
        reason=data["reason"], reason_code=data["reason_code"], now=now))


def get_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.ActorRefSchema, payload)
    return _versioned(*_load_actor(stores, data["actor_id"]))


def list_memberships_of_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.ActorRefSchema, payload)
    _load_actor(stores, data["actor_id"])
    docs = sorted(stores["memberships"].find({"actor_id": data["actor_id"]}), key=lambda d: d["initiative_id"])
    return {"actor_id": data["actor_id"],
            "memberships": [_versioned(Membership.from_document(d), d["version"]) for d in docs]}


def contact_directory(stores: Stores, payload: dict, ctx: Context) -> dict:
    """Who is in the initiative, since when, representing whom (anchor person and coordinator)."""
    data = schemas.load(schemas.ContactDirectorySchema, payload)
    known = InitiativeDirectory(stores["initiatives"].get).get(data["initiative_id"])
    if known is None:
        raise NotFound("no such initiative", code="initiative.unknown",
                       details={"initiative_id": data["initiative_id"]})
    query = {"initiative_id": known.initiative_id}
    if not data["include_former"]:
        query["active"] = True
    entries = []
    for doc in stores["memberships"].find(query):
        actor_doc = stores["actors"].get(doc["actor_id"])
        if actor_doc is not None:
            entries.append(directory_entry(Actor.from_document(actor_doc), Membership.from_document(doc)))
    entries.sort(key=lambda e: (not e["active"], e["member_since"] or "", e["actor_id"]))
    return {"initiative_id": known.initiative_id, "district": known.district, "entries": entries}


def export_personal_data(stores: Stores, payload: dict, ctx: Context) -> dict:
    data = schemas.load(schemas.ActorRefSchema, payload)
    actor, _ = _load_actor(stores, data["actor_id"])
    return personal_data_export(actor, _memberships_of(stores, actor.actor_id), ctx.current_time())


def erase_actor(stores: Stores, payload: dict, ctx: Context) -> dict:
    """Anonymise the actor, release its CVR claim, end its memberships and scrub
    their free text.

    Safe to repeat: a second call emits nothing and finishes whatever a first,
    interrupted call did not reach.
    """
    data = schemas.load(schemas.ActorRefSchema, payload)
    actor_view = _change_actor(stores, data["actor_id"], ctx, lambda actor, now: actor.erase(now))
    for claim in stores["actors"].find({"doc_type": "cvr_claim", "actor_id": data["actor_id"]}):
        _release_claim(stores["actors"], claim["number"], data["actor_id"])
    for doc in stores["memberships"].find({"actor_id": data["actor_id"]}):
        _erase_membership(stores, doc["membership_id"], ctx)
    return actor_view


def apply_initiative_created(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_created)


def apply_platform_established(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_platform_established)


def apply_initiative_closed(store: Any, event_data: dict, event_id: str, ctx: Context) -> dict:
    return _apply_to_directory(store, event_data, event_id, KnownInitiative.apply_closed)


def _apply_to_directory(store: Any, data: dict, event_id: str,
                        apply: Callable[[KnownInitiative, str, dict], bool]) -> dict:
    def decide(doc: dict | None) -> Decision:
        known = (KnownInitiative.from_document(doc) if doc is not None
                 else KnownInitiative.new(data["initiative_id"], data["district"]))
        applied = apply(known, event_id, data)
        return Decision(known.to_document() if applied else None,
                        outcome={"applied": applied, "initiative": known.view()})

    return save_command(store, data["initiative_id"], decide).outcome


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
        return _decision(membership, ctx, now)

    saved = save_command(stores["memberships"], membership_id(initiative_id, actor_id), decide,
                         expected_version=expected, command_id=ctx.command_id)
    return {**Membership.from_document(saved.document).view(), "version": saved.version}


def _starter(known: KnownInitiative, actor: Actor) -> Callable[[], Membership]:
    return lambda: Membership.new(known.initiative_id, known.district, actor.actor_id, actor.kind)


def _change_actor(stores: Stores, actor_id: str, ctx: Context,
                  change: Callable[[Actor, str], object], expected: int | None = None) -> dict:
    def decide(doc: dict | None) -> Decision:
        now = ctx.current_time()
        actor = _actor(doc, actor_id)
        change(actor, now)
        return _decision(actor, ctx, now) if actor.pending_events else Decision(None)

    return _actor_view(save_command(stores["actors"], actor_id, decide, expected_version=expected,
                                    command_id=ctx.command_id))


def _erase_membership(stores: Stores, doc_id: str, ctx: Context) -> None:
    def decide(doc: dict | None) -> Decision:
        now = ctx.current_time()
        membership = Membership.from_document(doc)
        if membership.active:
            membership.leave_initiative(reason=None, reason_code="erased", now=now)
        scrubbed = membership.scrub_free_text()
        return _decision(membership, ctx, now) if membership.pending_events or scrubbed else Decision(None)

    save_command(stores["memberships"], doc_id, decide)


def _versioned(aggregate: Actor | Membership, version: int) -> dict:
    """The view with the stored version, which the gateway answers as the ETag."""
    return {**aggregate.view(), "version": version}


def _actor_view(saved: Saved) -> dict:
    """The actor after the command (after a repeated command: as it is now)."""
    return _versioned(Actor.from_document(saved.document), saved.version)


def _memberships_of(stores: Stores, actor_id: str) -> list[Membership]:
    docs = stores["memberships"].find({"actor_id": actor_id})
    return sorted((Membership.from_document(d) for d in docs), key=lambda m: m.state["initiative_id"])


def _load_actor(stores: Stores, actor_id: str) -> tuple[Actor, int]:
    doc = stores["actors"].get(actor_id)
    return _actor(doc, actor_id), doc["version"]


def _actor(doc: dict | None, actor_id: str) -> Actor:
    if doc is None or doc.get("doc_type") != "actor":
        raise NotFound("no such actor", code="actor.unknown", details={"actor_id": actor_id})
    return Actor.from_document(doc)


def _claim_cvr(store: Any, cvr: str, actor_id: str, now: str, caller: Principal) -> None:
    """Take the CVR number for ``actor_id`` or raise Conflict (naming its holder only to a
    caller who may read it)."""
    def decide(doc: dict | None) -> Decision:
        if doc is None:
            return Decision(CvrClaim.new(cvr, actor_id, now).to_document())
        claim = CvrClaim.from_document(doc)
        if claim.holder == actor_id:
            return Decision(None)
        holder_doc = store.get(claim.holder) if claim.holder else None
        if claim.blocks(actor_id, holder_doc, now):
            raise _cvr_conflict(holder_doc, caller)
        claim.take(actor_id, now)
        return Decision(claim.to_document())

    save_command(store, claim_id(cvr), decide)


def _release_claim(store: Any, cvr: str, actor_id: str) -> None:
    def decide(doc: dict | None) -> Decision:
        if doc is None or doc["actor_id"] != actor_id:
            return Decision(None)
        claim = CvrClaim.from_document(doc)
        claim.release()
        return Decision(claim.to_document())

    save_command(store, claim_id(cvr), decide)


def _duplicate_cvr(store: Any, cvr: str | None, caller: Principal) -> Conflict:
    """The store's unique index on ``cvr`` refused the actor: point at the holder."""
    existing = store.find({"doc_type": "actor", "cvr": cvr}) if cvr else []
    return _cvr_conflict(existing[0] if existing else None, caller)


def _cvr_conflict(holder_doc: dict | None, caller: Principal) -> Conflict:
    """409 for a CVR number already held. The holder's id is named only to a caller who may
    read that actor (an operator of its district, its representative): ids are not handed
    out across districts."""
    holder_id = holder_doc.get("actor_id") if holder_doc else None
    readable = holder_id is not None and may_on_actor(caller, "read", holder_doc.get("district"), holder_id)
    return Conflict("an organisation with this CVR number is already registered",
                    code="actor.duplicate_cvr", details={"existing_actor_id": holder_id if readable else None})


def _decision(aggregate: Actor | Membership, ctx: Context, now: str) -> Decision:
    """The aggregate's new state with its events wrapped for the outbox."""
    envelopes = [
        Envelope.wrap(event, correlation_id=ctx.correlation_id,
                      causation_id=ctx.causation_id, district=aggregate.district, occurred_at=now)
        for event in aggregate.pending_events
    ]
    return Decision(aggregate.to_document(), envelopes)
