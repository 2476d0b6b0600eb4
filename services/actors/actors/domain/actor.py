"""The actor (aktør) aggregate: an organisation or a citizen taking part in co-creation.

Organisations carry what a partner register needs (name, CVR, contact
points). Citizens carry the minimum: a display name or pseudonym, the
contact channel they chose, their language and their consent records.
Whenever the contact notifications may use changes, the actor tells it with
ActorContactShared (see ``contact_sharing``).

Representatives are the people (by sign-in identity) who act for the actor: a citizen
themself, an organisation's contact people. Appointing or removing one is an event
(ActorRepresentativeAdded/Removed) from which the gateway gives or withdraws their access.
Whether an initiative's leaders see the actor's contacts is the actor's own choice: an
organisation's ``shared_with_initiatives``, a citizen's consent to ``contact_directory``.
"""
from __future__ import annotations

import copy

from samskab_contracts.cvr import is_valid_cvr
from samskab_contracts.events.actors import (
    ActorContactShared,
    ActorErased,
    ActorRegistered,
    ActorRepresentativeAdded,
    ActorRepresentativeRemoved,
    ActorUpdated,
    ConsentGiven,
    ConsentWithdrawn,
)
from samskab_infra.errors import DomainRuleViolation, ValidationFailed
from samskab_infra.event_types import Event

from . import consent
from .contact_sharing import shareable_contact, withdrawn_contact
from .rules import ACTOR_KINDS, CITIZEN, CONTACT_CHANNELS, ERASED_NAME, MUNICIPALITY

COMMON_FIELDS = ("district", "preferred_language")
ORGANISATION_FIELDS = ("name", "cvr", "department", "municipality", "contact_points", "shared_with_initiatives")
CITIZEN_FIELDS = ("display_name", "contact")
NO_CONTACT = {"channel": "none", "address": None}
_INTERNAL = ("_id", "version", "doc_type")


