"""The personal data the actors service holds: where it lives (the inventory in
docs/personal-data.md must list exactly these) and what of it its published
events carry (redacted from the event history once the actor is erased).

Field paths are dotted; ``[]`` stands for every element of a list, ``<id>`` for
every key of a map keyed by ids, ``**`` for any depth. A path covers everything
below it.
"""
from __future__ import annotations

from samskab_infra.aggregate_store import OUTBOX

SERVICE = "actors"

PERSONAL_DATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("actors", "display_name"),
    ("actors", "contact.channel"),
    ("actors", "contact.address"),
    ("actors", "preferred_language"),
    ("actors", "consents[]"),
    ("actors", "kind"),
    ("actors", "district"),
    ("actors", "registered_at"),
    ("actors", "updated_at"),
    ("actors", "erased_at"),
    ("actors", "contact_points[]"),
    ("actors", "name"),
    ("actors", "department"),
    ("actors", "municipality"),
    ("actors", "cvr"),
    ("actors", "representatives[]"),
    ("actors", "number"),
    ("actors", f"{OUTBOX}[].data"),
    ("memberships", "actor_id"),
    ("memberships", "actor_kind"),
    ("memberships", "role"),
    ("memberships", "periods[]"),
    ("memberships", "platforms[]"),
    ("memberships", "contributions[]"),
    ("memberships", "interests.free_text"),
    ("memberships", f"{OUTBOX}[].data"),
    ("actors_events", "data.name"),
    ("actors_events", "data.address"),
    ("actors_events", "data.person_id"),
    ("memberships_events", "data.name"),
)

PUBLISHED_PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "ActorContactShared": ("address", "name"),
    "ActorRegistered": ("name",),
    "ActorUpdated": ("name",),
    "ActorJoined": ("name",),
    "ActorEnrolled": ("name",),
    "ActorRepresentativeAdded": ("person_id",),
    "ActorRepresentativeRemoved": ("person_id",),
}
"""Event type -> the fields of its data that may identify a person: the shared
contact, a representative's sign-in identity, and an organisation's name (a sole
proprietorship's name names its owner).
Set to null in the published event history after ActorErased."""
