"""The case catalogue's content, language by language, before any markup.

Modelled on the police's co-creation case catalogue (Rigspolitiet 2021): per
initiative its challenge with the parties' own perspectives, the actors taking
part, the results, what was hard, and the ripples in the water. Strings here
are raw user text; the Markdown and HTML writers escape them.
"""
from __future__ import annotations

from ..domain.projections.reach import districts_of
from ..domain.suppression import THRESHOLD
from ..domain.viewer import PUBLIC, Viewer
from ..domain.views import initiative_view
from . import catalogue_work as work
from . import labels as L
from . import learning
from .formatting import date, number


def entries(models: list[dict], directory: dict, *, scope: str | None,
            viewer: Viewer = PUBLIC, threshold: int = THRESHOLD) -> list[dict]:
    """The views of the initiatives ``viewer`` may read, in catalogue order (district, then
    title), each with exact figures where the viewer sees that initiative's exactly. A
    district's catalogue holds those it leads and those it takes part in; the national one
    each initiative once."""
    chosen = [m for m in models if m.get("created_at") and (scope is None or
                                                            scope in districts_of(m))
              and viewer.shows_model(m)]
    chosen.sort(key=lambda m: (m.get("district") or "", (m.get("title") or "").casefold(),
                               m.get("initiative_id") or ""))
    return [initiative_view(m, exact=viewer.exact_for_model(m), directory=directory,
                            threshold=threshold) for m in chosen]


def section(view: dict, lang: str, threshold: int = THRESHOLD, known: dict | None = None) -> dict:
    """One initiative as {title, facts, paragraphs, earlier, quotes, subsections}: the
    sections of the police's case catalogue (facts, challenge and its earlier wordings,
    vision, actors, what was done, results, ripple effects, what was hard, what we learned,
    what the partners say); ``known``: the initiatives the reader may read, to name who
    inspired whom (rendering.learning)."""
    return {
        "id": view["initiative_id"],
        "title": view.get("title") or view["initiative_id"],
        "facts": _facts(view, lang),
        "paragraphs": [view["challenge"]] if view.get("challenge") else [],
        "earlier": work.earlier_challenges(view, lang),
        "vision": view.get("vision"),
        "quotes": [(p.get("perspective"), p.get("party"))
                   for p in view.get("challenge_perspectives") or [] if p.get("perspective")],
        "subsections": [
            (L.t("actors", lang), _actors(view, lang, threshold)),
            (work.t("done", lang), work.done(view, lang, threshold)),
            (L.t("platforms", lang), _platforms(view, lang)),
            (L.t("results", lang), _results(view, lang)),
            (L.t("ripples", lang), _ripples(view)),
            (L.t("hard", lang), learning.lessons(view, "hard", lang) + _obstacles(view, lang)),
            *learning.subsections(view, known or {}, lang),
        ],
        "closing": view.get("closure_summary"),
    }


def _facts(view: dict, lang: str) -> list[tuple[str, str]]:
    status = {"active": L.t("status_active", lang), "closed": L.t("status_closed", lang),
              "network": L.t("status_network", lang)}.get(view.get("status"), "–")
    if view.get("network") and view["network"].get("name"):
        status = f"{status}: {view['network']['name']}"
    if view.get("paused_since"):
        status = f"{status} – {L.t('paused_since', lang, date=date(view['paused_since']))}"
    participating = (view.get("districts") or [])[1:]
    if participating:
        facts = [(work.t("lead_district", lang), L.district(view.get("district"), lang)),
                 (work.t("participating", lang), ", ".join(L.district(d, lang) for d in participating))]
    else:
        facts = [(L.t("district", lang), L.district(view.get("district"), lang))]
    facts.append((work.t("scope", lang), work.scope(view.get("scope"), lang)))
    if view.get("municipalities"):
        facts.append((L.t("municipalities", lang), ", ".join(view["municipalities"])))
    if view.get("focus_area"):
        facts.append((L.t("focus_area", lang), view["focus_area"]))
    facts += [
        (L.t("themes", lang), ", ".join(L.theme(t, lang) for t in view.get("themes") or []) or "–"),
        (L.t("phase", lang), L.phase(view.get("phase"), lang)),
        (L.t("status", lang), status),
        (work.t("period", lang), work.period(view, lang)),
    ]
    if view.get("days_paused"):
        facts.append((L.t("days_paused", lang), number(view["days_paused"], lang)))
    return facts


