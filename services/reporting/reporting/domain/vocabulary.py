"""The orderings reporting needs, taken from the published vocabulary (labels live in rendering)."""
from __future__ import annotations

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import (
    ACTIVITY_KINDS,
    ACTIVITY_TYPES,
    INITIATIVE_STATUSES,
    PHASES,
    RESULT_SIZES,
    TARGET_GROUPS,
)

__all__ = ["ACTIVITY_ORDER", "DISTRICT_ORDER", "PERSON_KINDS", "PHASES", "RESULT_SIZES", "STATUSES",
           "TARGET_GROUPS", "ordered"]

ACTIVITY_ORDER: tuple[str, ...] = ACTIVITY_TYPES + ACTIVITY_KINDS
"""Every type an activity is counted by: citizen meetings and safety walks, then the kinds
of the general activities."""

STATUSES = INITIATIVE_STATUSES
DISTRICT_ORDER: tuple[str, ...] = tuple(DISTRICTS)


def ordered(known: tuple[str, ...], seen: set[str]) -> list[str]:
    """Known values in their canonical order, then any unknown values sorted."""
    return list(known) + sorted(v for v in seen if v not in known)


PERSON_KINDS = ("citizen",)
"""Actor kinds that are persons: counts of them are personal data (suppressed below the
threshold); every other actor kind is an organisation."""
