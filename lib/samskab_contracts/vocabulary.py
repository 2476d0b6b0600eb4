"""The managed vocabulary of the method, written once: phases, themes, kinds, statuses,
the actors' and notifications' closed lists, and the text limits. Labels come in Danish
and English because user-facing text is bilingual. Events, commands, every service's domain,
the reports and the pages read these; nothing declares them again."""
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

PHASES: tuple[str, ...] = tuple(PHASE_LABELS)
"""The seven phases of the method, in order."""
THEMES = THEME_LABELS
GOAL_TYPES: tuple[str, ...] = ("qualitative", "quantitative")
DIRECTIONS: tuple[str, ...] = ("up", "down")
RESULT_SIZES: tuple[str, ...] = ("small", "breakthrough")
ACTIVITY_TYPES: tuple[str, ...] = ("citizen_meeting", "safety_walk")

CO_OWNER_KINDS: tuple[str, ...] = ("district", "municipality", "programme")

INITIATIVE_SCOPE_LABELS: dict[str, dict[str, str]] = {
    "local": {"da": "Lokal", "en": "Local"},
    "cross_district": {"da": "På tværs af politikredse", "en": "Across police districts"},
    "national": {"da": "National", "en": "National"},
}
"""How far an initiative reaches: its lead district only, several police districts
(participating districts besides the lead), or the whole country (issue 15)."""
INITIATIVE_SCOPES: tuple[str, ...] = tuple(INITIATIVE_SCOPE_LABELS)

GOAL_KIND_YEARS: dict[str, int] = {"process": 1, "effect": 2}
"""Goal kind -> the initiative year it belongs to (process goals year 1, effect goals year 2)."""
GOAL_KINDS: tuple[str, ...] = tuple(GOAL_KIND_YEARS)

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

SOURCE_KIND_LABELS: dict[str, dict[str, str]] = {
    "interview": {"da": "Interview", "en": "Interview"},
    "data": {"da": "Data", "en": "Data"},
    "observation": {"da": "Observation", "en": "Observation"},
    "desk_research": {"da": "Skrivebordsundersøgelse", "en": "Desk research"},
}
"""The kinds of source a mapping (kortlægning) draws on."""
SOURCE_KINDS: tuple[str, ...] = tuple(SOURCE_KIND_LABELS)

DIALOGUE_STATUS_LABELS: dict[str, dict[str, str]] = {
    "identified": {"da": "Identificeret", "en": "Identified"},
    "contacted": {"da": "Kontaktet", "en": "Contacted"},
    "in_dialogue": {"da": "I dialog", "en": "In dialogue"},
    "joined": {"da": "Med", "en": "Joined"},
    "declined": {"da": "Takket nej", "en": "Declined"},
    "later": {"da": "Senere", "en": "Later"},
}
"""A potential actor's dialogue in actor involvement (aktørinvolvering), in order."""
DIALOGUE_STATUSES: tuple[str, ...] = tuple(DIALOGUE_STATUS_LABELS)
DIALOGUE_STEPS: dict[str, tuple[str, ...]] = {
    "identified": ("contacted", "in_dialogue", "declined", "later"),
    "contacted": ("in_dialogue", "declined", "later"),
    "in_dialogue": ("joined", "declined", "later"),
    "later": ("contacted", "in_dialogue", "declined"),
    "declined": ("contacted",),
    "joined": (),
}
"""Where a dialogue may go from each status (the same status again updates the notes only).
Joining is the end of the dialogue: leaving is the actors service's membership."""
ENGAGED_DIALOGUE_STATUSES: tuple[str, ...] = ("in_dialogue", "joined")
"""The statuses in which a potential actor is talking with the initiative (establishment's gate)."""

# Text limits, shared by the command schemas and the domain's own guards.
MAX_NAME = 200
MAX_TITLE = 200
MAX_SHORT_TEXT = 1000
MAX_TEXT = 5000
MAX_LIST = 200
MAX_ROUTE_POINTS = 2000
MAX_REALITY_CHECK_INTERVAL_DAYS = 366


# Actors
CITIZEN = "citizen"
ORGANISATION_KINDS = (
    "police_unit",
    "municipality",
    "other_authority",
    "business",
    "association",
    "educational_institution",
    "housing_organisation",
    "citizen_group",
)
ACTOR_KINDS = ORGANISATION_KINDS + (CITIZEN,)

CONSENT_PURPOSES = ("notifications", "contact_directory", "take_part")
"""notifications: receiving messages on the chosen channel; contact_directory:
contact details shown to the anchor person and coordinator of the
initiatives the citizen takes part in; take_part: being enrolled in one
initiative (``initiative_id``) by its anchor person, coordinator or district operator."""

INITIATIVE_PURPOSES = ("take_part",)
"""Purposes given for one initiative: their consent records and events carry its id."""

ENROLLING_ROLES = ("anchor_person", "coordinator", "district_operator")
"""The roles under which someone other than an organisation itself may enrol it (the
first that applies is named when a person holds several)."""

INTEREST_CATEGORIES = (
    "turnover",
    "market_potential",
    "customer_satisfaction",
    "better_procedures",
    "safety",
    "knowledge",
    "network",
)

LEAVE_REASON_CODES = (
    "goal_reached",
    "lack_of_resources",
    "collaboration_problems",
    "changed_priorities",
    "initiative_narrowed",
    "erased",
    "other",
)

MEMBERSHIP_SCOPES = ("initiative", "platform")
"""initiative: the joint platform (den fælles, samlede platform), together with
any development platforms named in ``platform_ids``; platform: only the
development platforms in ``platform_ids``."""

CONSENT_END_CAUSES = ("withdrawn", "erasure")

ACTOR_KIND_LABELS: dict[str, dict[str, str]] = {
    "police_unit": {"da": "Politi", "en": "Police"},
    "municipality": {"da": "Kommune", "en": "Municipality"},
    "other_authority": {"da": "Anden myndighed", "en": "Other authority"},
    "business": {"da": "Virksomhed", "en": "Business"},
    "association": {"da": "Forening", "en": "Association"},
    "educational_institution": {"da": "Uddannelsesinstitution", "en": "Educational institution"},
    "housing_organisation": {"da": "Boligorganisation", "en": "Housing organisation"},
    "citizen_group": {"da": "Borgergruppe", "en": "Citizen group"},
    "citizen": {"da": "Borgere", "en": "Citizens"},
}


# Notifications: languages, channels and how often e-mail is sent.
LANGUAGES: tuple[str, ...] = ("da", "en")
DEFAULT_LANGUAGE = "da"
PERSON_CHANNELS: tuple[str, ...] = ("email", "feed")
EMAIL_FREQUENCIES: tuple[str, ...] = ("immediate", "daily")
FEED_PAGE_SIZE = 20
MAX_FEED_PAGE_SIZE = 100
# What a person or a partner system may subscribe to; each has its own template.
SUBSCRIBABLE_EVENT_TYPES: tuple[str, ...] = (
    "InitiativeCreated",
    "AnchorPersonAssigned",
    "ActorJoined",
    "ActorLeft",
    "PlatformGoalReached",
    "RealityCheckOverdue",
    "ResultDocumented",
    "InfluenceImbalanceDetected",
    "InitiativeClosed",
    "InitiativeBecameNetwork",
    "RealityCheckScheduled",
    "InitiativePaused",
    "InitiativeResumed",
)

MEMBERSHIP_ROLES: tuple[str, ...] = ("member", "platform_lead", "observer")
"""An actor's role in an initiative or on a development platform."""
CONTACT_CHANNELS: tuple[str, ...] = ("email", "sms", "none")
"""How a citizen chose to be contacted."""
