"""The vocabulary of the actors domain: kinds, roles, channels, purposes.

Values that travel in events come from the published contract so both
sides share one definition.
"""
from samskab_contracts.vocabulary import (
    ACTOR_KINDS,
    CITIZEN,
    CONSENT_PURPOSES,
    CONTACT_CHANNELS,
    ENROLLING_ROLES,
    INITIATIVE_PURPOSES,
    INTEREST_CATEGORIES,
    LANGUAGES,
    LEAVE_REASON_CODES,
    ORGANISATION_KINDS,
)
from samskab_contracts.vocabulary import (
    MEMBERSHIP_ROLES as ROLES,
)

__all__ = [
    "ACTOR_KINDS",
    "CITIZEN",
    "CONSENT_PURPOSES",
    "ENROLLING_ROLES",
    "INITIATIVE_PURPOSES",
    "INTEREST_CATEGORIES",
    "LEAVE_REASON_CODES",
    "ORGANISATION_KINDS",
    "MUNICIPALITY",
    "ROLES",
    "CONTACT_CHANNELS",
    "LANGUAGES",
    "ERASED_NAME",
    "TAKE_PART",
]

MUNICIPALITY = "municipality"
"""The only kind that carries a ``department`` (forvaltning/afdeling)."""

ERASED_NAME = "slettet"
TAKE_PART = "take_part"
"""The consent under which others may enrol a citizen in one initiative."""
