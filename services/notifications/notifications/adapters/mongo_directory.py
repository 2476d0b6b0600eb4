"""The recipient directory in the store: people, memberships, initiative and actor cards.

Actors' memberships live in the member ledger (mongo_member_ledger.py). An erased actor's
card stays as a tombstone (``erased``, no name) that no later-arriving event can name again.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, replace

from pymongo.database import Database

from samskab_contracts import member_ledger
from samskab_infra.grouped_inserts import GroupedInserts

from ..domain.catalogue import ACTOR_CONTACT, MEMBER_ROLES
from ..domain.directory import (
    ActorCard,
    DirectoryChanges,
    InitiativeCard,
    InitiativeReach,
    Membership,
    Person,
    actor_person_id,
    forget,
    merge_contact,
)
from .documents import insert_new, put, with_flags
from .mongo_member_ledger import MongoMemberLedger

PEOPLE = "directory_people"
MEMBERSHIPS = "directory_memberships"
INITIATIVES = "directory_initiatives"
REACH = "directory_reach"
ACTORS = "directory_actors"


class MongoDirectory:
    def __init__(self, db: Database):
        self.people = db[PEOPLE]
        self.memberships = db[MEMBERSHIPS]
        self.initiatives = db[INITIATIVES]
        # Cards of initiatives created at the same moment go in one insert (the directory is
        # kept per process, see stores.KeptStores, so concurrent workers share it).
        self.new_initiatives = GroupedInserts(self.initiatives)
        self.reach = db[REACH]
        self.actors = db[ACTORS]
        self.ledger = MongoMemberLedger(db)

    def ensure_indexes(self) -> None:
        self.memberships.create_index("initiative_id", name="initiative")
        self.memberships.create_index("person_id", name="person")
        self.ledger.ensure_indexes()

    # -- reads -----------------------------------------------------------

    def person(self, person_id: str) -> Person | None:
        doc = self.people.find_one({"_id": person_id})
        return _person(doc) if doc is not None else None

    def cards(self, person_ids: Sequence[str]) -> dict[str, Person]:
        """The contact cards of these people that have one, by person id, in one store operation."""
        docs = self.people.find({"_id": {"$in": list(person_ids)}}) if person_ids else []
        return {doc["_id"]: _person(doc) for doc in docs}

    def initiative(self, initiative_id: str | None) -> InitiativeCard | None:
        """The card with the districts taking part besides the lead district."""
        card = self.initiative_card(initiative_id)
        if card is None:
            return None
        return replace(card, participating_districts=self.participating(card.initiative_id))

    def initiative_card(self, initiative_id: str | None) -> InitiativeCard | None:
        """The card alone (no ``participating_districts``): one store operation."""
        doc = self.initiatives.find_one({"_id": initiative_id}) if initiative_id else None
        if doc is None:
            return None
        return InitiativeCard(doc["_id"], doc["title"], doc.get("district"), tuple(doc.get("themes") or ()))

    def participating(self, initiative_id: str) -> tuple[str, ...]:
        """The districts taking part in the initiative besides its lead district."""
        reach = self.reach.find_one({"_id": initiative_id}) or {}
        return tuple(reach.get("participating") or ())

    def actor(self, actor_id: str | None) -> ActorCard | None:
        doc = self.actors.find_one({"_id": actor_id}) if actor_id else None
        return ActorCard(doc["_id"], doc["name"]) if doc and doc.get("name") else None

    def members(self, initiative_id: str | None,
                roles: Collection[str] = MEMBER_ROLES) -> list[Membership]:
        """The initiative's members in ``roles`` (the member ledger is read only for actors' contacts)."""
        if not initiative_id or not roles:
            return []
        found = [Membership(d["initiative_id"], d["role"], d["person_id"])
                 for d in self.memberships.find({"initiative_id": initiative_id}) if d["role"] in roles]
        if ACTOR_CONTACT in roles:
            found += [Membership(initiative_id, ACTOR_CONTACT, actor_person_id(a))
                      for a in self.ledger.members(initiative_id)]
        return list({m.key: m for m in found}.values())

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

    def _name_actor(self, card: ActorCard) -> None:
        """Compare-and-set on the name, so an erasure that lands meanwhile is never undone."""
        for _ in range(5):
            doc = self.actors.find_one({"_id": card.actor_id})
            if doc is not None and (doc.get("erased") or doc.get("name") == card.name):
                return
            named = {"_id": card.actor_id, "name": card.name}
            if doc is None and insert_new(self.actors, named):
                return
            if doc is not None and self.actors.replace_one({"_id": card.actor_id, "name": doc["name"]},
                                                           named).matched_count:
                return

    def _set_reach(self, reach: InitiativeReach) -> None:
        """Compare-and-set on the time, so an older change arriving late is ignored (kept
        apart from the card, which InitiativeCreated writes and InitiativeRevised replaces whole)."""
        document = {"_id": reach.initiative_id, "participating": list(reach.participating_districts),
                    "at": reach.at}
        for _ in range(5):
            doc = self.reach.find_one({"_id": reach.initiative_id})
            if doc is None and insert_new(self.reach, document):
                return
            if doc is not None and (str(doc.get("at") or "") > reach.at or self.reach.replace_one(
                    {"_id": reach.initiative_id, "at": doc.get("at")}, document).matched_count):
                return

    def apply(self, changes: DirectoryChanges, at: str) -> bool:
        """Apply one event's changes; every step is idempotent, so a redelivered
        event changes nothing more. False when a membership event was overtaken by a
        later one (the actor left after this join, or was erased): nobody hears of it."""
        for card in changes.initiatives:
            document = {"_id": card.initiative_id, "title": card.title, "district": card.district,
                        "themes": list(card.themes)}
            if changes.initiatives_created:
                # An initiative's first event: a card already there is this event's own (a
                # redelivery) or a later InitiativeRevised's, newer than this one; either way
                # it stays, so a redelivered InitiativeCreated changes nothing here.
                insert_new(self.new_initiatives, document)
            else:
                put(self.initiatives, document)
        for reach in changes.reach:
            self._set_reach(reach)
        for actor_id in changes.erase_actors:
            put(self.actors, {"_id": actor_id, "name": None, "erased": True})
            self.ledger.erase_actor(actor_id)
        for actor in changes.actors:
            self._name_actor(actor)
        news = True
        for change in changes.actor_memberships:
            outcome = self.ledger.apply(change.initiative_id, change.actor_id, change.fact)
            if outcome.applied and change.card:
                self._name_actor(change.card)
            news &= member_ledger.agrees(outcome.entry, change.fact)
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
        return news


def _person(doc: dict) -> Person:
    doc = with_flags(doc, ("forgotten",))
    return Person(**{k: v for k, v in doc.items() if k in Person.__dataclass_fields__})
