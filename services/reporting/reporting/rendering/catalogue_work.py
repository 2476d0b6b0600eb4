"""What an initiative did, for the case catalogue's "what was done" (Hvad blev gjort?), and
the earlier wordings of its challenge, from an initiative view (domain/views.py) alone.

"What was done" is the method's own work in the order the catalogue tells it: the mapping
and the analysis (counts only: who was interviewed and what was said stay in the
initiatives service), the activities with who took part (a count of persons, suppressed
where the view suppresses it), the revisions and pauses on the way, and the ideas handed
over to other bodies. Strings here are raw user text; the Markdown and HTML writers
escape them."""
from __future__ import annotations

from samskab_contracts.vocabulary import (
    ACTIVITY_KIND_LABELS,
    DIALOGUE_STATUS_LABELS,
    INITIATIVE_SCOPE_LABELS,
    TARGET_GROUP_LABELS,
)

from . import labels as L
from .formatting import date, number

TEXT: dict[str, dict[str, str]] = {
    "done": {"da": "Hvad blev gjort?", "en": "What was done?"},
    "earlier": {"da": "Tidligere formuleringer af udfordringen", "en": "Earlier wordings of the challenge"},
    "changed": {"da": "ændret {date} i fasen {phase}", "en": "changed {date} in the phase {phase}"},
    "mapping": {"da": "Kortlægning – kilder: {sources}, problemstillinger: {statements}",
                "en": "Mapping – sources: {sources}, problem statements: {statements}"},
    "potential": {"da": "Analyse og aktørinvolvering – potentielle aktører: {n}",
                  "en": "Analysis and actor involvement – potential actors: {n}"},
    "alignments": {"da": "forventningsafstemninger: {n}", "en": "expectation alignments: {n}"},
    "participants": {"da": "{n} deltagere", "en": "{n} participants"},
    "participants_few": {"da": "færre end {k} deltagere", "en": "fewer than {k} participants"},
    "idea": {"da": "Idé givet videre til {to} ({date}): {idea}", "en": "Idea handed over to {to} ({date}): {idea}"},
    "idea_outcome": {"da": "Det kom der ud af: {outcome}", "en": "What came of it: {outcome}"},
    "a_citizen": {"da": "en borger", "en": "a citizen"},
    "paused": {"da": "I bero {since} – {until}", "en": "On standby {since} – {until}"},
    "pausing": {"da": "I bero siden {since}", "en": "On standby since {since}"},
    "revised": {"da": "Revideret {date} ({fields})", "en": "Revised {date} ({fields})"},
    "scope": {"da": "Omfang", "en": "Scope"},
    "lead_district": {"da": "Ledende politikreds", "en": "Lead police district"},
    "participating": {"da": "Deltagende politikredse", "en": "Participating police districts"},
    "period": {"da": "Periode", "en": "Period"},
    "since": {"da": "Siden {date}", "en": "Since {date}"},
    "organisations": {"da": "I alt {n} organisationer ({kinds})", "en": "{n} organisations in all ({kinds})"},
    "citizen_meeting": {"da": "Borgermøde", "en": "Citizen meeting"},
    "safety_walk": {"da": "Tryghedsvandring", "en": "Safety walk"},
}
REVISED_FIELD_LABELS: dict[str, dict[str, str]] = {
    "title": {"da": "titel", "en": "title"},
    "vision": {"da": "vision", "en": "vision"},
    "themes": {"da": "temaer", "en": "themes"},
    "focus_area": {"da": "område", "en": "area"},
    "municipalities": {"da": "kommuner", "en": "municipalities"},
    "co_owners": {"da": "medejere", "en": "co-owners"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = TEXT[key].get(lang) or TEXT[key]["da"]
    return text.format(**values) if values else text


def _label(table: dict[str, dict[str, str]], slug: str | None, lang: str) -> str:
    entry = table.get(slug or "")
    if entry:
        return entry.get(lang) or entry["da"]
    return (slug or "–").replace("_", " ").capitalize()


def scope(slug: str | None, lang: str) -> str:
    return _label(INITIATIVE_SCOPE_LABELS, slug or "local", lang)


def period(view: dict, lang: str) -> str:
    start = date(view.get("created_at"))
    if view.get("closed_at"):
        return f"{start} – {date(view['closed_at'])}"
    return t("since", lang, date=start)


def earlier_challenges(view: dict, lang: str) -> list[str]:
    """Each earlier wording, oldest first, with when and in which phase it changed and why."""
    out = []
    for change in view.get("challenge_history") or []:
        if not change.get("previous_challenge"):
            continue
        when = t("changed", lang, date=date(change.get("at")), phase=L.phase(change.get("phase"), lang))
        reason = f": {change['reason']}" if change.get("reason") else ""
        out.append(f"“{change['previous_challenge']}” – {when}{reason}")
    return out


def organisations_line(view: dict, lang: str) -> list[str]:
    """How many organisations take part, by kind (the first line of the actors)."""
    organisations = view["actors"]["organisations"]
    if not organisations:
        return []
    kinds: dict[str, int] = {}
    for o in organisations:
        label = L.actor_kind(o.get("kind") or "unknown", lang)
        kinds[label] = kinds.get(label, 0) + 1
    listed = ", ".join(f"{label} {number(n, lang)}" for label, n in sorted(kinds.items()))
    return [t("organisations", lang, n=number(len(organisations), lang), kinds=listed)]


def done(view: dict, lang: str, threshold: int) -> list[str]:
    return [*_method(view, lang), *(_activity(a, lang, threshold) for a in view.get("activities") or []),
            *_revisions(view, lang), *_pauses(view, lang), *_ideas(view, lang)]


def _method(view: dict, lang: str) -> list[str]:
    counts = view.get("counts") or {}
    out = []
    if counts.get("sources") or counts.get("problem_statements"):
        out.append(t("mapping", lang, sources=number(counts.get("sources", 0), lang),
                     statements=number(counts.get("problem_statements", 0), lang)))
    if counts.get("potential_actors"):
        line = t("potential", lang, n=number(counts["potential_actors"], lang))
        statuses = [f"{_label(DIALOGUE_STATUS_LABELS, s, lang).lower()}: {number(counts[key], lang)}"
                    for s in DIALOGUE_STATUS_LABELS if counts.get(key := f"potential_actors_{s}")]
        if statuses:
            line = f"{line} ({', '.join(statuses)})"
        if counts.get("expectation_alignments"):
            line = f"{line}; {t('alignments', lang, n=number(counts['expectation_alignments'], lang))}"
        out.append(line)
    return out


def _activity(activity: dict, lang: str, threshold: int) -> str:
    kind = activity.get("activity_type")
    name = t(kind, lang) if kind in ("citizen_meeting", "safety_walk") else _label(ACTIVITY_KIND_LABELS, kind, lang)
    text = f"{name} {date(activity.get('date'))}"
    if activity.get("place"):
        text = f"{text}, {activity['place']}"
    if activity.get("title"):
        text = f"{text}: {activity['title']}"
    attendance = activity.get("total_attendance") or {}
    who = []
    if attendance.get("suppressed"):
        who.append(t("participants_few", lang, k=threshold))
    elif attendance.get("value"):
        who.append(t("participants", lang, n=number(attendance["value"], lang)))
    who += [_label(TARGET_GROUP_LABELS, g, lang) for g in activity.get("target_groups") or []]
    if who:
        text = f"{text} – {', '.join(who)}"
    return f"{text}. {activity['outcome']}" if activity.get("outcome") else text


def _revisions(view: dict, lang: str) -> list[str]:
    out = []
    for revision in view.get("revision_history") or []:
        fields = ", ".join(_label(REVISED_FIELD_LABELS, f, lang) for f in revision.get("changed_fields") or [])
        line = t("revised", lang, date=date(revision.get("at")), fields=fields or "–")
        out.append(f"{line}: {revision['reason']}" if revision.get("reason") else line)
    return out


def _pauses(view: dict, lang: str) -> list[str]:
    out = []
    for pause in view.get("pauses") or []:
        line = (t("paused", lang, since=date(pause.get("since")), until=date(pause["until"]))
                if pause.get("until") else t("pausing", lang, since=date(pause.get("since"))))
        out.append(f"{line}: {pause['reason']}" if pause.get("reason") else line)
    return out


def _ideas(view: dict, lang: str) -> list[str]:
    out = []
    for idea in view.get("ideas_handed_over") or []:
        to = idea.get("recipient_name") or t("a_citizen", lang)
        line = t("idea", lang, to=to, date=date(idea.get("date")), idea=idea.get("idea") or "–")
        out.append(f"{line}. {t('idea_outcome', lang, outcome=idea['outcome'])}" if idea.get("outcome") else line)
    return out
