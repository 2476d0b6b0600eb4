"""Learning in the case catalogue (what was hard, what we learned, what the partners say,
who inspired whom) and the search for lessons across the initiatives a reader may read.

``known`` is every initiative the reader may read (id -> {title, district, inspired_by}):
an inspiring initiative is named by its own title only when it is known to the reader;
otherwise by the linker's own words, or as "another initiative". Strings here are raw user
text; the Markdown and HTML writers escape them."""
from __future__ import annotations

from samskab_contracts.vocabulary import LESSON_KIND_LABELS, PHASES

from . import labels as L

TEXT: dict[str, dict[str, str]] = {
    **LESSON_KIND_LABELS,
    "partners_say": {"da": "Hvad siger samarbejdspartnerne", "en": "What the partners say"},
    "inspired_by": {"da": "Inspireret af", "en": "Inspired by"},
    "inspired": {"da": "Har inspireret", "en": "Has inspired"},
    "another": {"da": "Et andet initiativ", "en": "Another initiative"},
}


def t(key: str, lang: str) -> str:
    return TEXT[key].get(lang) or TEXT[key]["da"]


def lessons(view: dict, kind: str, lang: str) -> list[str]:
    out = []
    for lesson in (view.get("learning") or {}).get("lessons", []):
        if lesson.get("kind") != kind:
            continue
        about = L.phase(lesson.get("phase"), lang)
        if lesson.get("theme"):
            about = f"{about}, {L.theme(lesson['theme'], lang)}"
        out.append(f"{lesson.get('text') or ''} ({about})")
    return out


def quotes(view: dict) -> list[tuple[str, str]]:
    """(the words, "role, organisation") of each partner quote, with the registered actor's
    name when the quote is attributed to one and it differs; never a speaker's name."""
    out = []
    for q in (view.get("learning") or {}).get("partner_quotes", []):
        who = f"{q.get('role') or '–'}, {q.get('organisation') or '–'}"
        if q.get("actor_name") and q["actor_name"] != q.get("organisation"):
            who = f"{who} ({q['actor_name']})"
        out.append((q.get("quote") or "", who))
    return out


def _named(initiative_id: str, words: str | None, known: dict, lang: str) -> str:
    other = known.get(initiative_id)
    if other and other.get("title"):
        return f"{other['title']} ({L.district(other.get('district'), lang)})"
    return words or t("another", lang)


def inspired_by(view: dict, known: dict, lang: str) -> list[str]:
    out = []
    for link in (view.get("learning") or {}).get("inspired_by", []):
        name = _named(link["initiative_id"], link.get("title"), known, lang)
        out.append(f"{name}: {link['note']}" if link.get("note") else name)
    return out


def inspired(initiative_id: str, known: dict, lang: str) -> list[str]:
    """The known initiatives that name ``initiative_id`` as an inspiration."""
    return sorted(_named(other_id, None, known, lang) for other_id, other in known.items()
                  if initiative_id in (other.get("inspired_by") or {}))


def subsections(view: dict, known: dict, lang: str) -> list[tuple[str, list[str]]]:
    """The catalogue's sections of learning after the others ("hard" is merged with the
    obstacles the figures show by the caller)."""
    says = [f"“{words}” – {who}" for words, who in quotes(view)]
    return [(t("learned", lang), lessons(view, "learned", lang)),
            (t("partners_say", lang), says),
            (t("inspired_by", lang), inspired_by(view, known, lang)),
            (t("inspired", lang), inspired(view["initiative_id"], known, lang))]


def _matches(lesson: dict, model: dict, query: dict) -> bool:
    if query.get("phase") and lesson.get("phase") != query["phase"]:
        return False
    if query.get("kind") and lesson.get("kind") != query["kind"]:
        return False
    if query.get("theme") and query["theme"] != (lesson.get("theme") or None) and not (
            lesson.get("theme") is None and query["theme"] in (model.get("themes") or [])):
        return False
    words = (query.get("q") or "").casefold().split()
    return all(w in (lesson.get("text") or "").casefold() for w in words)


def find_lessons(models: list[dict], query: dict) -> list[dict]:
    """Every lesson of ``models`` (already only those the reader may read) that matches the
    query, by district, initiative title, phase order, then time."""
    found = []
    for model in models:
        for lesson in (model.get("lessons") or {}).values():
            if _matches(lesson, model, query):
                found.append({**{k: model.get(k) for k in ("initiative_id", "title", "district")},
                              "themes": model.get("themes") or [],
                              **{k: lesson.get(k) for k in ("lesson_id", "kind", "text", "phase", "theme",
                                                            "at")}})
    found.sort(key=lambda f: (f["district"] or "", (f["title"] or "").casefold(), f["initiative_id"] or "",
                              PHASES.index(f["phase"]) if f["phase"] in PHASES else len(PHASES),
                              f["at"] or "", f["lesson_id"] or ""))
    return found
