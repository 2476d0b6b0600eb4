"""Danish and English labels for everything a report shows.

Phase, theme and actor-kind labels are the shared vocabulary (samskab_contracts.vocabulary); the rest
are labels only reports show. An unknown slug falls back
to a readable form of itself, so a new value never breaks a report.
"""
from __future__ import annotations

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import (
    ACTOR_KIND_LABELS,
    LANGUAGES,
    PHASE_LABELS,
    SHARED_INDICATORS,
    THEME_LABELS,
)

__all__ = ["LANGUAGES"]

PHASES = PHASE_LABELS
THEMES = THEME_LABELS

ACTOR_KIND_LABELS_WITH_UNKNOWN: dict[str, dict[str, str]] = {
    **ACTOR_KIND_LABELS,
    "unknown": {"da": "Ukendt", "en": "Unknown"},
}

TEXT: dict[str, dict[str, str]] = {
    "catalogue": {"da": "Casekatalog", "en": "Case catalogue"},
    "national": {"da": "Hele landet", "en": "Nationwide"},
    "subtitle": {"da": "Co-creation initiativer – samskabelse med civilsamfundet",
                 "en": "Co-creation initiatives – co-creation with civil society"},
    "contents": {"da": "Indhold", "en": "Contents"},
    "challenge": {"da": "Udfordring", "en": "Challenge"},
    "facts": {"da": "Fakta", "en": "Facts"},
    "district": {"da": "Politikreds", "en": "Police district"},
    "themes": {"da": "Temaer", "en": "Themes"},
    "municipalities": {"da": "Kommuner", "en": "Municipalities"},
    "vision": {"da": "Vision", "en": "Vision"},
    "focus_area": {"da": "Område", "en": "Area"},
    "paused_since": {"da": "Sat i bero siden {date}", "en": "On standby since {date}"},
    "days_paused": {"da": "Dage i bero", "en": "Days on standby"},
    "phase": {"da": "Fase", "en": "Phase"},
    "status": {"da": "Status", "en": "Status"},
    "actors": {"da": "Aktører", "en": "Actors"},
    "results": {"da": "Resultater", "en": "Results"},
    "hard": {"da": "Hvad var svært?", "en": "What was hard?"},
    "ripples": {"da": "Ringe i vandet", "en": "Ripples in the water"},
    "platforms": {"da": "Udviklingsplatforme og mål", "en": "Development platforms and goals"},
    "none": {"da": "Intet registreret endnu.", "en": "Nothing recorded yet."},
    "citizens_n": {"da": "Borgere i {place} ({n})", "en": "Citizens in {place} ({n})"},
    "citizens_few": {"da": "Borgere (færre end {k})", "en": "Citizens (fewer than {k})"},
    "status_active": {"da": "Aktivt", "en": "Active"},
    "status_closed": {"da": "Afsluttet", "en": "Closed"},
    "status_network": {"da": "Afsluttet – fortsætter som netværk",
                       "en": "Closed – continues as a network"},
    "adjusted": {"da": "Målet blev justeret", "en": "The goal was adjusted"},
    "reality_check": {"da": "Realitetstjek", "en": "Reality check"},
    "breakthrough": {"da": "Gennembrud", "en": "Breakthrough"},
    "baseline": {"da": "Baseline", "en": "Baseline"},
    "target": {"da": "Mål", "en": "Target"},
    "latest": {"da": "Seneste", "en": "Latest"},
    "reached": {"da": "nået", "en": "reached"},
    "dashboard": {"da": "Overblik", "en": "Dashboard"},
    "by_phase": {"da": "Initiativer pr. fase", "en": "Initiatives by phase"},
    "by_theme": {"da": "Initiativer pr. tema", "en": "Initiatives by theme"},
    "by_district": {"da": "Initiativer pr. politikreds", "en": "Initiatives by police district"},
    "actors_by_kind": {"da": "Aktører pr. type", "en": "Actors by kind"},
    "goal_progress": {"da": "Målopfyldelse", "en": "Goal progress"},
    "trend": {"da": "Udvikling", "en": "Trend"},
    "key_figures": {"da": "Nøgletal", "en": "Key figures"},
    "initiatives": {"da": "Initiativer", "en": "Initiatives"},
    "goals_reached": {"da": "Mål nået", "en": "Goals reached"},
    "ripple_count": {"da": "Ringe i vandet", "en": "Ripple effects"},
    "median_days_to_close": {"da": "Median dage til afslutning",
                             "en": "Median days to close"},
    "shared_indicators": {"da": "Fælles indikatorer", "en": "Shared indicators"},
    "indicator": {"da": "Indikator", "en": "Indicator"},
    "change": {"da": "Ændring", "en": "Change"},
    "suppressed_note": {
        "da": "Tal under {k} vises ikke uden for den politikreds, de stammer fra.",
        "en": "Counts below {k} are not shown outside the police district they come from.",
    },
    "generated": {"da": "Dannet", "en": "Generated"},
    "influence": {"da": "Balance i indflydelse", "en": "Balance of influence"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = TEXT[key].get(lang) or TEXT[key]["da"]
    return text.format(**values) if values else text


def _label(table: dict[str, dict[str, str]], slug: str | None, lang: str) -> str:
    if not slug:
        return "–"
    entry = table.get(slug)
    if entry:
        return entry.get(lang) or entry["da"]
    return slug.replace("_", " ").capitalize()


def phase(slug: str | None, lang: str) -> str:
    return _label(PHASES, slug, lang)


def theme(slug: str | None, lang: str) -> str:
    return _label(THEMES, slug, lang)


def actor_kind(slug: str | None, lang: str) -> str:
    return _label(ACTOR_KIND_LABELS_WITH_UNKNOWN, slug, lang)


def indicator(group: dict, lang: str) -> str:
    """A shared indicator's name in ``lang`` (a free-text one as it was written)."""
    managed = SHARED_INDICATORS.get(group.get("indicator_id") or "")
    if managed is None:
        return str(group.get("indicator") or "–")
    unit = managed["unit"].get(lang) or managed["unit"]["da"]
    return f"{managed.get(lang) or managed['da']} ({unit})"


def district(slug: str | None, lang: str) -> str:
    if slug is None:
        return t("national", lang)
    return DISTRICTS.get(slug, slug)
