"""The recipient directory: the little notifications knows about people, actors and
initiatives, learnt only from events (never from another service's database).

What is read from each event (other fields are ignored; a missing field means
"no change"):

| event                         | fields read                                                    |
|-------------------------------|----------------------------------------------------------------|
| InitiativeCreated             | initiative_id, title, district, themes                          |
| AnchorPersonAssigned          | initiative_id, person_id / subject / anchor_person, email, name, language |
| CoordinatorAssigned           | same, for the coordinator (tovholder)                           |
| WorkingGroupMemberAdded/Removed | initiative_id, person_id / subject, email, name, language     |
| ActorRegistered / ActorUpdated | actor_id, name, contact_email / email, contact_name, language |
| ActorJoined / ActorLeft       | initiative_id, actor_id, actor_name                             |
| ConsentWithdrawn              | person_id / subject, or actor_id                                |
| ActorErased                   | actor_id                                                        |

An actor's contact person is addressed as ``actor:<actor_id>``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .catalogue import (
    ACTOR_CONTACT,
    ANCHOR_PERSON,
    COORDINATOR,
    DEFAULT_LANGUAGE,
    IMMEDIATE,
    LANGUAGES,
    WORKING_GROUP_MEMBER,
)
from .incoming import IncomingEvent


def actor_person_id(actor_id: str) -> str:
    return f"actor:{actor_id}"


@dataclass(frozen=True)
class Person:
    """Contact card. ``forgotten`` is a tombstone: details gone, nothing more is sent,
    and events older than ``updated_at`` cannot bring the details back."""

    person_id: str
    email: str | None = None
    name: str | None = None
    language: str = DEFAULT_LANGUAGE
    email_frequency: str = IMMEDIATE
    forgotten: bool = False
    updated_at: str = ""

    @property
    def reachable_by_email(self) -> bool:
        return bool(self.email) and not self.forgotten


@dataclass(frozen=True)
class ContactUpdate:
    person_id: str
    email: str | None = None
    name: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Membership:
    initiative_id: str
    role: str
    person_id: str

    @property
    def key(self) -> str:
        return f"{self.initiative_id}|{self.role}|{self.person_id}"


@dataclass(frozen=True)
class MembershipFilter:
    """Removes every membership that equals the fields that are set."""

    initiative_id: str | None = None
    role: str | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class InitiativeCard:
    initiative_id: str
    title: str
    district: str | None = None
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorCard:
    actor_id: str
    name: str


@dataclass
class DirectoryChanges:
    contacts: list[ContactUpdate] = field(default_factory=list)
    forget: list[str] = field(default_factory=list)
    initiatives: list[InitiativeCard] = field(default_factory=list)
    actors: list[ActorCard] = field(default_factory=list)
    erase_actors: list[str] = field(default_factory=list)
    remove_memberships: list[MembershipFilter] = field(default_factory=list)
    add_memberships: list[Membership] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def merge_contact(existing: Person | None, update: ContactUpdate, at: str) -> Person | None:
    """The card after an event's contact details; None when a tombstone newer than
    the event forbids it (a late event cannot undo an erasure)."""
    if existing is not None and existing.forgotten and at <= existing.updated_at:
        return None
    base = existing if existing is not None and not existing.forgotten else Person(update.person_id)
    language = update.language if update.language in LANGUAGES else base.language
    return replace(base, email=update.email or base.email, name=update.name or base.name,
                   language=language, forgotten=False, updated_at=max(at, base.updated_at))


def forget(existing: Person | None, person_id: str, at: str) -> Person:
    kept = existing.updated_at if existing else ""
    return Person(person_id=person_id, forgotten=True, updated_at=max(at, kept))


def _text(data: Mapping, *names: str) -> str | None:
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _person_contact(data: Mapping) -> ContactUpdate | None:
    person_id = _text(data, "person_id", "subject", "anchor_person", "coordinator")
    if person_id is None:
        return None
    return ContactUpdate(person_id, email=_text(data, "email"), name=_text(data, "name"),
                         language=_text(data, "language"))


_ASSIGNED_ROLE = {"AnchorPersonAssigned": ANCHOR_PERSON, "CoordinatorAssigned": COORDINATOR}


def changes_for(event: IncomingEvent) -> DirectoryChanges:
    """What an event changes in the directory (possibly nothing)."""
    data, changes = event.data, DirectoryChanges()
    initiative_id, actor_id = event.initiative_id, event.actor_id
    if event.type == "InitiativeCreated" and initiative_id:
        changes.initiatives.append(InitiativeCard(
            initiative_id, title=_text(data, "title") or initiative_id,
            district=event.district, themes=tuple(str(t) for t in data.get("themes") or ())))
    elif event.type in _ASSIGNED_ROLE or event.type.startswith("WorkingGroupMember"):
        contact = _person_contact(data)
        if contact is None or not initiative_id:
            return changes
        role = _ASSIGNED_ROLE.get(event.type, WORKING_GROUP_MEMBER)
        if event.type == "WorkingGroupMemberRemoved":
            changes.remove_memberships.append(MembershipFilter(initiative_id, role, contact.person_id))
            return changes
        changes.contacts.append(contact)
        if event.type in _ASSIGNED_ROLE:  # exactly one anchor person (and coordinator) at a time
            changes.remove_memberships.append(MembershipFilter(initiative_id, role))
        changes.add_memberships.append(Membership(initiative_id, role, contact.person_id))
    elif event.type in ("ActorRegistered", "ActorUpdated") and actor_id:
        if name := _text(data, "name", "actor_name"):
            changes.actors.append(ActorCard(actor_id, name))
        changes.contacts.append(ContactUpdate(
            actor_person_id(actor_id), email=_text(data, "contact_email", "email"),
            name=_text(data, "contact_name"), language=_text(data, "language")))
    elif event.type in ("ActorJoined", "ActorLeft") and actor_id and initiative_id:
        if name := _text(data, "actor_name", "name"):
            changes.actors.append(ActorCard(actor_id, name))
        membership = Membership(initiative_id, ACTOR_CONTACT, actor_person_id(actor_id))
        if event.type == "ActorJoined":
            changes.add_memberships.append(membership)
        else:
            changes.remove_memberships.append(MembershipFilter(initiative_id, ACTOR_CONTACT,
                                                               membership.person_id))
    elif event.type == "ConsentWithdrawn":
        person_id = _text(data, "person_id", "subject")
        if person_id is None and actor_id:
            person_id = actor_person_id(actor_id)
        if person_id:
            changes.forget.append(person_id)
    elif event.type == "ActorErased" and actor_id:
        person_id = actor_person_id(actor_id)
        changes.forget.append(person_id)
        changes.erase_actors.append(actor_id)
        changes.remove_memberships.append(MembershipFilter(person_id=person_id))
    return changes
