"""The recipient directory: the little notifications knows about people, actors and
initiatives, learnt only from events (never from another service's database).

| event                        | what it changes                                                |
|------------------------------|----------------------------------------------------------------|
| InitiativeCreated            | the initiative's card (title, district, themes)                |
| InitiativeRevised            | the card again, when the title or the themes were revised      |
| ParticipatingDistrictAdded/  | the districts taking part besides the lead district (the       |
| ParticipatingDistrictRemoved | latest by time wins), so their operators may follow it         |
| AnchorPersonAssigned         | the one anchor person (``anchor_person``: person_id, name, email) |
| CoordinatorAssigned          | the one coordinator (``coordinator``)                          |
| WorkingGroupChanged          | the working group, replaced by ``members``                     |
| ActorRegistered/Updated      | the actor's card (organisation name; citizens are never named) |
| ActorJoined / ActorLeft      | the actor's membership, through the member ledger (a late join |
|                              | cannot undo a later leave; leaving a platform only keeps it)   |
| ConsentGiven (notifications) | lifts an earlier withdrawal                                    |
| ConsentWithdrawn             | forgets the actor's contact (purpose notifications, or erasure) |
| ActorErased                  | forgets the contact and the actor's card and memberships       |
|                              | (the card becomes a tombstone no later event can name again)   |

Actor events carry no contact details: an actor's contact is addressed as
``actor:<actor_id>``; its e-mail address comes only from ActorContactShared and
is kept apart (adapters/local_actor_contacts.py), looked up when a mail is sent.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from samskab_contracts.member_ledger import ERASED_REASON, MEMBERSHIP_EVENTS, MembershipFact

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

ACTOR_PREFIX = "actor:"


def actor_person_id(actor_id: str) -> str:
    return f"{ACTOR_PREFIX}{actor_id}"


def actor_id_of(person_id: str) -> str | None:
    return person_id[len(ACTOR_PREFIX):] if person_id.startswith(ACTOR_PREFIX) else None


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
    def is_actor_contact(self) -> bool:
        return self.person_id.startswith(ACTOR_PREFIX)

    @property
    def reachable_by_email(self) -> bool:
        """An address is known here, or (for an actor) may be known from the actor's
        shared contact when sending."""
        return not self.forgotten and (bool(self.email) or self.is_actor_contact)


@dataclass(frozen=True)
class EmailContact:
    """Where a person may be e-mailed right now (for an actor's contact: what the
    actors service last shared, while consent lasts)."""

    email: str
    name: str | None = None
    language: str | None = None


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
    participating_districts: tuple[str, ...] = ()

    @property
    def districts(self) -> tuple[str, ...]:
        """The lead district first, then the districts taking part besides it."""
        return ((self.district,) if self.district else ()) + self.participating_districts


@dataclass(frozen=True)
class InitiativeReach:
    """The districts taking part in an initiative besides its lead district, as of ``at``."""

    initiative_id: str
    participating_districts: tuple[str, ...]
    at: str


@dataclass(frozen=True)
class ActorCard:
    actor_id: str
    name: str


@dataclass(frozen=True)
class ActorMembershipChange:
    """One ActorJoined / ActorLeft for the member ledger; ``card`` (a join's organisation
    name) is kept only if the ledger applies the event."""

    initiative_id: str
    actor_id: str
    fact: MembershipFact
    card: ActorCard | None = None


@dataclass
class DirectoryChanges:
    contacts: list[ContactUpdate] = field(default_factory=list)
    forget: list[str] = field(default_factory=list)
    initiatives: list[InitiativeCard] = field(default_factory=list)
    # The cards are of a just-created initiative: stored only if there is none yet.
    initiatives_created: bool = False
    reach: list[InitiativeReach] = field(default_factory=list)
    actors: list[ActorCard] = field(default_factory=list)
    erase_actors: list[str] = field(default_factory=list)
    remove_memberships: list[MembershipFilter] = field(default_factory=list)
    add_memberships: list[Membership] = field(default_factory=list)
    actor_memberships: list[ActorMembershipChange] = field(default_factory=list)

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


def _person(value: object) -> ContactUpdate | None:
    """A nested person of an initiatives event: person_id, name, email."""
    if not isinstance(value, Mapping) or not value.get("person_id"):
        return None
    return ContactUpdate(str(value["person_id"]), email=value.get("email") or None,
                         name=value.get("name") or None)


def _assign(changes: DirectoryChanges, initiative_id: str, role: str, value: object) -> None:
    """Exactly one anchor person (and one coordinator) at a time."""
    contact = _person(value)
    if contact is None:
        return
    changes.contacts.append(contact)
    changes.remove_memberships.append(MembershipFilter(initiative_id, role))
    changes.add_memberships.append(Membership(initiative_id, role, contact.person_id))


def _actor_card(event: IncomingEvent, actor_id: str) -> ActorCard | None:
    name = event.data.get("name")
    if name and event.data.get("actor_kind") != "citizen":
        return ActorCard(actor_id, str(name))
    return None


def _actor(changes: DirectoryChanges, event: IncomingEvent, actor_id: str) -> None:
    card = _actor_card(event, actor_id)
    if card is not None:
        changes.actors.append(card)


def _membership(changes: DirectoryChanges, event: IncomingEvent, initiative_id: str, actor_id: str) -> None:
    fact = MembershipFact.from_event(event.type, event.data)
    changes.actor_memberships.append(ActorMembershipChange(
        initiative_id, actor_id, fact, _actor_card(event, actor_id) if fact.joined else None))
    if not fact.joined and event.data.get("scope") != "platform":
        # Copies written before the ledger existed live among the other memberships.
        changes.remove_memberships.append(MembershipFilter(initiative_id, ACTOR_CONTACT,
                                                           actor_person_id(actor_id)))
    if event.data.get("reason_code") == ERASED_REASON:
        changes.erase_actors.append(actor_id)


def changes_for(event: IncomingEvent) -> DirectoryChanges:
    """What an event changes in the directory (possibly nothing)."""
    data, changes = event.data, DirectoryChanges()
    initiative_id, actor_id = event.initiative_id, event.actor_id
    revised_card = event.type == "InitiativeRevised" and bool(
        {"title", "themes"} & set(data.get("changed_fields") or ()))
    if (event.type == "InitiativeCreated" or revised_card) and initiative_id:
        changes.initiatives.append(InitiativeCard(
            initiative_id, title=str(data.get("title") or initiative_id), district=event.district,
            themes=tuple(str(t) for t in data.get("themes") or ())))
        changes.initiatives_created = event.type == "InitiativeCreated"
    elif event.type in ("ParticipatingDistrictAdded", "ParticipatingDistrictRemoved") and initiative_id:
        lead = event.district
        changes.reach.append(InitiativeReach(initiative_id, tuple(
            str(d) for d in data.get("districts") or () if d != lead), at=event.occurred_at))
    elif event.type == "AnchorPersonAssigned" and initiative_id:
        _assign(changes, initiative_id, ANCHOR_PERSON, data.get("anchor_person"))
    elif event.type == "CoordinatorAssigned" and initiative_id:
        _assign(changes, initiative_id, COORDINATOR, data.get("coordinator"))
    elif event.type == "WorkingGroupChanged" and initiative_id:
        changes.remove_memberships.append(MembershipFilter(initiative_id, WORKING_GROUP_MEMBER))
        for contact in filter(None, map(_person, data.get("members") or ())):
            changes.contacts.append(contact)
            changes.add_memberships.append(
                Membership(initiative_id, WORKING_GROUP_MEMBER, contact.person_id))
    elif event.type in ("ActorRegistered", "ActorUpdated") and actor_id:
        _actor(changes, event, actor_id)
    elif event.type in MEMBERSHIP_EVENTS and actor_id and initiative_id:
        _membership(changes, event, initiative_id, actor_id)
    elif event.type == "ConsentGiven" and actor_id and data.get("purpose") == "notifications":
        changes.contacts.append(ContactUpdate(actor_person_id(actor_id)))
    elif event.type == "ConsentWithdrawn" and actor_id:
        if data.get("purpose") == "notifications" or data.get("cause") == "erasure":
            changes.forget.append(actor_person_id(actor_id))
    elif event.type == "ActorErased" and actor_id:
        person_id = actor_person_id(actor_id)
        changes.forget.append(person_id)
        changes.erase_actors.append(actor_id)
        changes.remove_memberships.append(MembershipFilter(person_id=person_id))
    return changes
