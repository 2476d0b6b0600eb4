"""The managed vocabulary every service and report shares, with Danish and English labels.

Written once here so the initiatives domain, the reports and the notifications
cannot drift apart."""
from __future__ import annotations

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

THEME_LABELS: dict[str, dict[str, str]] = {
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
