"""The dashboard (overblik): a full HTML page with inline CSS and inline SVG charts,
for the national centre (scope None) or one district. No script, no external URL.
Figures are shown to each viewer as the roll-up is (domain/rollup.py); the goal bars
name only initiatives the viewer may see (domain/viewer.py)."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..domain.figures import dashboard_tally
from ..domain.rollup import ROLLUP_FIELDS, in_scope, present, tally
from ..domain.suppression import THRESHOLD
from ..domain.viewer import PUBLIC, Viewer
from . import labels as L
from .escape import h
from .formatting import count, date, number
from .page import document
from .svg import bar_chart, line_chart, progress_bars

MAX_GOALS = 40
DASHBOARD_FIELDS = ROLLUP_FIELDS + ("reality_check_series",)
"""The fields of an initiative model the dashboard reads (see ROLLUP_FIELDS)."""
MIN_CHECKS_PER_POINT = THRESHOLD


def dashboard_html(models: list[dict], *, scope: str | None = None, viewer: Viewer = PUBLIC,
                   lang: str = "da", generated_at: str | None = None,
                   threshold: int = THRESHOLD) -> str:
    return dashboard_page(tally(models, scope), dashboard_tally(in_scope(models, scope)),
                          scope=scope, viewer=viewer, lang=lang, generated_at=generated_at,
                          threshold=threshold)


def dashboard_page(counts: dict, figures: dict, *, scope: str | None = None,
                   viewer: Viewer = PUBLIC, lang: str = "da", generated_at: str | None = None,
                   threshold: int = THRESHOLD) -> str:
    """The page for one viewer, from the scope's roll-up ``tally`` and ``dashboard_tally``."""
    if lang not in L.LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {L.LANGUAGES}")
    data = present(counts, scope=scope, viewer=viewer, threshold=threshold)
    title = f"{L.t('dashboard', lang)} – {L.district(scope, lang)}"
    parts = [f"<header><h1>{h(title)}</h1>"]
    if generated_at:
        parts.append(f"<p class=\"note\">{h(L.t('generated', lang))}: {h(date(generated_at))}</p>")
    if data["suppressed_view"]:
        parts.append(f"<p class=\"note\">{h(L.t('suppressed_note', lang, k=threshold))}</p>")
    parts.append("</header>")
    parts.append(_key_figures(data, lang, threshold))
    parts.append(_figure(L.t("by_phase", lang), bar_chart(
        _items(data["by_phase"], lambda k: L.phase(k, lang)), title=L.t("by_phase", lang),
        hidden_label=f"<{threshold}")))
    if scope is None:
        rows = data["by_district_and_phase"]["row_totals"]
        items = [(L.district(d, lang), c["value"]) for d, c in rows.items()]
        parts.append(_figure(L.t("by_district", lang), bar_chart(
            items, title=L.t("by_district", lang), hidden_label=f"<{threshold}")))
    parts.append(_figure(L.t("by_theme", lang), bar_chart(
        _items(data["by_theme"], lambda k: L.theme(k, lang)), title=L.t("by_theme", lang),
        hidden_label=f"<{threshold}")))
    kinds = data["actors_by_kind"]["rows"]
    parts.append(_figure(L.t("actors_by_kind", lang), bar_chart(
        [(L.actor_kind(k, lang), row["active"]["value"]) for k, row in kinds.items()],
        title=L.t("actors_by_kind", lang), hidden_label=f"<{threshold}")))
    parts.append(_figure(L.t("goal_progress", lang), progress_bars(
        _visible_goals(figures["goal_progress"], viewer), title=L.t("goal_progress", lang))))
    points = _reality_check_trend(
        figures["quarters"], lambda districts: viewer.exact(scope) or viewer.exact_everywhere_in(districts),
        threshold)
    parts.append(_figure(f"{L.t('trend', lang)}: {L.t('reality_check', lang)} (1–5)", line_chart(
        points, title=f"{L.t('trend', lang)}: {L.t('reality_check', lang)}")))
    parts.append(_indicators(data, lang, threshold))
    return document(title, "\n".join(parts), lang)


def _items(table: dict, label) -> list[tuple[str, int | None]]:
    return [(label(k), c["value"]) for k, c in table["cells"].items()]


def _figure(caption: str, svg: str) -> str:
    return f"<figure><figcaption>{h(caption)}</figcaption>{svg}</figure>"


def _key_figures(data: dict, lang: str, threshold: int) -> str:
    cards = [
        (L.t("initiatives", lang), count(data["initiatives"], lang, threshold)),
        (L.t("goals_reached", lang), count(data["goals"]["cells"]["reached"], lang, threshold)),
        (L.t("results", lang), count(data["results"]["total"], lang, threshold)),
        (L.t("ripple_count", lang), count(data["ripple_effects"], lang, threshold)),
        (L.t("median_days_to_close", lang),
         count(data["time_to_close"]["median_days"], lang, threshold)),
    ]
    body = "".join(f"<div class=\"card\"><div class=\"value\">{h(v)}</div>{h(k)}</div>"
                   for k, v in cards)
    return f"<h2>{h(L.t('key_figures', lang))}</h2><div class=\"grid\">{body}</div>"


def _visible_goals(items: list, viewer: Viewer) -> list[tuple[str, float | None]]:
    """The first MAX_GOALS bars the viewer may see (figures stored before the bars named
    their initiative are lists, shown to nobody)."""
    shown = [(i["label"], i["progress_pct"]) for i in items
             if isinstance(i, dict) and viewer.shows(i["district"], i["initiative_id"])]
    return shown[:MAX_GOALS]


def _reality_check_trend(quarters: dict[str, dict], exact: Callable[[Iterable[str]], bool],
                         threshold: int) -> list[tuple[str, float]]:
    """Mean reality-check score per quarter. A quarter with fewer checks than the threshold
    is left out unless the viewer sees the districts it comes from exactly (``exact``), so
    no single platform's score shows."""
    points = []
    for quarter in sorted(quarters):
        figures = quarters[quarter]
        if figures["checks"] < threshold and not exact(figures["by_district"]):
            continue
        points.append((quarter, figures["mean"]))
    return points


def _indicators(data: dict, lang: str, threshold: int) -> str:
    groups = data["shared_indicators"]
    if not groups:
        return ""
    out = [f"<h2>{h(L.t('shared_indicators', lang))}</h2>"]
    for group in groups:
        out.append(f"<h3>{h(L.indicator(group, lang))} ({count(group['initiatives'], lang, threshold)})"
                   f"</h3>")
        if not group["rows"]:
            continue
        out.append(f"<table><tr><th>{h(L.t('initiatives', lang))}</th>"
                   f"<th>{h(L.t('baseline', lang))}</th><th>{h(L.t('latest', lang))}</th>"
                   f"<th>{h(L.t('target', lang))}</th><th>{h(L.t('change', lang))}</th></tr>")
        for row in group["rows"]:
            change = row["change_pct"]
            out.append(
                f"<tr><td>{h(row['title'])} ({h(L.district(row['district'], lang))})</td>"
                f"<td class=\"num\">{h(count(row['baseline_value'], lang, threshold))}</td>"
                f"<td class=\"num\">{h(count(row['latest_value'], lang, threshold))}</td>"
                f"<td class=\"num\">{h(count(row['target_value'], lang, threshold))}</td>"
                f"<td class=\"num\">{h(number(change, lang) + ' %' if change is not None else '–')}"
                f"</td></tr>")
        out.append("</table>")
    return "\n".join(out)
