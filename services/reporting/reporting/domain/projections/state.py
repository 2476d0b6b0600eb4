"""All reporting read models together, in memory: for a rebuild from scratch and for tests.

The service stores one document per initiative and one per actor; ``targets``
tells it which documents an envelope touches, and the per-document ``apply``
functions do the rest. ``apply`` / ``step`` here do the same over a plain dict
``{"initiatives": {id: model}, "actors": {id: entry}}``.
"""
from __future__ import annotations

from collections.abc import Iterable

from samskab_infra.event_types import Event

from . import directory, initiative
from .alerts import step as initiative_step

INITIATIVES = "initiatives"
ACTORS = "actors"
SUMMARIES = "initiative_summaries"
"""The compact summary of each initiative model (summary.py), written with it."""
IGNORED: tuple[str, ...] = ("WorkingGroupChanged", "PlatformLeadAssigned", "RealityCheckScheduled",
                            "ConsentGiven", "ConsentWithdrawn", "ActorContactShared",
                            "ActorRepresentativeAdded", "ActorRepresentativeRemoved", "ActorEnrolled",
                            "DeputyAnchorPersonAssigned")
"""Event types reporting reads nothing from: working-group membership, platform leads, the
deputy anchor person and an actor's representatives name persons and carry no figure; a
schedule is not an evaluation; an enrolment is counted by its ActorJoined; reporting holds no
consent-bound data (consents, and the contact channel the actors service shares with
notifications)."""


def empty_state() -> dict:
    return {INITIATIVES: {}, ACTORS: {}}


CREATED_BY: dict[str, str] = {INITIATIVES: "InitiativeCreated", ACTORS: "ActorRegistered"}
"""The event that normally brings a read-model document into being: the projection writes
its document without reading first (and reads only when it is there already)."""


def creates(collection: str, envelope: dict) -> bool:
    return CREATED_BY.get(collection) == envelope.get("type")


def targets(envelope: dict) -> list[tuple[str, str]]:
    """(collection, document id) pairs this envelope updates; empty when none."""
    data = envelope.get("data") or {}
    event_type = envelope.get("type", "")
    out = []
    if initiative.handles(event_type) and isinstance(data.get("initiative_id"), str):
        out.append((INITIATIVES, data["initiative_id"]))
    if directory.handles(event_type) and isinstance(data.get("actor_id"), str):
        out.append((ACTORS, data["actor_id"]))
    return out


def step(state: dict, envelope: dict, **options: float) -> tuple[dict, list[Event]]:
    """Apply one envelope to every document it targets; return the raised events."""
    raised: list[Event] = []
    state = {INITIATIVES: dict(state.get(INITIATIVES, {})), ACTORS: dict(state.get(ACTORS, {}))}
    for collection, doc_id in targets(envelope):
        if collection == INITIATIVES:
            model, events = initiative_step(state[INITIATIVES].get(doc_id), envelope, **options)
            state[INITIATIVES][doc_id] = model
            raised += events
        else:
            state[ACTORS][doc_id] = directory.apply(state[ACTORS].get(doc_id), envelope)
    return state, raised


def apply(state: dict, envelope: dict, **options: float) -> dict:
    return step(state, envelope, **options)[0]


def group(envelopes: Iterable[dict]) -> dict[str, dict[str, list[dict]]]:
    """Envelopes by the documents they touch: {collection: {doc id: [envelope, ...]}}."""
    batches: dict[str, dict[str, list[dict]]] = {INITIATIVES: {}, ACTORS: {}}
    for envelope in envelopes:
        for collection, doc_id in targets(envelope):
            batches[collection].setdefault(doc_id, []).append(envelope)
    return batches


def fold(collection: str, current: dict | None, batch: list[dict], **options: float) -> dict:
    """One document with a batch of its envelopes applied (derived once). The same object
    comes back when nothing in the batch was new to it. No events are raised."""
    if collection == INITIATIVES:
        return initiative.apply_many(current, batch, **options)
    entry = current
    for envelope in batch:
        entry = directory.apply(entry, envelope)
    return entry if entry is not None else directory.empty(None)


def rebuild(envelopes: Iterable[dict], **options: float) -> dict:
    """Read models from scratch, each document derived once at the end (the result is the
    same as applying the events one by one). No events are raised: they were raised live."""
    batches = group(envelopes)
    return {collection: {doc_id: fold(collection, None, batch, **options)
                         for doc_id, batch in docs.items()}
            for collection, docs in batches.items()}
