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

SHARED_INDICATORS: dict[str, dict] = {
    "burglaries_reported": {
        "da": "Anmeldte indbrud i beboelse", "en": "Burglaries reported (homes)",
        "unit": {"da": "anmeldelser", "en": "reports"}, "direction": "down",
        "source": {"da": "Politiets anmeldelser", "en": "Police reports"}},
    "feeling_of_safety": {
        "da": "Tryghed", "en": "Feeling of safety",
        "unit": {"da": "% trygge", "en": "% feeling safe"}, "direction": "up",
        "source": {"da": "Tryghedsundersøgelse", "en": "Safety survey"}},
    "crimes_reported": {
        "da": "Anmeldte forbrydelser i området", "en": "Crimes reported in the area",
        "unit": {"da": "anmeldelser", "en": "reports"}, "direction": "down",
        "source": {"da": "Politiets anmeldelser", "en": "Police reports"}},
    "youth_crime": {
        "da": "Ungdomskriminalitet", "en": "Youth crime",
        "unit": {"da": "sigtelser af unge", "en": "young people charged"}, "direction": "down",
        "source": {"da": "Politiets sigtelser", "en": "Police charges"}},
    "citizens_reached": {
        "da": "Borgere nået", "en": "Citizens reached",
        "unit": {"da": "borgere", "en": "citizens"}, "direction": "up",
        "source": {"da": "Initiativets egne optællinger", "en": "The initiative's own counts"}},
    "partners_involved": {
        "da": "Involverede partnere", "en": "Partners involved",
        "unit": {"da": "partnere", "en": "partners"}, "direction": "up",
        "source": {"da": "Initiativets egne optællinger", "en": "The initiative's own counts"}},
}
"""The shared indicators (fælles indikatorer) goals refer to by key, so the national roll-up
compares like with like: a da/en name, the unit (da/en), the direction that is better and
where the figures come from (da/en). A goal may still name a free-text indicator of its own."""
SHARED_INDICATOR_KEYS: tuple[str, ...] = tuple(SHARED_INDICATORS)

PLATFORM_STATUSES: tuple[str, ...] = ("active", "goals_reached")
INITIATIVE_STATUSES: tuple[str, ...] = ("active", "closed", "network")

GOAL_KIND_LABELS: dict[str, dict[str, str]] = {
    "process": {"da": "Procesmål", "en": "Process goal"},
    "effect": {"da": "Effektmål", "en": "Effect goal"},
}
GOAL_TYPE_LABELS: dict[str, dict[str, str]] = {
    "qualitative": {"da": "Kvalitativt (vurdering 1-5)", "en": "Qualitative (assessed 1-5)"},
    "quantitative": {"da": "Kvantitativt (målt med en indikator)", "en": "Quantitative (measured by an indicator)"},
}
DIRECTION_LABELS: dict[str, dict[str, str]] = {
    "up": {"da": "Op (højere er bedre)", "en": "Up (higher is better)"},
    "down": {"da": "Ned (lavere er bedre)", "en": "Down (lower is better)"},
}
PLATFORM_STATUS_LABELS: dict[str, dict[str, str]] = {
    "active": {"da": "I gang", "en": "Under way"},
    "goals_reached": {"da": "Målene er nået", "en": "Goals reached"},
}


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

GOVERNANCE_GROUP_LABELS: dict[str, dict[str, str]] = {
    "steering_group": {"da": "Styregruppe", "en": "Steering group"},
    "core_group": {"da": "Kernegruppe", "en": "Core group"},
}
"""The initiative's named groups besides the working group: the steering group (styregruppe)
and the core group (kernegruppe) of especially engaged actors (the A/B-team risk)."""
GOVERNANCE_GROUPS: tuple[str, ...] = tuple(GOVERNANCE_GROUP_LABELS)
MAX_AMOUNT_KR = 10_000_000_000
MAX_HOURS = 1_000_000
ACTIVITY_KIND_LABELS: dict[str, dict[str, str]] = {
    "platform_meeting": {"da": "Platformsmøde", "en": "Platform meeting"},
    "establishment_workshop": {"da": "Etableringsworkshop", "en": "Establishment workshop"},
    "theme_evening": {"da": "Temaaften", "en": "Theme evening"},
    "parent_meeting": {"da": "Forældremøde", "en": "Parent meeting"},
    "conversation_salon": {"da": "Samtalesalon", "en": "Conversation salon"},
    "zero_tolerance_weekend": {"da": "0-tolerance-weekend", "en": "0-tolerance weekend"},
    "campaign": {"da": "Kampagne", "en": "Campaign"},
    "network_meeting": {"da": "Netværksmøde", "en": "Network meeting"},
    "other": {"da": "Andet", "en": "Other"},
}
"""The kinds of a general activity (ActivityRecorded), beside the citizen meetings and
safety walks of ACTIVITY_TYPES, which keep their own commands and event."""
ACTIVITY_KINDS: tuple[str, ...] = tuple(ACTIVITY_KIND_LABELS)

TARGET_GROUP_LABELS: dict[str, dict[str, str]] = {
    "youth_16_25": {"da": "16–25-årige", "en": "16–25-year-olds"},
    "children_and_young": {"da": "Børn og unge", "en": "Children and young people"},
    "elderly": {"da": "Ældre", "en": "Older people"},
    "parents": {"da": "Forældre", "en": "Parents"},
    "residents": {"da": "Beboere", "en": "Residents"},
    "business_owners": {"da": "Erhvervsdrivende", "en": "Business owners"},
    "nightlife_guests": {"da": "Nattelivsgæster", "en": "Nightlife guests"},
    "other": {"da": "Andre", "en": "Others"},
}
"""Who an activity reached among the citizens who are not registered actors."""
TARGET_GROUPS: tuple[str, ...] = tuple(TARGET_GROUP_LABELS)
MAX_PARTICIPANTS = 100000

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

ENROLLING_ROLES = ("anchor_person", "deputy_anchor_person", "coordinator", "district_operator")
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
MEMBERSHIP_ROLE_LABELS: dict[str, dict[str, str]] = {
    "member": {"da": "Medlem", "en": "Member"},
    "platform_lead": {"da": "Platformsleder", "en": "Platform lead"},
    "observer": {"da": "Observatør", "en": "Observer"},
}
LEAVE_REASON_LABELS: dict[str, dict[str, str]] = {
    "goal_reached": {"da": "Målet er nået", "en": "The goal is reached"},
    "lack_of_resources": {"da": "Mangel på ressourcer", "en": "Lack of resources"},
    "collaboration_problems": {"da": "Samarbejdsproblemer", "en": "Problems in the collaboration"},
    "changed_priorities": {"da": "Ændrede prioriteter", "en": "Changed priorities"},
    "initiative_narrowed": {"da": "Initiativet er indsnævret", "en": "The initiative was narrowed"},
    "erased": {"da": "Slettet", "en": "Erased"},
    "other": {"da": "Andet", "en": "Other"},
}
CONTACT_CHANNELS: tuple[str, ...] = ("email", "sms", "none")
"""How a citizen chose to be contacted."""

# Learning between initiatives (issue 15): the case catalogue's "Hvad var svært" and
# "Hvad har vi lært".
LESSON_KIND_LABELS: dict[str, dict[str, str]] = {
    "hard": {"da": "Hvad var svært", "en": "What was hard"},
    "learned": {"da": "Hvad har vi lært", "en": "What we learned"},
}
LESSON_KINDS: tuple[str, ...] = tuple(LESSON_KIND_LABELS)
