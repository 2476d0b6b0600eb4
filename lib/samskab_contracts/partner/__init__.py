"""What partners may read: a view per event type, and the event types they never see.

Every production event is in exactly one of ``PARTNER_VIEWS`` and ``PRIVATE_EVENTS``
(a unit test holds this), so a new event type is kept from partners until someone
decides what of it they may see.
"""
from __future__ import annotations

from . import actors, governance, initiatives, learning, method, network, reporting
from .view import PartnerView

PARTNER_VIEWS: dict[str, PartnerView] = {**initiatives.VIEWS, **method.VIEWS, **governance.VIEWS, **network.VIEWS,
                                         **learning.VIEWS, **actors.VIEWS, **reporting.VIEWS}

PRIVATE_EVENTS: dict[str, str] = {
    "ActorContactShared": "a citizen's or contact person's address, for notifications only",
    "ConsentGiven": "a citizen's consent",
    "ConsentWithdrawn": "a citizen's consent",
    "ActorErased": "a person's exercise of the right to erasure",
    "WebhookEndpointDisabled": "another partner's endpoint",
    "ActorRepresentativeAdded": "who represents an actor (a person's identity), for access only",
    "ActorRepresentativeRemoved": "who represents an actor (a person's identity), for access only",
}
