"""The recipient directory in the store: people, memberships, initiative and actor cards."""
from __future__ import annotations

from dataclasses import asdict, replace

from pymongo.database import Database

from ..domain.directory import (
    ActorCard,
    DirectoryChanges,
    InitiativeCard,
    Membership,
    Person,
    forget,
    merge_contact,
)
from .documents import insert_new, put, with_flags

PEOPLE = "directory_people"
MEMBERSHIPS = "directory_memberships"
INITIATIVES = "directory_initiatives"
ACTORS = "directory_actors"


class MongoDirectory:
    def __init__(self, db: Database):
        self.people = db[PEOPLE]
        self.memberships = db[MEMBERSHIPS]
        self.initiatives = db[INITIATIVES]
        self.actors = db[ACTORS]

    def ensure_indexes(self) -> None:
        self.memberships.create_index("initiative_id", name="initiative")
        self.memberships.create_index("person_id", name="person")

    # -- reads -----------------------------------------------------------

    def person(self, person_id: str) -> Person | None:
        doc = self.people.find_one({"_id": person_id})
        if doc is None:
            return None
        doc = with_flags(doc, ("forgotten",))
        return Person(**{k: v for k, v in doc.items() if k in Person.__dataclass_fields__})

    def initiative(self, initiative_id: str | None) -> InitiativeCard | None:
        doc = self.initiatives.find_one({"_id": initiative_id}) if initiative_id else None
        if doc is None:
            return None
        return InitiativeCard(doc["_id"], doc["title"], doc.get("district"),
                              tuple(doc.get("themes") or ()))

    def actor(self, actor_id: str | None) -> ActorCard | None:
        doc = self.actors.find_one({"_id": actor_id}) if actor_id else None
        return ActorCard(doc["_id"], doc["name"]) if doc else None

    def members(self, initiative_id: str | None) -> list[Membership]:
        if not initiative_id:
            return []
        return [Membership(d["initiative_id"], d["role"], d["person_id"])
                for d in self.memberships.find({"initiative_id": initiative_id})]

    # -- writes ----------------------------------------------------------

    def save_person(self, person: Person) -> None:
        put(self.people, {"_id": person.person_id, **asdict(person)})

    def _write_changes(self, before: Person | None, after: Person) -> None:
        """Write only the fields that differ from what was read, so preferences set
        meanwhile (set_preferences) are kept."""
        if before is None and insert_new(self.people, {"_id": after.person_id, **asdict(after)}):
            return
        changed = {k: v for k, v in asdict(after).items() if before is None or getattr(before, k) != v}
        if changed:
            self.people.update_one({"_id": after.person_id}, {"$set": changed})

    def set_preferences(self, person_id: str, *, language: str | None,
                        email_frequency: str | None, at: str) -> Person:
        """Only the two preference fields are written, so a contact change or a
        forgetting event handled meanwhile is never overwritten by an older card."""
        chosen = {k: v for k, v in (("language", language), ("email_frequency", email_frequency)) if v}
        change = {"$set": chosen}
        if chosen and not self.people.update_one({"_id": person_id}, change).matched_count:
            card = replace(Person(person_id, updated_at=at), **chosen)
            if not insert_new(self.people, {"_id": person_id, **asdict(card)}):
                self.people.update_one({"_id": person_id}, change)  # created meanwhile
        return self.person(person_id) or Person(person_id, updated_at=at)

    def apply(self, changes: DirectoryChanges, at: str) -> None:
        """Apply one event's changes; every step is idempotent, so a redelivered
        event changes nothing more."""
        for card in changes.initiatives:
            put(self.initiatives, {"_id": card.initiative_id, "title": card.title,
                                   "district": card.district, "themes": list(card.themes)})
        for actor in changes.actors:
            put(self.actors, {"_id": actor.actor_id, "name": actor.name})
        for actor_id in changes.erase_actors:
            self.actors.delete_one({"_id": actor_id})
        for update in changes.contacts:
            current = self.person(update.person_id)
            merged = merge_contact(current, update, at)
            if merged is not None:
                self._write_changes(current, merged)
        for person_id in changes.forget:
            current = self.person(person_id)
            self._write_changes(current, forget(current, person_id, at))
        for flt in changes.remove_memberships:
            query = {k: v for k, v in asdict(flt).items() if v is not None}
            if query:
                self.memberships.delete_many(query)
        for membership in changes.add_memberships:
            insert_new(self.memberships, {"_id": membership.key, **asdict(membership)})
