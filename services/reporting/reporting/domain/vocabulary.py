"""The orderings reporting needs from the producers' vocabularies (labels live in rendering)."""
from __future__ import annotations

from samskab_common.districts import DISTRICTS

PHASES: tuple[str, ...] = ("start_up", "mapping", "analysis", "actor_involvement",
                           "establishment", "co_creative_development", "closing")
STATUSES: tuple[str, ...] = ("active", "closed", "network")
RESULT_SIZES: tuple[str, ...] = ("small", "breakthrough")
ACTIVITY_TYPES: tuple[str, ...] = ("citizen_meeting", "safety_walk")
DISTRICT_ORDER: tuple[str, ...] = tuple(DISTRICTS)


def ordered(known: tuple[str, ...], seen: set[str]) -> list[str]:
    """Known values in their canonical order, then any unknown values sorted."""
    return list(known) + sorted(v for v in seen if v not in known)

PERSON_KINDS = ("citizen",)
"""Actor kinds that are persons: counts of them are personal data (suppressed below the
threshold); every other actor kind is an organisation."""
