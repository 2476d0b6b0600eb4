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

PHASE_LABELS: dict[str, dict[str, str]] = {
    "start_up": {"da": "Opstart", "en": "Start-up"},
    "mapping": {"da": "Kortlægning", "en": "Mapping"},
    "analysis": {"da": "Analysemodul", "en": "Analysis"},
    "actor_involvement": {"da": "Aktørinvolvering", "en": "Actor involvement"},
    "establishment": {"da": "Etablering", "en": "Establishment"},
    "co_creative_development": {"da": "Samskabende udviklingsarbejde",
                                "en": "Co-creative development"},
    "closing": {"da": "Afslutning", "en": "Closing"},
}

THEMES: dict[str, dict[str, str]] = {
    "burglary_prevention": {"da": "Indbrudsforebyggelse", "en": "Burglary prevention"},
    "safe_urban_spaces": {"da": "Trygge byrum", "en": "Safe urban spaces"},
    "digital_crime": {"da": "Digital kriminalitet", "en": "Digital crime"},
    "traffic_safety": {"da": "Trafiksikkerhed", "en": "Traffic safety"},
    "loneliness": {"da": "Ensomhed", "en": "Loneliness"},
    "green_transition": {"da": "Grøn omstilling", "en": "Green transition"},
    "drugs_in_nightlife": {"da": "Stoffer i nattelivet", "en": "Drugs in nightlife"},
    "gang_recruitment": {"da": "Banderekruttering", "en": "Gang recruitment"},
    "safety_of_the_elderly": {"da": "Ældre og tryghed", "en": "Safety of the elderly"},
    "housing_area_safety": {"da": "Tryghed i boligområder", "en": "Housing area safety"},
    "jobs_and_inclusion": {"da": "Job og inklusion", "en": "Jobs and inclusion"},
}

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
