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
from collections.abc import Mapping
from typing import Any

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
from samskab_infra.aggregate import Aggregate
from samskab_infra.errors import DomainRuleViolation, ValidationFailed

from . import consent
from .contact_sharing import shareable_contact, withdrawn_contact
from .rules import ACTOR_KINDS, CITIZEN, CONTACT_CHANNELS, ERASED_NAME, MUNICIPALITY
from .search import name_terms

COMMON_FIELDS = ("district", "preferred_language")
ORGANISATION_FIELDS = ("name", "cvr", "department", "municipality", "contact_points", "shared_with_initiatives")
CITIZEN_FIELDS = ("display_name", "contact")
NO_CONTACT = {"channel": "none", "address": None}
DOC_TYPE = "actor"


class Actor(Aggregate):
    """One actor. A citizen's document holds ``display_name``, ``contact`` and ``consents``;
    an organisation's holds ``ORGANISATION_FIELDS``; the attributes of the other kind stay
    empty and are not stored."""

    id_field = "actor_id"

    def __init__(self, *, actor_id: str, kind: str, district: str, preferred_language: str,
                 registered_at: str, updated_at: str, erased_at: str | None = None,
                 representatives: list[str] | None = None,
                 display_name: str | None = None, contact: dict | None = None,
                 consents: list[dict] | None = None,
                 name: str | None = None, cvr: str | None = None, department: str | None = None,
                 municipality: str | None = None, contact_points: list[dict] | None = None,
                 shared_with_initiatives: bool = False) -> None:
        super().__init__()
        self.actor_id = actor_id
        self.kind = kind
        self.district = district
        self.preferred_language = preferred_language
        self.registered_at = registered_at
        self.updated_at = updated_at
        self.erased_at = erased_at
        self.representatives: list[str] = list(representatives or [])
        self.display_name = display_name
        self.contact = contact
        self.consents: list[dict] = consents if consents is not None else []
        self.name = name
        self.cvr = cvr
        self.department = department
        self.municipality = municipality
        self.contact_points: list[dict] = contact_points if contact_points is not None else []
        self.shared_with_initiatives = shared_with_initiatives

    @classmethod
    def register(cls, actor_id: str, details: dict, now: str) -> Actor:
        kind = details.get("kind")
        if kind not in ACTOR_KINDS:
            raise ValidationFailed(f"unknown actor kind {kind!r}",
                                   details={"kind": [f"must be one of {', '.join(ACTOR_KINDS)}"]})
        _check_shape(kind, details, creating=True)
        own = ({"display_name": details["display_name"],
                "contact": dict(details.get("contact") or NO_CONTACT)} if kind == CITIZEN
               else {f: copy.deepcopy(details.get(f)) for f in ORGANISATION_FIELDS})
        own["shared_with_initiatives"] = bool(own.get("shared_with_initiatives"))
        actor = cls(actor_id=actor_id, kind=kind, district=details["district"],
                    preferred_language=details.get("preferred_language") or "da",
                    registered_at=now, updated_at=now, **own)
        actor.record(ActorRegistered(**actor._facts(), municipality=actor.municipality, at=now))
        for purpose in details.get("consent_purposes") or []:
            actor.give_consent(purpose, now)
        if kind != CITIZEN:
            actor._share_contact_if_changed(None, now)
        if details.get("representative"):
            actor.appoint_representative(details["representative"], now)
        return actor

    @property
    def shares_contacts_with_initiatives(self) -> bool:
        """Whether the leaders of the initiatives it takes part in may see its contacts:
        an organisation marks them shared; a citizen consents to ``contact_directory``."""
        if self.erased:
            return False
        if self.is_citizen:
            return self.has_consent("contact_directory")
        return self.shared_with_initiatives

    @property
    def is_citizen(self) -> bool:
        return self.kind == CITIZEN

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    def public_facts(self) -> dict:
        """What events may say about the actor: organisations are named, citizens are not."""
        if self.is_citizen:
            return {"name": None, "department": None}
        return {"name": self.name, "department": self.department}

    def require_active(self) -> None:
        if self.erased:
            raise DomainRuleViolation("the actor has been erased", code="actor.erased",
                                      details={"actor_id": self.actor_id})

    def update(self, changes: dict, now: str) -> list[str]:
        """Apply changed fields; returns their names (empty: nothing changed, no event)."""
        self.require_active()
        _check_shape(self.kind, changes, creating=False)
        shared_before = shareable_contact(self)
        changed = []
        for field_name, value in changes.items():
            if getattr(self, field_name) != value:
                setattr(self, field_name, copy.deepcopy(value))
                changed.append(field_name)
        if changed:
            self.updated_at = now
            self.record(ActorUpdated(**self._facts(), municipality=self.municipality,
                                     changed_fields=changed, at=now))
            self._share_contact_if_changed(shared_before, now)
        return changed

    def give_consent(self, purpose: str, now: str, initiative_id: str | None = None) -> bool:
        self._require_citizen()
        self.require_active()
        shared_before = shareable_contact(self)
        if not consent.give(self.consents, purpose, now, initiative_id):
            return False
        self.record(ConsentGiven(actor_id=self.actor_id, district=self.district,
                                 purpose=purpose, initiative_id=initiative_id, at=now))
        self._share_contact_if_changed(shared_before, now)
        return True

    def withdraw_consent(self, purpose: str, now: str, initiative_id: str | None = None) -> bool:
        """Withdrawing what is not given is a no-op: withdrawal must always be easy.
        ConsentWithdrawn itself makes notifications drop its copy of the contact."""
        self._require_citizen()
        return self._end_consent(purpose, initiative_id, now, cause="withdrawn")

    def has_consent(self, purpose: str, initiative_id: str | None = None) -> bool:
        return self.is_citizen and consent.is_active(self.consents, purpose, initiative_id)

    def appoint_representative(self, person_id: str, now: str) -> bool:
        """``person_id`` acts for the actor from now on; False when they already did."""
        self.require_active()
        if person_id in self.representatives:
            return False
        self.representatives = sorted([*self.representatives, person_id])
        self.updated_at = now
        self.record(ActorRepresentativeAdded(
            actor_id=self.actor_id, district=self.district, person_id=person_id, at=now))
        return True

    def remove_representative(self, person_id: str, now: str) -> bool:
        """``person_id`` no longer acts for the actor; False when they did not."""
        if person_id not in self.representatives:
            return False
        self.representatives = [p for p in self.representatives if p != person_id]
        self.updated_at = now
        self.record(ActorRepresentativeRemoved(
            actor_id=self.actor_id, district=self.district, person_id=person_id, at=now))
        return True

    def erase(self, now: str) -> bool:
        """Anonymise (GDPR art. 17); consent history stays as a record of withdrawal.
        Returns False when the actor was already erased (nothing emitted)."""
        if self.erased:
            return False
        if self.is_citizen:
            for purpose, initiative_id in consent.active_consents(self.consents):
                self._end_consent(purpose, initiative_id, now, cause="erasure")
            self.display_name, self.contact = ERASED_NAME, dict(NO_CONTACT)
        else:
            self.name, self.cvr, self.contact_points = ERASED_NAME, None, []
        # ActorErased itself withdraws every representative's access (the gateway's grants).
        self.erased_at = self.updated_at = now
        self.representatives = []
        self.record(ActorErased(
            actor_id=self.actor_id, actor_kind=self.kind, district=self.district, at=now))
        return True

    @property
    def searchable_name(self) -> str | None:
        """The name a search finds the actor by (none once erased)."""
        if self.erased:
            return None
        return self.display_name if self.is_citizen else self.name

    def view(self) -> dict:
        document = self.to_document()
        del document["doc_type"], document["name_terms"]
        return document

    def to_document(self) -> dict:
        own = CITIZEN_DOCUMENT_FIELDS if self.is_citizen else ORGANISATION_FIELDS
        return copy.deepcopy({
            "doc_type": DOC_TYPE, "actor_id": self.actor_id, "kind": self.kind,
            "district": self.district, "preferred_language": self.preferred_language,
            "registered_at": self.registered_at, "updated_at": self.updated_at,
            "erased_at": self.erased_at,
            **{f: getattr(self, f) for f in own},
            "representatives": self.representatives,
            "name_terms": name_terms(self.searchable_name),
        })

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> Actor:
        doc = copy.deepcopy(dict(document))
        own = CITIZEN_DOCUMENT_FIELDS if doc["kind"] == CITIZEN else ORGANISATION_FIELDS
        return cls(actor_id=doc["actor_id"], kind=doc["kind"], district=doc["district"],
                   preferred_language=doc["preferred_language"],
                   registered_at=doc["registered_at"], updated_at=doc["updated_at"],
                   erased_at=doc.get("erased_at"), representatives=doc.get("representatives"),
                   **{f: doc.get(f) for f in own if f != "shared_with_initiatives"},
                   shared_with_initiatives=bool(doc.get("shared_with_initiatives")))

    def _share_contact_if_changed(self, before: dict | None, now: str) -> None:
        after = shareable_contact(self)
        if after == before:
            return
        self.record(ActorContactShared(
            actor_id=self.actor_id, district=self.district, actor_kind=self.kind,
            **(after or withdrawn_contact(self.preferred_language)), at=now))

    def _facts(self) -> dict:
        return {"actor_id": self.actor_id, "actor_kind": self.kind, "district": self.district,
                **self.public_facts()}

    def _require_citizen(self) -> None:
        if not self.is_citizen:
            raise DomainRuleViolation("consent records are kept for citizens only",
                                      code="consent.citizens_only")

    def _end_consent(self, purpose: str, initiative_id: str | None, now: str, *, cause: str) -> bool:
        if not consent.withdraw(self.consents, purpose, now, initiative_id):
            return False
        self.record(ConsentWithdrawn(
            actor_id=self.actor_id, district=self.district, purpose=purpose,
            initiative_id=initiative_id, cause=cause, at=now))
        return True


CITIZEN_DOCUMENT_FIELDS = (*CITIZEN_FIELDS, "consents")


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
