"""Events produced by the actors service.

Like every event in the system, the data carries ``district`` and ``at``
(when it happened, UTC). It carries no ``by``: the caller may be the citizen.

Privacy rule of this contract: a citizen is never named in an event. A
citizen appears as ``actor_kind="citizen"`` with ``name: null`` and is
addressed by ``actor_id`` only; organisation names may appear because the
case catalogue lists the organisations taking part. Contact details appear
only in ActorContactShared, which is sent for notifications and only with consent.
"""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import (  # noqa: F401 - the published enumerations
    ACTOR_KINDS,
    CITIZEN,
    CONSENT_END_CAUSES,
    CONSENT_PURPOSES,
    ENROLLING_ROLES,
    INITIATIVE_PURPOSES,
    INTEREST_CATEGORIES,
    LEAVE_REASON_CODES,
    MEMBERSHIP_SCOPES,
    ORGANISATION_KINDS,
)
from samskab_infra.event_types import Event, EventSchema


def _membership_seq() -> fields.Int:
    """Added in version 2; optional so version-1 events (without it) still validate."""
    return fields.Int(validate=validate.Range(min=1), metadata={
        "description": "order of this event among the membership events of one (actor, initiative), "
                       "from 1; apply an event only if it is newer than the last one applied"})

_ID = validate.Length(min=1, max=100)
_DISTRICT = validate.OneOf(DISTRICTS)


def _id_field(**kwargs: Any) -> fields.Str:
    return fields.Str(required=True, validate=_ID, **kwargs)


def _optional_text(max_length: int) -> fields.Str:
    return fields.Str(required=True, allow_none=True, validate=validate.Length(min=1, max=max_length))


class _ActorFacts(EventSchema):
    """Fields every actor-describing event shares."""

    actor_id = _id_field()
    actor_kind = fields.Str(required=True, validate=validate.OneOf(ACTOR_KINDS))
    district = fields.Str(required=True, validate=_DISTRICT)

    @validates_schema
    def _citizens_are_not_named(self, data: dict, **kwargs: Any) -> None:
        if data.get("actor_kind") == CITIZEN and data.get("name") is not None:
            raise ValidationError("a citizen is never named in an event", "name")


class ActorRegistered(Event):
    """An actor (aktør) was registered: an organisation or a citizen."""

    producer = "actors"
    description = "An actor was registered; organisations are named, citizens appear only by id and kind."

    class Schema(_ActorFacts):
        name = _optional_text(200)
        department = _optional_text(200)
        municipality = _optional_text(100)
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
        "actor_kind": "municipality",
        "district": "nordjylland",
        "name": "Aalborg Kommune",
        "department": "Skoleforvaltningen",
        "municipality": "Aalborg",
        "at": "2024-03-01T09:00:00Z",
    }


class ActorUpdated(Event):
    """An actor's details changed; ``changed_fields`` names them, never their values."""

    producer = "actors"
    description = ("An actor's details changed; lists the changed field names and the current "
                   "organisation name.")

    class Schema(_ActorFacts):
        name = _optional_text(200)
        department = _optional_text(200)
        municipality = _optional_text(100)
        changed_fields = fields.List(fields.Str(validate=validate.Length(max=50)), required=True)
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
        "actor_kind": "municipality",
        "district": "nordjylland",
        "name": "Aalborg Kommune",
        "department": "By- og Landskabsforvaltningen",
        "municipality": "Aalborg",
        "changed_fields": ["department", "contact_points"],
        "at": "2024-03-02T10:00:00Z",
    }


class ActorJoined(Event):
    """An actor joined an initiative's joint platform and/or development platforms."""

    producer = "actors"
    version = 2
    description = ("An actor joined an initiative (joint platform) or one of its development platforms; "
                   "membership_seq orders it among the actor's membership events of the initiative.")

    class Schema(_ActorFacts):
        initiative_id = _id_field()
        scope = fields.Str(required=True, validate=validate.OneOf(MEMBERSHIP_SCOPES))
        platform_ids = fields.List(fields.Str(validate=_ID), required=True)
        role = fields.Str(required=True, validate=validate.Length(min=1, max=50))
        name = _optional_text(200)
        department = _optional_text(200)
        interests = fields.List(fields.Str(validate=validate.OneOf(INTEREST_CATEGORIES)), required=True)
        membership_seq = _membership_seq()
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
        "actor_kind": "business",
        "district": "nordjylland",
        "initiative_id": "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10",
        "scope": "initiative",
        "platform_ids": ["b0c7e1f2-8a3d-4e5f-9a6b-7c8d9e0f1a2b"],
        "role": "member",
        "name": "KN Låseteknik",
        "department": None,
        "interests": ["turnover", "safety"],
        "membership_seq": 1,
        "at": "2024-04-10T12:00:00Z",
    }


