"""The managed lists of the method: phases, themes, categories and text limits.

Labels come in Danish and English because user-facing text is bilingual. The
closed enumerations that are part of the published language live with the
event contracts and are re-exported here.
"""
from __future__ import annotations

from samskab_common.contracts.initiatives import (  # noqa: F401 - the published enumerations
    ACTIVITY_TYPES,
    DIRECTIONS,
    GOAL_TYPES,
    PHASES,
    RESULT_SIZES,
)
from samskab_common.vocabulary import PHASE_LABELS  # noqa: F401 - shared with reports
from samskab_common.vocabulary import THEME_LABELS as THEMES  # noqa: F401 - shared with reports

CO_OWNER_KINDS: tuple[str, ...] = ("district", "municipality", "programme")

GOAL_KINDS: dict[str, int] = {"process": 1, "effect": 2}
"""Goal kind -> the initiative year it belongs to (process goals year 1, effect goals year 2)."""

ASSESSMENT_SCALE: tuple[int, int] = (1, 5)

PLATFORM_STATUSES: tuple[str, ...] = ("active", "goals_reached")
INITIATIVE_STATUSES: tuple[str, ...] = ("active", "closed", "network")


REALITY_CHECK_DIMENSIONS: dict[str, dict[str, str]] = {
    "collaboration": {"da": "Samarbejde", "en": "Collaboration"},
    "resources": {"da": "Ressourcer", "en": "Resources"},
    "progress": {"da": "Fremdrift", "en": "Progress"},
    "influence_balance": {"da": "Balance i indflydelse", "en": "Balance of influence"},
    "knowledge_sharing": {"da": "Videndeling", "en": "Knowledge sharing"},
}


FINDING_CATEGORIES: dict[str, dict[str, str]] = {
    "missing_lighting": {"da": "Manglende belysning", "en": "Missing lighting"},
    "graffiti": {"da": "Graffiti", "en": "Graffiti"},
    "litter": {"da": "Affald", "en": "Litter"},
    "vegetation": {"da": "Tilgroet beplantning", "en": "Overgrown vegetation"},
    "vandalism": {"da": "Hærværk", "en": "Vandalism"},
    "traffic": {"da": "Trafik", "en": "Traffic"},
    "pleasant_place": {"da": "Rart sted", "en": "Pleasant place"},
    "other": {"da": "Andet", "en": "Other"},
}

# Text limits, shared by the command schemas and the domain's own guards.
MAX_NAME = 200
MAX_TITLE = 200
MAX_SHORT_TEXT = 1000
MAX_TEXT = 5000
MAX_LIST = 200
MAX_ROUTE_POINTS = 2000
MAX_REALITY_CHECK_INTERVAL_DAYS = 366
