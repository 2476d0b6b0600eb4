"""The fixed vocabulary of notifications: languages, channels, roles, event types."""
from __future__ import annotations

from samskab_contracts.vocabulary import (
    DEFAULT_LANGUAGE,
    EMAIL_FREQUENCIES,
    LANGUAGES,
    PERSON_CHANNELS,
    SUBSCRIBABLE_EVENT_TYPES,
)

__all__ = ["DEFAULT_LANGUAGE", "EMAIL_FREQUENCIES", "LANGUAGES", "PERSON_CHANNELS", "SUBSCRIBABLE_EVENT_TYPES"]


def language_of(preferred: str | None) -> str:
    """The reader's language if we write it, else Danish."""
    return preferred if preferred in LANGUAGES else DEFAULT_LANGUAGE


EMAIL = "email"
FEED = "feed"
WEBHOOK = "webhook"

PERSON = "person"
ENDPOINT = "endpoint"

IMMEDIATE = "immediate"
DAILY = "daily"

ANCHOR_PERSON = "anchor_person"  # ankerperson
COORDINATOR = "coordinator"  # tovholder
WORKING_GROUP_MEMBER = "working_group_member"  # arbejdsgruppe
ACTOR_CONTACT = "actor_contact"  # the contact person of a participating aktør
MEMBER_ROLES = frozenset({ANCHOR_PERSON, COORDINATOR, WORKING_GROUP_MEMBER, ACTOR_CONTACT})

# What a person or a partner system may subscribe to; each has its own template.

# Notices addressed to one actor's contact (``actor:<actor_id>``), not subscribable: its
# enrolment by someone else, and a safety walk's follow-up action assigned to it.
ACTOR_NOTICE_EVENT_TYPES = ("ActorEnrolled", "FollowUpActionCreated")

# Events that remove a person's contact details; nothing further is sent to them.
FORGETTING_EVENT_TYPES = ("ConsentWithdrawn", "ActorErased")

# Events that only keep the recipient directory up to date.
DIRECTORY_EVENT_TYPES = (
    "InitiativeRevised",
    "CoordinatorAssigned",
    "WorkingGroupChanged",
    "ActorRegistered",
    "ActorUpdated",
    "ConsentGiven",
    "ParticipatingDistrictAdded",
    "ParticipatingDistrictRemoved",
)

# Events notifications raises itself: they come back through its outbox, the broker and
# its own consumer like any other, so an automatic and a manual disable take one path.
OWN_EVENT_TYPES = ("WebhookEndpointDisabled",)

# Everything the service's event consumer should hand to handle_event.
CONSUMED_EVENT_TYPES = (*SUBSCRIBABLE_EVENT_TYPES, *ACTOR_NOTICE_EVENT_TYPES, *DIRECTORY_EVENT_TYPES,
                        *FORGETTING_EVENT_TYPES, *OWN_EVENT_TYPES)

# Event types whose handling the consumer does not check against its de-duplication log
# first (samskab_infra.delivery.DeliveryPorts.deduplicated_in_document): handled again,
# they change nothing, because each write is an insert keyed by the event (the archived
# event; the feed items and the deliveries, by event and recipient; for InitiativeCreated
# also the initiative's card, inserted only when there is none), so nothing is queued or
# sent twice. What that rests on (held by tests/unit/test_notify_deduplicated_in_document.py):
# they change nothing else in the directory; they name no actor (an erasure deletes the
# archived events naming one, which a redelivery would bring back); and only subscriptions
# route them, never membership defaults (a redelivery after the anchor person changed would
# tell the new one). A subscription made between two deliveries of an event is honoured by
# the second one, as it would be by a first delivery that late.
DEDUPLICATED_IN_DOCUMENT = ("InitiativeCreated", "ResultDocumented", "RealityCheckScheduled",
                            "InitiativeBecameNetwork")