class ActorLeft(Event):
    """An actor left a development platform or the whole initiative (a normal event)."""

    producer = "actors"
    version = 2
    description = ("An actor left a development platform or the initiative; leaving is normal, not a failure. "
                   "membership_seq orders it among the actor's membership events of the initiative.")

    class Schema(_ActorFacts):
        initiative_id = _id_field()
        scope = fields.Str(required=True, validate=validate.OneOf(MEMBERSHIP_SCOPES))
        platform_ids = fields.List(fields.Str(validate=_ID), required=True)
        reason_code = fields.Str(required=True, allow_none=True,
                                 validate=validate.OneOf(LEAVE_REASON_CODES))
        membership_seq = _membership_seq()
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
        "actor_kind": "business",
        "district": "nordjylland",
        "initiative_id": "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10",
        "scope": "platform",
        "platform_ids": ["b0c7e1f2-8a3d-4e5f-9a6b-7c8d9e0f1a2b"],
        "reason_code": "goal_reached",
        "membership_seq": 3,
        "at": "2025-01-15T08:30:00Z",
    }


class _Consent(EventSchema):
    actor_id = _id_field()
    district = fields.Str(required=True, validate=_DISTRICT)
    purpose = fields.Str(required=True, validate=validate.OneOf(CONSENT_PURPOSES))
    # version 2: the initiative a take_part consent is for (null for the other purposes)
    initiative_id = fields.Str(load_default=None, allow_none=True, validate=_ID)

    @validates_schema
    def _initiative_fits_purpose(self, data: dict, **kwargs: Any) -> None:
        if (data.get("purpose") in INITIATIVE_PURPOSES) != bool(data.get("initiative_id")):
            raise ValidationError(f"required for {', '.join(INITIATIVE_PURPOSES)}, else null", "initiative_id")


class ConsentGiven(Event):
    """A citizen gave consent for one purpose (take_part: for one initiative)."""

    version = 2
    producer = "actors"
    description = ("A citizen gave consent for a purpose (notifications, contact_directory, or take_part "
                   "in the initiative named by initiative_id).")

    class Schema(_Consent):
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "c3a9d7e2-1f4b-4a8c-9d2e-5b6a7c8d9e0f",
        "district": "nordjylland",
        "purpose": "notifications",
        "at": "2024-04-10T12:00:00Z",
    }


class ConsentWithdrawn(Event):
    """A citizen's consent ended; consumers stop the processing at once."""

    version = 2
    producer = "actors"
    description = ("A citizen's consent for a purpose ended (withdrawn or erased); stop that "
                   "processing at once. initiative_id names the initiative of a take_part consent.")

    class Schema(_Consent):
        cause = fields.Str(required=True, validate=validate.OneOf(CONSENT_END_CAUSES))
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "c3a9d7e2-1f4b-4a8c-9d2e-5b6a7c8d9e0f",
        "district": "nordjylland",
        "purpose": "notifications",
        "cause": "withdrawn",
        "at": "2024-06-01T07:00:00Z",
    }


class ActorErased(Event):
    """An actor's personal data was erased (GDPR art. 17); consumers drop what they hold."""

    producer = "actors"
    description = "An actor was anonymised; consumers must drop any name or contact they hold for it."

    class Schema(EventSchema):
        actor_id = _id_field()
        actor_kind = fields.Str(required=True, validate=validate.OneOf(ACTOR_KINDS))
        district = fields.Str(required=True, validate=_DISTRICT)
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "c3a9d7e2-1f4b-4a8c-9d2e-5b6a7c8d9e0f",
        "actor_kind": "citizen",
        "district": "nordjylland",
        "at": "2024-09-01T10:00:00Z",
    }