class Actor:
    """One actor; ``state`` is its JSON-native document."""

    def __init__(self, state: dict):
        self.state = state
        self.pending_events: list[Event] = []

    @classmethod
    def register(cls, actor_id: str, details: dict, now: str) -> Actor:
        kind = details.get("kind")
        if kind not in ACTOR_KINDS:
            raise ValidationFailed(f"unknown actor kind {kind!r}",
                                   details={"kind": [f"must be one of {', '.join(ACTOR_KINDS)}"]})
        _check_shape(kind, details, creating=True)
        state = {
            "doc_type": "actor",
            "actor_id": actor_id,
            "kind": kind,
            "district": details["district"],
            "preferred_language": details.get("preferred_language") or "da",
            "registered_at": now,
            "updated_at": now,
            "erased_at": None,
        }
        if kind == CITIZEN:
            state.update(display_name=details["display_name"],
                         contact=dict(details.get("contact") or NO_CONTACT), consents=[])
        else:
            state.update({f: copy.deepcopy(details.get(f)) for f in ORGANISATION_FIELDS})
            state["contact_points"] = state["contact_points"] or []
            state["shared_with_initiatives"] = bool(state["shared_with_initiatives"])
        state["representatives"] = []
        actor = cls(state)
        actor.pending_events.append(ActorRegistered(
            **actor._facts(), municipality=state.get("municipality"), at=now))
        for purpose in details.get("consent_purposes") or []:
            actor.give_consent(purpose, now)
        if kind != CITIZEN:
            actor._share_contact_if_changed(None, now)
        if details.get("representative"):
            actor.appoint_representative(details["representative"], now)
        return actor

    @property
    def actor_id(self) -> str:
        return self.state["actor_id"]

    @property
    def kind(self) -> str:
        return self.state["kind"]

    @property
    def district(self) -> str:
        return self.state["district"]

    @property
    def cvr(self) -> str | None:
        return self.state.get("cvr")

    @property
    def representatives(self) -> list[str]:
        return list(self.state.get("representatives") or [])

    @property
    def shares_contacts_with_initiatives(self) -> bool:
        """Whether the leaders of the initiatives it takes part in may see its contacts:
        an organisation marks them shared; a citizen consents to ``contact_directory``."""
        if self.erased:
            return False
        if self.is_citizen:
            return self.has_consent("contact_directory")
        return bool(self.state.get("shared_with_initiatives"))

    @property
    def is_citizen(self) -> bool:
        return self.kind == CITIZEN

    @property
    def erased(self) -> bool:
        return self.state.get("erased_at") is not None

    def public_facts(self) -> dict:
        """What events may say about the actor: organisations are named, citizens are not."""
        if self.is_citizen:
            return {"name": None, "department": None}
        return {"name": self.state.get("name"), "department": self.state.get("department")}

    def require_active(self) -> None:
        if self.erased:
            raise DomainRuleViolation("the actor has been erased", code="actor.erased",
                                      details={"actor_id": self.actor_id})

    def update(self, changes: dict, now: str) -> list[str]:
        """Apply changed fields; returns their names (empty: nothing changed, no event)."""
        self.require_active()
        _check_shape(self.kind, changes, creating=False)
        shared_before = shareable_contact(self.state)
        changed = []
        for field_name, value in changes.items():
            if self.state.get(field_name) != value:
                self.state[field_name] = copy.deepcopy(value)
                changed.append(field_name)
        if changed:
            self.state["updated_at"] = now
            self.pending_events.append(ActorUpdated(
                **self._facts(), municipality=self.state.get("municipality"),
                changed_fields=changed, at=now))
            self._share_contact_if_changed(shared_before, now)
        return changed

    def give_consent(self, purpose: str, now: str, initiative_id: str | None = None) -> bool:
        self._require_citizen()
        self.require_active()
        shared_before = shareable_contact(self.state)
        if not consent.give(self.state["consents"], purpose, now, initiative_id):
            return False
        self.pending_events.append(ConsentGiven(actor_id=self.actor_id, district=self.district,
                                                purpose=purpose, initiative_id=initiative_id, at=now))
        self._share_contact_if_changed(shared_before, now)
        return True

    def withdraw_consent(self, purpose: str, now: str, initiative_id: str | None = None) -> bool:
        """Withdrawing what is not given is a no-op: withdrawal must always be easy.
        ConsentWithdrawn itself makes notifications drop its copy of the contact."""
        self._require_citizen()
        return self._end_consent(purpose, initiative_id, now, cause="withdrawn")

    def has_consent(self, purpose: str, initiative_id: str | None = None) -> bool:
        return self.is_citizen and consent.is_active(self.state["consents"], purpose, initiative_id)

    def appoint_representative(self, person_id: str, now: str) -> bool:
        """``person_id`` acts for the actor from now on; False when they already did."""
        self.require_active()
        representatives = self.representatives
        if person_id in representatives:
            return False
        self.state.update(representatives=sorted([*representatives, person_id]), updated_at=now)
        self.pending_events.append(ActorRepresentativeAdded(
            actor_id=self.actor_id, district=self.district, person_id=person_id, at=now))
        return True

    def remove_representative(self, person_id: str, now: str) -> bool:
        """``person_id`` no longer acts for the actor; False when they did not."""
        representatives = self.representatives
        if person_id not in representatives:
            return False
        representatives.remove(person_id)
        self.state.update(representatives=representatives, updated_at=now)
        self.pending_events.append(ActorRepresentativeRemoved(
            actor_id=self.actor_id, district=self.district, person_id=person_id, at=now))
        return True

    def erase(self, now: str) -> bool:
        """Anonymise (GDPR art. 17); consent history stays as a record of withdrawal.
        Returns False when the actor was already erased (nothing emitted)."""
        if self.erased:
            return False
        if self.is_citizen:
            for purpose, initiative_id in consent.active_consents(self.state["consents"]):
                self._end_consent(purpose, initiative_id, now, cause="erasure")
            self.state.update(display_name=ERASED_NAME, contact=dict(NO_CONTACT))
        else:
            self.state.update(name=ERASED_NAME, cvr=None, contact_points=[])
        # ActorErased itself withdraws every representative's access (the gateway's grants).
        self.state.update(erased_at=now, updated_at=now, representatives=[])
        self.pending_events.append(ActorErased(
            actor_id=self.actor_id, actor_kind=self.kind, district=self.district, at=now))
        return True

    def view(self) -> dict:
        return {k: copy.deepcopy(v) for k, v in self.state.items() if k not in _INTERNAL}

    def to_document(self) -> dict:
        return copy.deepcopy(self.state)

    @classmethod
    def from_document(cls, doc: dict) -> Actor:
        return cls({k: copy.deepcopy(v) for k, v in doc.items() if k not in ("_id", "version")})

    def _share_contact_if_changed(self, before: dict | None, now: str) -> None:
        after = shareable_contact(self.state)
        if after == before:
            return
        self.pending_events.append(ActorContactShared(
            actor_id=self.actor_id, district=self.district, actor_kind=self.kind,
            **(after or withdrawn_contact(self.state["preferred_language"])), at=now))

    def _facts(self) -> dict:
        return {"actor_id": self.actor_id, "actor_kind": self.kind, "district": self.district,
                **self.public_facts()}

    def _require_citizen(self) -> None:
        if not self.is_citizen:
            raise DomainRuleViolation("consent records are kept for citizens only",
                                      code="consent.citizens_only")

    def _end_consent(self, purpose: str, initiative_id: str | None, now: str, *, cause: str) -> bool:
        if not consent.withdraw(self.state["consents"], purpose, now, initiative_id):
            return False
        self.pending_events.append(ConsentWithdrawn(
            actor_id=self.actor_id, district=self.district, purpose=purpose,
            initiative_id=initiative_id, cause=cause, at=now))
        return True


def _check_shape(kind: str, details: dict, *, creating: bool) -> None:
    """Which fields fit which kind; raises ValidationFailed naming every misfit."""
    citizen = kind == CITIZEN
    allowed = set(COMMON_FIELDS) | set(CITIZEN_FIELDS if citizen else ORGANISATION_FIELDS)
    if creating:
        allowed |= {"kind", "representative"} | ({"consent_purposes"} if citizen else set())
    if kind != MUNICIPALITY:
        allowed.discard("department")
    errors: dict[str, list[str]] = {}
    for field_name, value in details.items():
        if field_name not in allowed and value is not None:
            errors[field_name] = [f"not allowed for an actor of kind {kind}"]
    required = ("district", "display_name") if citizen else ("district", "name")
    for field_name in required:
        if (creating or field_name in details) and not details.get(field_name):
            errors[field_name] = ["required"]
    cvr = details.get("cvr")
    if not citizen and cvr is not None and not is_valid_cvr(cvr):
        errors["cvr"] = ["not a valid CVR number (8 digits, modulus 11)"]
    contact = details.get("contact")
    if citizen and contact is not None:
        errors.update(_contact_errors(contact))
    if errors:
        raise ValidationFailed("the actor's details do not fit its kind", details=errors)


def _contact_errors(contact: dict) -> dict:
    channel, address = contact.get("channel"), contact.get("address")
    if channel not in CONTACT_CHANNELS:
        return {"contact": [f"channel must be one of {', '.join(CONTACT_CHANNELS)}"]}
    if channel == "none" and address:
        return {"contact": ["no address when the channel is none"]}
    if channel != "none" and not address:
        return {"contact": [f"an address is required for channel {channel}"]}
    return {}
