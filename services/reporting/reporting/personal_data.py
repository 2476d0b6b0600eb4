"""The personal data the reporting service holds (docs/personal-data.md lists exactly
these fields) and one actor's part of it, for a data subject's access request.

Field paths are dotted; ``[]`` stands for every element of a list, ``<id>`` for every
key of a map keyed by ids, ``**`` for any depth. A path covers everything below it.
Read models come in generations (``actors_g2``, ...); the names here stand for every
generation. Reporting counts actors by kind and never names a citizen; after
ActorErased the directory keeps an actor's id and kind only, and the event log no
name of it (adapters/event_log.py ``erase_names``).
"""
from __future__ import annotations

from samskab_contracts.access import require_personal_data_reader
from samskab_infra.aggregate_store import OUTBOX, OUTBOX_PENDING, REVISION
from samskab_infra.context import Principal

from .adapters.event_log import EVENT_LOG, envelope_of
from .adapters.stores import ReportingStores

SERVICE = "reporting"

PERSONAL_DATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("actors", "name"),
    ("actors", "department"),
    ("actors", "municipality"),
    ("initiatives", "members.<id>"),
    ("initiatives", "results.<id>"),
    ("initiatives", "ripple_effects.<id>"),
    ("initiatives", "reality_checks.<id>"),
    ("initiatives", "activities.<id>"),
    ("initiatives", "ideas_handed_over.<id>"),
    ("initiatives", "lessons.<id>"),
    ("initiatives", "partner_quotes.<id>"),
    ("initiative_summaries", "members.<id>"),
    ("event_log", "_event"),
    ("event_log", "data"),
)

HIDDEN = ("_id", OUTBOX, OUTBOX_PENDING, REVISION, "_applied")


def _clean(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in HIDDEN}


def export_actor(stores: ReportingStores, actor_id: str, principal: Principal, district: str | None = None) -> dict:
    """The directory entry, the membership facts per initiative and the logged events
    that name ``actor_id`` (``stores``: the worker's ReportingStores)."""
    require_personal_data_reader(principal, actor_id, district)
    models = stores.read_models()
    entry = models.actors_collection.find_one({"_id": actor_id})
    members = [
        {"initiative_id": doc["_id"], "member": doc["members"][actor_id]}
        for doc in models.initiatives_collection.find({f"members.{actor_id}": {"$exists": True}})
    ]
    events = [envelope_of(doc) for doc in
              stores.db[EVENT_LOG].find({"data.actor_id": actor_id}).sort("occurred_at", 1)]
    return {"service": SERVICE, "actor_id": actor_id,
            "directory": _clean(entry) if entry else None,
            "initiatives": sorted(members, key=lambda m: m["initiative_id"]), "events": events}