class ActorContactShared(Event):
    """Where the notifications service may reach an actor.

    Services talk only through events, so the actors service tells notifications the
    contact an actor chose — only while that actor has consented to notifications
    (organisations: the first contact point with an e-mail). ``address`` is null when the actor
    chose no channel. Notifications keeps it until ConsentWithdrawn or ActorErased."""

    producer = "actors"
    description = ("The contact channel notifications may use for an actor (sent only with consent); "
                   "dropped on ConsentWithdrawn or ActorErased.")

    class Schema(EventSchema):
        actor_id = _id_field()
        district = fields.Str(required=True, validate=_DISTRICT)
        actor_kind = fields.Str(required=True, validate=validate.OneOf(ACTOR_KINDS))
        channel = fields.Str(required=True, validate=validate.OneOf(("email", "sms", "none")))
        address = fields.Str(required=True, allow_none=True, validate=validate.Length(max=320))
        name = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=200))
        language = fields.Str(required=True, validate=validate.OneOf(("da", "en")))
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "c3a9d7e2-1f4b-4a8c-9d2e-5b6a7c8d9e0f",
        "district": "nordjylland",
        "actor_kind": "citizen",
        "channel": "email",
        "address": "nabo@example.dk",
        "name": "Nabo i Hjørring",
        "language": "da",
        "at": "2024-04-10T12:00:00Z",
    }


class _Representative(EventSchema):
    actor_id = _id_field()
    district = fields.Str(required=True, validate=_DISTRICT)
    # null only in the published history of an erased actor (redacted)
    person_id = fields.Str(required=True, allow_none=True, validate=validate.Length(min=1, max=200))
    at = fields.DateTime(required=True)


class ActorRepresentativeAdded(Event):
    """A person now represents the actor: the gateway gives them the actor_representative
    grant (and participant of every initiative the actor takes part in).

    ``person_id`` is the person's sign-in identity (often a work e-mail address), so this
    event is internal: it is personal data and never part of what partners receive."""

    producer = "actors"
    description = ("A person (person_id: their sign-in identity) now represents the actor and acts for it; "
                   "internal, carries personal data.")

    class Schema(_Representative):
        pass

    example = {
        "actor_id": "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
        "district": "nordjylland",
        "person_id": "karen@kn-laaseteknik.dk",
        "at": "2024-03-01T09:00:00Z",
    }


class ActorRepresentativeRemoved(Event):
    """A person no longer represents the actor: the gateway withdraws their grants at once."""

    producer = "actors"
    description = "A person no longer represents the actor; internal, carries personal data."

    class Schema(_Representative):
        pass

    example = {
        "actor_id": "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
        "district": "nordjylland",
        "person_id": "karen@kn-laaseteknik.dk",
        "at": "2024-06-01T09:00:00Z",
    }


class ActorEnrolled(Event):
    """An organisation was enrolled in an initiative by someone other than itself (its anchor
    person, coordinator or a district operator). Follows the ActorJoined of the same join, so the
    organisation's representative is told and can leave. Citizens are never enrolled by others
    without their take_part consent, and this event is not sent for them.
    ``district`` is the initiative's; ``enrolled_by_role`` says in which role, never who."""

    producer = "actors"
    description = ("An organisation was enrolled in an initiative by someone else (enrolled_by_role); "
                   "its representative is told and may leave.")

    class Schema(EventSchema):
        actor_id = _id_field()
        actor_kind = fields.Str(required=True, validate=validate.OneOf(ORGANISATION_KINDS))
        district = fields.Str(required=True, validate=_DISTRICT)
        initiative_id = _id_field()
        scope = fields.Str(required=True, validate=validate.OneOf(MEMBERSHIP_SCOPES))
        platform_ids = fields.List(fields.Str(validate=_ID), required=True)
        name = _optional_text(200)
        enrolled_by_role = fields.Str(required=True, validate=validate.OneOf(ENROLLING_ROLES))
        at = fields.DateTime(required=True)

    example = {
        "actor_id": "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
        "actor_kind": "business",
        "district": "nordjylland",
        "initiative_id": "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10",
        "scope": "initiative",
        "platform_ids": [],
        "name": "KN Låseteknik",
        "enrolled_by_role": "anchor_person",
        "at": "2024-04-10T12:00:00Z",
    }
