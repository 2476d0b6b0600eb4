"""A local copy of where actors may be e-mailed, kept from ActorContactShared events.

Services talk only through events: the actors service shares an actor's chosen
contact (with consent); ConsentWithdrawn for notifications and ActorErased
delete it here at once.
"""
from __future__ import annotations

from pymongo.database import Database

from ..domain.directory import EmailContact

ACTOR_CONTACTS = "actor_contacts"


class LocalActorContacts:
    def __init__(self, db: Database):
        self.collection = db[ACTOR_CONTACTS]

    def apply(self, envelope_type: str, data: dict) -> None:
        actor_id = data["actor_id"]
        if envelope_type == "ActorContactShared":
            if data.get("channel") == "email" and data.get("address"):
                document = {"_id": actor_id, "address": data["address"], "name": data.get("name"),
                            "language": data.get("language"), "at": data.get("at")}
                current = self.collection.find_one({"_id": actor_id}, {"at": 1})
                if current is None:
                    self.collection.insert_one(document)
                elif (current.get("at") or "") <= (data.get("at") or ""):
                    self.collection.replace_one({"_id": actor_id}, document)
            else:
                self.collection.delete_one({"_id": actor_id})
        elif envelope_type == "ActorErased" or (
                envelope_type == "ConsentWithdrawn" and data.get("purpose") == "notifications"):
            self.collection.delete_one({"_id": actor_id})

    def __call__(self, actor_id: str) -> EmailContact | None:
        doc = self.collection.find_one({"_id": actor_id})
        if doc is None:
            return None
        return EmailContact(doc["address"], doc.get("name"), doc.get("language"))

    def export(self, actor_id: str) -> dict | None:
        doc = self.collection.find_one({"_id": actor_id})
        return {k: v for k, v in doc.items() if k != "_id"} if doc else None
