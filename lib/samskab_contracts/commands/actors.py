"""Payload schemas for every command and query of the actors service.

Server-owned fields (ids of new actors, versions, timestamps, erasure) are
never accepted; ``expected_version`` is the If-Match the gateway passes on.
Which fields fit which actor kind is a domain rule (``domain.actor``); these
schemas check types, formats and lengths.
"""
from __future__ import annotations

import re
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from samskab_contracts.cvr import is_valid_cvr
from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import (
    ACTOR_KINDS,
    CONSENT_PURPOSES,
    CONTACT_CHANNELS,
    INITIATIVE_PURPOSES,
    INTEREST_CATEGORIES,
    LANGUAGES,
    LEAVE_REASON_CODES,
)
from samskab_contracts.vocabulary import (
    MEMBERSHIP_ROLES as ROLES,
)
from samskab_infra.validation import load  # noqa: F401  (handlers call schemas.load)

PHONE = re.compile(r"^\+?[0-9][0-9 ]{6,18}[0-9]$")
USER_REASON_CODES = tuple(c for c in LEAVE_REASON_CODES if c != "erased")
REGISTRATION_PURPOSES = tuple(p for p in CONSENT_PURPOSES if p not in INITIATIVE_PURPOSES)
"""Consents given at registration; one for an initiative is given on its own, naming it."""


class Strict(Schema):
    class Meta:
        unknown = RAISE


def _id(**kwargs: Any) -> fields.Str:
    return fields.Str(required=True, validate=validate.Length(min=1, max=100), **kwargs)


def _person_id(**kwargs: Any) -> fields.Str:
    """A person's sign-in identity (often a work e-mail address), as the gateway knows it."""
    return fields.Str(validate=validate.Length(min=1, max=200), **kwargs)


def _text(max_length: int, **kwargs: Any) -> fields.Str:
    return fields.Str(validate=validate.Length(min=1, max=max_length), **kwargs)


def _cvr(value: str) -> None:
    if not is_valid_cvr(value):
        raise ValidationError("not a valid CVR number (8 digits, modulus 11)")


def _phone(value: str) -> None:
    if not PHONE.match(value):
        raise ValidationError("not a valid phone number")


class ContactPointSchema(Strict):
    """A person an organisation names as its contact (kontaktperson)."""

    name = _text(200, required=True)
    role = _text(100, load_default=None, allow_none=True)
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    phone = fields.Str(load_default=None, allow_none=True, validate=[validate.Length(max=20), _phone])


class CitizenContactSchema(Strict):
    """The one channel a citizen chose to be reached on."""

    channel = fields.Str(required=True, validate=validate.OneOf(CONTACT_CHANNELS))
    address = fields.Str(load_default=None, allow_none=True, validate=validate.Length(max=254))

    @validates_schema
    def _address_fits_channel(self, data: dict, **kwargs: Any) -> None:
        address = data.get("address")
        if data["channel"] == "email" and address:
            validate.Email(error="not a valid email address")(address)
        if data["channel"] == "sms" and address:
            _phone(address)


class _Versioned(Strict):
    """``expected_version`` is set by the gateway from If-Match (optimistic
    concurrency), never from a client's body."""

    expected_version = fields.Int(allow_none=True, validate=validate.Range(min=1))


class _ActorDetails(Strict):
    district = fields.Str(validate=validate.OneOf(tuple(DISTRICTS)))
    preferred_language = fields.Str(validate=validate.OneOf(LANGUAGES))
    name = _text(200)
    cvr = fields.Str(allow_none=True, validate=_cvr)
    department = _text(200, allow_none=True)
    municipality = _text(100, allow_none=True)
    contact_points = fields.List(fields.Nested(ContactPointSchema), validate=validate.Length(max=20))
    display_name = _text(100)
    contact = fields.Nested(CitizenContactSchema)
    shared_with_initiatives = fields.Bool(metadata={
        "description": "an organisation's contact points are shown in the contact directory of the "
                       "initiatives it takes part in (default false; citizens consent to contact_directory)"})


