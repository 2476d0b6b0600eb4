"""A local copy of where actors may be e-mailed, kept from ActorContactShared events.

Services talk only through events: the actors service shares an actor's chosen
contact (with consent); ConsentWithdrawn (for notifications, or any erasure) and
ActorErased replace it at once with a tombstone. Each change carries the time it
happened, and an older one never overwrites a newer one, so a late
ActorContactShared cannot bring back an address that was withdrawn after it.
"""
from __future__ import annotations

from pymongo.database import Database

from samskab_infra.clock import to_instant

from ..domain.directory import EmailContact
from .documents import insert_new

ACTOR_CONTACTS = "actor_contacts"


def _ends_contact(envelope_type: str, data: dict) -> bool:
    if envelope_type == "ActorErased":
        return True
    return envelope_type == "ConsentWithdrawn" and (
        data.get("purpose") == "notifications" or data.get("cause") == "erasure")


class LocalActorContacts:
    def __init__(self, db: Database):
        self.collection = db[ACTOR_CONTACTS]

    def apply(self, envelope_type: str, data: dict) -> None:
        """Apply one actors event (idempotent; other event types change nothing)."""
        at = to_instant(data["at"])
        if envelope_type == "ActorContactShared":
            shared = data.get("channel") == "email" and data.get("address")
            self._keep_newest(data["actor_id"], {
                "address": data["address"] if shared else None,
                "name": data.get("name") if shared else None,
                "language": data.get("language"), "at": at})
        elif _ends_contact(envelope_type, data):
            self._keep_newest(data["actor_id"], {"address": None, "name": None, "language": None,
                                                 "at": at})

    def _keep_newest(self, actor_id: str, document: dict, attempts: int = 5) -> None:
        """Store ``document`` unless a newer change is kept; at the same instant an
        end of contact wins over a shared address."""
        for _ in range(attempts):
            current = self.collection.find_one({"_id": actor_id})
            if current is None:
                if insert_new(self.collection, {"_id": actor_id, **document}):
                    return
                continue
            kept_at = current.get("at") or ""
            if kept_at > document["at"] or (kept_at == document["at"] and current.get("address") is None):
                return
            guard = {"_id": actor_id, "at": current.get("at")}
            if self.collection.replace_one(guard, {"_id": actor_id, **document}).matched_count:
                return

    def __call__(self, actor_id: str) -> EmailContact | None:
        doc = self.collection.find_one({"_id": actor_id})
        if doc is None or not doc.get("address"):
            return None
        return EmailContact(doc["address"], doc.get("name"), doc.get("language"))

    def export(self, actor_id: str) -> dict | None:
        """What is kept about an actor (for a data subject's access request)."""
        doc = self.collection.find_one({"_id": actor_id})
        if doc is None or not doc.get("address"):
            return None
        return {k: v for k, v in doc.items() if k != "_id"}
