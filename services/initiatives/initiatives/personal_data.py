"""The personal data the initiatives service holds (docs/personal-data.md lists exactly
these fields) and one actor's part of it, for a data subject's access request.

Field paths are dotted; ``[]`` stands for every element of a list, ``<id>`` for every
key of a map keyed by ids, ``**`` for any depth. A path covers everything below it.
Most of it is about police and municipal staff in their roles (person ids are work
e-mail addresses); about actors it holds only the member copy kept from ActorJoined /
ActorLeft, which the ActorLeft that an erasure emits removes.
"""
from __future__ import annotations

from samskab_contracts.access import require_personal_data_reader
from samskab_infra.aggregate_store import OUTBOX
from samskab_infra.context import Principal

SERVICE = "initiatives"

PERSONAL_DATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("initiatives", "created_by"),
    ("initiatives", "anchor_person"),
    ("initiatives", "anchor_handovers[]"),
    ("initiatives", "working_group[]"),
    ("initiatives", "coordinator"),
    ("initiatives", "coordinator_history[]"),
    ("initiatives", "governance.deputy_anchor_person"),
    ("initiatives", "governance.deputy_history[]"),
    ("initiatives", "governance.steering_group[]"),
    ("initiatives", "governance.core_group[]"),
    ("initiatives", "proposals[]"),
    ("initiatives", "**.by"),
    ("initiatives", "platforms.<id>.established_by"),
    ("initiatives", "goals.<id>.set_by"),
    ("initiatives", "findings.<id>.recorded_by"),
    ("initiatives", "challenge_history[].set_by"),
    ("initiatives", "challenge_history[].replaced_by"),
    ("initiatives", "pauses[].resumed_by"),
    ("initiatives", "results[]"),
    ("initiatives", "ripple_effects[]"),
    ("initiatives", "reality_checks[]"),
    ("initiatives", "activities[]"),
    ("initiatives", "recorded_activities[]"),
    ("initiatives", "ideas_handed_over[]"),
    ("initiatives", "findings.<id>"),
    ("initiatives", "mapping.sources[]"),
    ("initiatives", "analysis.potential_actors[]"),
    ("initiatives", "involvement.alignments[]"),
    ("initiatives", "learning.quotes[]"),
    ("initiatives", "learning.lessons[]"),
    ("initiatives", "actors.<id>"),
    ("initiatives", "platforms.<id>.members.<id>"),
    ("initiatives", f"{OUTBOX}[].data"),
    ("initiatives_events", "data"),
)




def export_actor(store, actor_id: str, principal: Principal, district: str | None = None) -> dict:
    """The member entries this service keeps for ``actor_id``, per initiative; ``district``
    is the actor's, as the actors service knows it (the gateway passes it on)."""
    require_personal_data_reader(principal, actor_id, district)
    memberships = []
    for doc in store.find({f"actors.{actor_id}": {"$exists": True}}):
        platforms = doc.get("platforms") or {}
        memberships.append({
            "initiative_id": doc["initiative_id"], "title": doc.get("title"),
            "district": doc.get("district"), "member": doc["actors"][actor_id],
            "platforms": {pid: p["members"][actor_id] for pid, p in sorted(platforms.items())
                          if actor_id in (p.get("members") or {})},
        })
    return {"service": SERVICE, "actor_id": actor_id, "memberships": memberships}