class RegisterActorSchema(_ActorDetails):
    kind = fields.Str(required=True, validate=validate.OneOf(ACTOR_KINDS))
    district = fields.Str(required=True, validate=validate.OneOf(tuple(DISTRICTS)))
    consent_purposes = fields.List(fields.Str(validate=validate.OneOf(REGISTRATION_PURPOSES)),
                                   validate=validate.Length(max=len(REGISTRATION_PURPOSES)))
    representative = _person_id(metadata={
        "description": "the person (sign-in identity) who first represents the actor"})


class UpdateActorSchema(_ActorDetails, _Versioned):
    actor_id = _id()

    @validates_schema
    def _something_to_change(self, data: dict, **kwargs: Any) -> None:
        if not set(data) - {"actor_id", "expected_version"}:
            raise ValidationError("name at least one field to change")


class ConsentSchema(_Versioned):
    actor_id = _id()
    purpose = fields.Str(required=True, validate=validate.OneOf(CONSENT_PURPOSES))
    initiative_id = fields.Str(load_default=None, allow_none=True, validate=validate.Length(min=1, max=100),
                               metadata={"description": "the initiative a take_part consent is for"})

    @validates_schema
    def _initiative_fits_purpose(self, data: dict, **kwargs: Any) -> None:
        if (data.get("purpose") in INITIATIVE_PURPOSES) != bool(data.get("initiative_id")):
            raise ValidationError(f"required for {', '.join(INITIATIVE_PURPOSES)}, else not allowed",
                                  "initiative_id")


class RepresentativeSchema(_Versioned):
    actor_id = _id()
    person_id = _person_id(required=True)


class InterestsSchema(Strict):
    """What the actor expects to gain for its own core business."""

    categories = fields.List(fields.Str(validate=validate.OneOf(INTEREST_CATEGORIES)),
                             load_default=list, validate=validate.Length(max=len(INTEREST_CATEGORIES)))
    free_text = _text(1000, load_default=None, allow_none=True)


class JoinInitiativeSchema(_Versioned):
    initiative_id = _id()
    actor_id = _id()
    role = fields.Str(load_default="member", validate=validate.OneOf(ROLES))
    contributions = fields.List(_text(500), load_default=list, validate=validate.Length(max=20))
    interests = fields.Nested(InterestsSchema,
                              load_default=lambda: {"categories": [], "free_text": None})
    platform_ids = fields.List(_id(), load_default=list, validate=validate.Length(max=50))


class JoinPlatformSchema(_Versioned):
    initiative_id = _id()
    platform_id = _id()
    actor_id = _id()
    role = fields.Str(load_default="member", validate=validate.OneOf(ROLES))


class _Leaving(_Versioned):
    initiative_id = _id()
    actor_id = _id()
    reason = _text(1000, load_default=None, allow_none=True)
    reason_code = fields.Str(load_default=None, allow_none=True,
                             validate=validate.OneOf(USER_REASON_CODES))


class LeaveInitiativeSchema(_Leaving):
    pass


class LeavePlatformSchema(_Leaving):
    platform_id = _id()


class ActorRefSchema(Strict):
    actor_id = _id()


class ContactDirectorySchema(Strict):
    initiative_id = _id()
    include_former = fields.Bool(load_default=False)



MAX_FIND_PAGE = 100


def _has_a_word(value: str) -> None:
    if not any(ch.isalnum() for ch in value):
        raise ValidationError("search with at least one letter or digit")


class FindActorsQuery(Strict):
    """Finding actors: by name (case-insensitive, the start of any word of the name, then
    the whole text as a substring), by CVR number (exact), by kind or police district;
    none lists them all. The caller finds the actors of the districts it operates and
    those it represents. Cursor paging in id order: a page may hold fewer than ``limit``
    actors, and ``next_cursor`` says whether there are more."""

    name = fields.Str(validate=[validate.Length(min=1, max=100), _has_a_word],
                      metadata={"description": "the start of a word of the name, or more of it"})
    cvr = fields.Str(validate=_cvr, metadata={"description": "a CVR number, 8 digits"})
    kind = fields.Str(validate=validate.OneOf(ACTOR_KINDS))
    district = fields.Str(validate=validate.OneOf(tuple(DISTRICTS)))
    limit = fields.Int(load_default=50, validate=validate.Range(min=1, max=MAX_FIND_PAGE),
                       metadata={"description": "page size, at most 100 (default 50)"})
    cursor = fields.Str(validate=validate.Length(min=1, max=100),
                        metadata={"description": "next_cursor of the previous page (opaque)"})
