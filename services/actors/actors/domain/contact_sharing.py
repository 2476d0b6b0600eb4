"""Which contact the notifications service may use for an actor (ActorContactShared).

Services talk only through events, so notifications keeps its own copy of
where to e-mail an actor; this module decides what that copy may hold:

- a citizen: the one channel they chose, and only while their consent for
  ``notifications`` is open. Their display name is not shared: a citizen is
  never named in an event, and an e-mail needs no name.
- an organisation (no consent needed, its contact points are work contacts):
  the first contact point that has an e-mail address, with that person's name.

An erased actor shares nothing. ``None`` means there is nothing to share.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import consent

if TYPE_CHECKING:
    from .actor import Actor

NOTIFICATIONS = "notifications"


def shareable_contact(actor: Actor) -> dict | None:
    """``{"channel", "address", "name", "language"}`` or None."""
    if actor.erased:
        return None
    language = actor.preferred_language
    if actor.is_citizen:
        contact = actor.contact
        if contact is None or contact["channel"] == "none" or not consent.is_active(actor.consents, NOTIFICATIONS):
            return None
        return {"channel": contact["channel"], "address": contact["address"], "name": None,
                "language": language}
    for point in actor.contact_points:
        if point.get("email"):
            return {"channel": "email", "address": point["email"], "name": point.get("name"),
                    "language": language}
    return None


def withdrawn_contact(language: str) -> dict:
    """What is shared when a contact known before is gone without a consent withdrawal
    (a citizen chose channel none, an organisation removed its e-mail addresses)."""
    return {"channel": "none", "address": None, "name": None, "language": language}