def _actors(view: dict, lang: str, threshold: int) -> list[str]:
    items = work.organisations_line(view, lang)
    for o in view["actors"]["organisations"]:
        name = f"{o['name']} ({o['department']})" if o.get("department") else o["name"]
        items.append(f"{name} – {L.actor_kind(o.get('kind') or 'unknown', lang)}")
    citizens = view["actors"]["active_by_kind"]["cells"].get("citizen")
    if citizens and citizens["suppressed"]:
        items.append(L.t("citizens_few", lang, k=threshold))
    elif citizens and citizens["value"]:
        place = ", ".join(view.get("municipalities") or []) or L.district(view.get("district"), lang)
        items.append(L.t("citizens_n", lang, place=place, n=citizens["value"]))
    return items


def _goal_line(goal: dict, lang: str) -> str:
    title = goal.get("title") or "–"
    if goal.get("goal_type") == "qualitative":
        level = (goal.get("latest") or {}).get("level")
        figures = f"{number(level, lang)} / {number(goal.get('target_level'), lang)}"
    else:
        unit = f" {goal['unit']}" if goal.get("unit") else ""
        latest = (goal.get("latest") or {}).get("value")
        figures = (f"{L.t('baseline', lang)} {number(goal.get('baseline_value'), lang)} → "
                   f"{L.t('latest', lang).lower()} {number(latest, lang)} "
                   f"({L.t('target', lang).lower()} {number(goal.get('target_value'), lang)}){unit}")
    reached = f" – {L.t('reached', lang)}" if goal.get("reached") else ""
    return f"{title}: {figures}{reached}"


def _platforms(view: dict, lang: str) -> list[str]:
    items = []
    for platform in view.get("platforms", []):
        goals = "; ".join(_goal_line(g, lang) for g in platform["goals"])
        head = platform.get("name") or "–"
        if platform.get("focus_area"):
            head = f"{head} – {platform['focus_area']}"
        items.append(f"{head}. {goals}" if goals else head)
    items += [_goal_line(g, lang) for g in view.get("initiative_goals", [])]
    return items


def _results(view: dict, lang: str) -> list[str]:
    items = []
    for result in view.get("results", []):
        text = result.get("title") or ""
        if result.get("description"):
            text = f"{text}. {result['description']}"
        if result.get("size") == "breakthrough":
            text = f"{L.t('breakthrough', lang)}: {text}"
        items.append(f"{text} ({date(result.get('date'))})")
    return items


def _obstacles(view: dict, lang: str) -> list[str]:
    items = []
    for obstacle in view.get("obstacles", []):
        if obstacle["source"] == "reality_check":
            score = number(obstacle.get("score"), lang)
            items.append(f"{L.t('reality_check', lang)} {date(obstacle.get('date'))} "
                         f"({score}/5): {obstacle['text']}")
        else:
            items.append(f"{L.t('adjusted', lang)} ({obstacle.get('goal_title') or '–'}, "
                         f"{date(obstacle.get('date'))}): {obstacle['text']}")
    return items


def _ripples(view: dict) -> list[str]:
    items = []
    for ripple in view.get("ripple_effects", []):
        text = ripple.get("title") or ""
        if ripple.get("description"):
            text = f"{text}. {ripple['description']}"
        evidence = [e.get("description") for e in ripple.get("evidence") or []
                    if isinstance(e, dict) and e.get("description")]
        if evidence:
            text = f"{text} ({'; '.join(evidence)})"
        items.append(text)
    return items
