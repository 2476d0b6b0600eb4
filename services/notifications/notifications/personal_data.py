"""The personal data the notifications service holds (docs/personal-data.md lists
exactly these fields) and one actor's part of it, for a data subject's access request.

Field paths are dotted; ``[]`` stands for every element of a list, ``<id>`` for every
key of a map keyed by ids, ``**`` for any depth. A path covers everything below it.
Person ids are staff members' work e-mail addresses, or ``actor:<actor_id>`` for an
actor's contact. An actor's e-mail address is kept only in ``actor_contacts`` (from
ActorContactShared); ConsentWithdrawn and ActorErased replace it with a tombstone, and
ActorErased also drops the actor's card (a nameless tombstone stays), memberships, feed,
subscriptions and the stored events about it. The member ledger
(``directory_member_ledger``) holds ids, sequence numbers and times only.
"""
from __future__ import annotations

from dataclasses import asdict

from pymongo.database import Database

from samskab_contracts.access import require_personal_data_reader
from samskab_infra.aggregate_store import OUTBOX
from samskab_infra.context import Principal

from .adapters.local_actor_contacts import LocalActorContacts
from .adapters.stores import NotificationStores
from .domain.directory import actor_person_id

SERVICE = "notifications"

PERSONAL_DATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("actor_contacts", "address"),
    ("actor_contacts", "name"),
    ("actor_contacts", "language"),
    ("directory_people", "_id"),
    ("directory_people", "person_id"),
    ("directory_people", "email"),
    ("directory_people", "name"),
    ("directory_people", "language"),
    ("directory_people", "email_frequency"),
    ("directory_memberships", "_id"),
    ("directory_memberships", "person_id"),
    ("directory_actors", "name"),
    ("subscriptions", "subscriber_id"),
    ("feed_items", "_id"),
    ("feed_items", "person_id"),
    ("deliveries", "_id"),
    ("deliveries", "recipient_id"),
    ("delivery_attempts", "_id"),
    ("delivery_attempts", "recipient_id"),
    ("delivery_attempts", "error"),
    ("delivery_attempts", "response_excerpt"),
    ("notification_events", "actor_id"),
    ("notification_events", "data"),
    ("webhook_endpoints", "owner"),
    ("webhook_endpoints", f"{OUTBOX}[].data"),
    ("webhook_endpoints_events", "data"),
)




def _without_id(doc: dict, id_name: str) -> dict:
    return {(id_name if k == "_id" else k): v for k, v in doc.items()}


def export_actor(db: Database, actor_id: str, principal: Principal, district: str | None = None) -> dict:
    """Everything kept about the actor's contact ``actor:<actor_id>``."""
    require_personal_data_reader(principal, actor_id, district)
    stores = NotificationStores.from_database(db)
    person_id = actor_person_id(actor_id)
    person = stores.directory.person(person_id)
    card = stores.directory.actor(actor_id)
    return {
        "service": SERVICE, "actor_id": actor_id,
        "contact": LocalActorContacts(db).export(actor_id),
        "person": asdict(person) if person else None,
        "actor_card": asdict(card) if card else None,
        "memberships": [_without_id(d, "membership_id") for d in
                        stores.directory.memberships.find({"person_id": person_id}).sort("_id", 1)],
        "member_of_initiatives": stores.directory.ledger.initiatives_of(actor_id),
        "subscriptions": [s.view() for s in stores.subscriptions.of_subscriber(person_id)],
        "feed": [_without_id(d, "item_id") for d in
                 stores.feed.collection.find({"person_id": person_id}).sort("occurred_at", 1)],
        "deliveries": [d.view() for d in stores.deliveries.of_recipient(person_id)],
        "delivery_attempts": [_without_id(d, "attempt_id") for d in
                              stores.deliveries.log.find({"recipient_id": person_id}).sort("at", 1)],
    }
