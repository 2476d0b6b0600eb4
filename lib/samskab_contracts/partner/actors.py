"""Partner views of the actors events.

Organisations take part in initiatives openly (the case catalogue names them), so
their names stay. A citizen is never named in any event; on the partner stream a
citizen's department and municipality are blanked too, since with a few facts a
person in a small municipality can be told apart. Every actor id is a pseudonym.
Consent, erasure and contact details (ConsentGiven, ConsentWithdrawn, ActorErased,
ActorContactShared) are about persons by nature and have no partner view.
"""
from __future__ import annotations

from samskab_contracts.events import actors as events

from .view import PartnerView, Pseudonym, only


def _citizen_blanked(data: dict) -> dict:
    if data.get("actor_kind") == events.CITIZEN:
        return {"department": None, "municipality": None}
    return {}


class ActorRegisteredView(events.ActorRegistered.Schema):
    actor_id = Pseudonym(required=True)
    Meta = only("actor_id", "actor_kind", "district", "name", "department", "municipality", "at")


class ActorUpdatedView(events.ActorUpdated.Schema):
    actor_id = Pseudonym(required=True)
    Meta = only("actor_id", "actor_kind", "district", "name", "department", "municipality",
                "changed_fields", "at")


class ActorJoinedView(events.ActorJoined.Schema):
    actor_id = Pseudonym(required=True)
    Meta = only("actor_id", "actor_kind", "district", "initiative_id", "scope", "platform_ids", "role",
                "name", "department", "interests", "membership_seq", "at")


class ActorLeftView(events.ActorLeft.Schema):
    actor_id = Pseudonym(required=True)
    Meta = only("actor_id", "actor_kind", "district", "initiative_id", "scope", "platform_ids",
                "reason_code", "membership_seq", "at")


class ActorEnrolledView(events.ActorEnrolled.Schema):
    actor_id = Pseudonym(required=True)
    Meta = only("actor_id", "actor_kind", "district", "initiative_id", "scope", "platform_ids", "name",
                "enrolled_by_role", "at")


VIEWS: dict[str, PartnerView] = {
    "ActorEnrolled": PartnerView(ActorEnrolledView),
    "ActorRegistered": PartnerView(ActorRegisteredView, derive=_citizen_blanked),
    "ActorUpdated": PartnerView(ActorUpdatedView, derive=_citizen_blanked),
    "ActorJoined": PartnerView(ActorJoinedView, derive=_citizen_blanked),
    "ActorLeft": PartnerView(ActorLeftView),
}
