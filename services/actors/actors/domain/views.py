"""Read models built from the aggregates: the contact directory entry and the personal-data export."""
from __future__ import annotations

import copy

from .actor import Actor
from .membership import Membership


def directory_entry(actor: Actor, membership: Membership) -> dict:
    """Who is in, since when, representing whom, and how to reach them.

    Contacts are listed only when the actor shares them with the initiatives it takes
    part in (an organisation's ``shared_with_initiatives``, a citizen's consent to
    ``contact_directory``); the others appear with name and kind only. An erased actor
    shows as "slettet" with no contacts.
    """
    last = membership.periods[-1] if membership.periods else {"joined_at": None, "left_at": None}
    open_platforms = set(membership.active_platform_ids())
    return {
        "actor_id": actor.actor_id,
        "actor_kind": actor.kind,
        "name": actor.display_name if actor.is_citizen else actor.name,
        "department": actor.department,
        "municipality": actor.municipality,
        "role": membership.role,
        "active": membership.active,
        "member_since": last["joined_at"],
        "left_at": last["left_at"],
        "platforms": [
            {"platform_id": p["platform_id"], "role": p["role"], "since": p["periods"][-1]["joined_at"]}
            for p in membership.platforms if p["platform_id"] in open_platforms
        ],
        "contributions": list(membership.contributions),
        "interests": copy.deepcopy(membership.interests),
        "contacts_shared": actor.shares_contacts_with_initiatives,
        "contacts": _contacts(actor),
    }


def _contacts(actor: Actor) -> list[dict]:
    if not actor.shares_contacts_with_initiatives:
        return []
    if not actor.is_citizen:
        return copy.deepcopy(actor.contact_points)
    contact = actor.contact
    if contact["channel"] == "none":
        return []
    return [{"name": actor.display_name, "role": None,
             "email": contact["address"] if contact["channel"] == "email" else None,
             "phone": contact["address"] if contact["channel"] == "sms" else None}]


def found_actor(actor: Actor) -> dict:
    """An actor as a search lists it (responses.actors.ActorFoundSchema)."""
    return {"actor_id": actor.actor_id, "kind": actor.kind, "district": actor.district,
            "name": actor.searchable_name, "cvr": actor.cvr, "department": actor.department,
            "municipality": actor.municipality, "registered_at": actor.registered_at}


def personal_data_export(actor: Actor, memberships: list[Membership], exported_at: str) -> dict:
    """Everything the actors service holds about one actor (GDPR art. 15 and 20)."""
    return {
        "service": "actors",
        "exported_at": exported_at,
        "actor": actor.view(),
        "memberships": [m.view() for m in sorted(memberships, key=lambda m: m.initiative_id)],
    }
