"""The actors domain: actors (aktører), their memberships and consent, no I/O."""
from samskab_contracts.cvr import is_valid_cvr

from .actor import Actor
from .cvr_claim import CvrClaim, claim_id
from .directory import InitiativeDirectory, KnownInitiative
from .enrolment import enrolling_role
from .membership import Membership, membership_id
from .search import name_matches, name_terms, query_term
from .views import directory_entry, found_actor, personal_data_export

__all__ = [
    "Actor",
    "CvrClaim",
    "InitiativeDirectory",
    "KnownInitiative",
    "Membership",
    "claim_id",
    "directory_entry",
    "enrolling_role",
    "found_actor",
    "is_valid_cvr",
    "membership_id",
    "name_matches",
    "name_terms",
    "personal_data_export",
    "query_term",
]
