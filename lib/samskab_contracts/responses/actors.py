"""What the actors service answers: an actor, a membership, the contact directory and
the personal-data export (actors.domain.views, actors.handlers)."""
from __future__ import annotations

from marshmallow import fields

from ._fields import Answer, N, R, about, records, strings


class ContactSchema(Answer):
    """How a citizen is reached (channel none, email or sms)."""

    channel = fields.Str(**R)
    address = fields.Str(**N)


class ContactPointSchema(Answer):
    name = fields.Str(**N)
    role = fields.Str(**N)
    email = fields.Str(**N)
    phone = fields.Str(**N)


class ActorSchema(Answer):
    """An actor: an organisation, authority or business (named, with contact points) or a
    citizen (a display name, one contact and consents). Erased actors keep their id."""

    actor_id = fields.Str(**R)
    kind = fields.Str(**R)
    district = fields.Str(**R)
    preferred_language = fields.Str(**R)
    registered_at = fields.Str(**R)
    updated_at = fields.Str(**R)
    erased_at = fields.Str(**N)
    representatives = strings("the sign-in identities that act for the actor")
    version = fields.Int(**R, **about("also the ETag"))
    name = fields.Str(allow_none=True, **about("organisations"))
    cvr = fields.Str(allow_none=True, **about("organisations: the CVR number"))
    department = fields.Str(allow_none=True, **about("organisations"))
    municipality = fields.Str(allow_none=True, **about("organisations"))
    contact_points = fields.List(fields.Nested(ContactPointSchema), **about("organisations"))
    shared_with_initiatives = fields.Bool(**about("organisations: contacts shown to initiative leaders"))
    display_name = fields.Str(**about("citizens"))
    contact = fields.Nested(ContactSchema, **about("citizens"))
    consents = fields.List(fields.Dict(), **about("citizens: purpose, given_at, withdrawn_at (and initiative_id)"))


class ActorFoundSchema(Answer):
    """An actor as a search finds it: enough to tell it apart and open it."""

    actor_id = fields.Str(**R)
    kind = fields.Str(**R)
    district = fields.Str(**R)
    name = fields.Str(**N, **about("an organisation's name or a citizen's display name"))
    cvr = fields.Str(**N)
    department = fields.Str(**N)
    municipality = fields.Str(**N)
    registered_at = fields.Str(**R)


class InterestsSchema(Answer):
    categories = strings()
    free_text = fields.Str(**N)


class MembershipSchema(Answer):
    """An actor's membership of one initiative and its platforms."""

    membership_id = fields.Str(**R)
    initiative_id = fields.Str(**R)
    district = fields.Str(**R)
    actor_id = fields.Str(**R)
    actor_kind = fields.Str(**R)
    active = fields.Bool(**R)
    role = fields.Str(**N)
    contributions = strings()
    interests = fields.Nested(InterestsSchema, **R)
    periods = records("joined_at, left_at, leave_reason, leave_reason_code")
    platforms = records("platform_id, role and periods")
    version = fields.Int(**R, **about("also the ETag"))


class DirectoryPlatformSchema(Answer):
    platform_id = fields.Str(**R)
    role = fields.Str(**N)
    since = fields.Str(**N)


class DirectoryEntrySchema(Answer):
    """Who is in, since when, representing whom, and how to reach them (contacts only
    when the actor shares them)."""

    actor_id = fields.Str(**R)
    actor_kind = fields.Str(**R)
    name = fields.Str(**N)
    department = fields.Str(**N)
    municipality = fields.Str(**N)
    role = fields.Str(**N)
    active = fields.Bool(**R)
    member_since = fields.Str(**N)
    left_at = fields.Str(**N)
    platforms = fields.List(fields.Nested(DirectoryPlatformSchema), **R)
    contributions = strings()
    interests = fields.Nested(InterestsSchema, **R)
    contacts_shared = fields.Bool(**R)
    contacts = fields.List(fields.Nested(ContactPointSchema), **R)


class PersonalDataSchema(Answer):
    """Everything the system holds about one actor, per holding service (GDPR art. 15, 20)."""

    actors = fields.Dict(**R, **about("the actor and its memberships (service, exported_at, actor, memberships)"))
    initiatives = fields.Dict(**R, **about("the initiatives service's records of the actor"))
    notifications = fields.Dict(**R, **about("contact, preferences, subscriptions, feed, deliveries"))
    reporting = fields.Dict(**R, **about("the reporting directory entry and the events kept"))
