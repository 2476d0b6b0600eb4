"""The query side of reporting: each query gets a ``ReadModels`` port, validates its payload
and decides on each initiative from the caller's grants (domain/viewer.py, the shared
policy of docs/access.md): lists, the catalogue and the exports hold only the initiatives
the caller may read (filtered in the store query); one initiative the caller may not read
is not found. Aggregated figures (roll-ups, the dashboard) are for every caller, with
counts derived from persons shown exactly only where the caller sees exact figures and no
initiative text from initiatives it may not read. Roll-ups, the dashboard and the exports
read the compact summaries and the per-scope figures (computed once, then shown per
caller); the initiative view and the catalogue read the models.
"""
from __future__ import annotations

from samskab_contracts.access import require_on_initiative
from samskab_contracts.commands.reporting import (
    CatalogueQuery,
    DocumentQuery,
    ExportQuery,
    InitiativeQuery,
    LessonQuery,
    ReportListQuery,
    ScopeQuery,
)
from samskab_infra.context import Context
from samskab_infra.errors import NotFound
from samskab_infra.validation import load as _load

from ..domain.rollup import phase_table, present
from ..domain.viewer import Viewer
from ..domain.views import initiative_view
from ..rendering import exports, learning
from ..rendering.catalogue import catalogue_html, catalogue_markdown
from ..rendering.dashboard import dashboard_page
from .ports import ReadModels

HTML = "text/html; charset=utf-8"
LESSON_FIELDS = ("initiative_id", "title", "district", "themes", "created_at", "lessons")
LIST_FIELDS = ("initiative_id", "title", "district", "themes", "phase", "status", "created_at", "districts",
               "scope")
KNOWN_FIELDS = ("initiative_id", "title", "district", "inspired_by")
"""What the catalogue needs of every initiative the reader may read to say who inspired whom."""
INFLUENCE_FIELDS = ("gini", "top20_share", "imbalanced")
"""The influence balance per initiative in the list: measures only, no actor counts (those
are suppressed outside the district and shown in the initiative view)."""


def list_initiatives(models: ReadModels, payload: dict, ctx: Context) -> dict:
    """A compact, paged list of the initiatives the caller may read (for the overview), from
    the initiatives' compact summaries: the store filters and pages, so a page costs the
    same however many initiatives there are."""
    query = _load(ReportListQuery, payload)
    limit = query["limit"]
    found = models.summary_page(Viewer(ctx.principal).visibility, district=query["district"],
                                phase=query["phase"], theme=query["theme"],
                                after=query["cursor"], limit=limit + 1)
    page = found[:limit]
    next_cursor = page[-1]["initiative_id"] if len(found) > limit else None
    # a summary written before its InitiativeCreated arrived is not shown yet (the page may
    # then be one short; the cursor still follows the store's order)
    return {"items": [_list_item(m) for m in page if m.get("created_at")],
            "next_cursor": next_cursor}


def _list_item(model: dict) -> dict:
    influence = model.get("influence") or {}
    return {**{k: model.get(k) for k in LIST_FIELDS},
            "influence": {k: influence.get(k) for k in INFLUENCE_FIELDS}}


def get_initiative(models: ReadModels, payload: dict, ctx: Context) -> dict:
    query = _load(InitiativeQuery, payload)
    initiative_id = query["initiative_id"]
    model = models.initiative(initiative_id)
    if model is None or not model.get("created_at"):
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    require_on_initiative(ctx.principal, "read", model.get("district"), initiative_id,
                          participating=model.get("participating_districts") or ())
    viewer = Viewer(ctx.principal)
    return initiative_view(model, exact=viewer.exact_for_model(model), directory=models.actors(),
                           now=ctx.current_time())


def get_rollup(models: ReadModels, payload: dict, ctx: Context) -> dict:
    query = _load(ScopeQuery, payload)
    return present(models.figures(query["district"])["rollup"], scope=query["district"],
                   viewer=Viewer(ctx.principal))


def get_catalogue(models: ReadModels, payload: dict, ctx: Context) -> dict:
    query = _load(CatalogueQuery, payload)
    viewer = Viewer(ctx.principal)
    render, content_type = ((catalogue_html, HTML) if query["format"] == "html"
                            else (catalogue_markdown, "text/markdown; charset=utf-8"))
    chosen = models.initiatives(query["district"], visibility=viewer.visibility)
    known = {m["initiative_id"]: m for m in models.initiatives(None, fields=KNOWN_FIELDS,
                                                                visibility=viewer.visibility)}
    body = render(chosen, models.actors(), scope=query["district"], viewer=viewer,
                  lang=query["lang"], generated_at=ctx.now, known=known)
    return {"content_type": content_type, "body": body}


def find_lessons(models: ReadModels, payload: dict, ctx: Context) -> dict:
    """Lessons across the initiatives the caller may read (the national centre: all), by
    district, theme, phase, kind and words of the text; paged by position."""
    query = _load(LessonQuery, payload)
    chosen = models.initiatives(query["district"], fields=LESSON_FIELDS,
                                visibility=Viewer(ctx.principal).visibility)
    found = learning.find_lessons([m for m in chosen if m.get("created_at")], query)
    start = int(query["cursor"] or 0)
    end = start + query["limit"]
    return {"items": found[start:end], "next_cursor": str(end) if end < len(found) else None}


def get_dashboard(models: ReadModels, payload: dict, ctx: Context) -> dict:
    query = _load(DocumentQuery, payload)
    figures = models.figures(query["district"])
    body = dashboard_page(figures["rollup"], figures["dashboard"], scope=query["district"],
                          viewer=Viewer(ctx.principal), lang=query["lang"], generated_at=ctx.now)
    return {"content_type": HTML, "body": body}


def get_export(models: ReadModels, payload: dict, ctx: Context) -> dict:
    """Open data: the initiatives the caller may read, person counts suppressed for everyone."""
    query = _load(ExportQuery, payload)
    name, scope = query["name"], query["district"]
    viewer = Viewer(ctx.principal).as_open_data()
    if name == "rollup":
        rows = exports.long_form(present(models.figures(scope)["rollup"], scope=scope,
                                         viewer=viewer), scope)
    else:
        build = exports.EXPORTS[name][0]
        rows = build(models.summaries(scope, visibility=viewer.visibility), scope=scope,
                     viewer=viewer)
    content_type = ("text/csv; charset=utf-8" if query["format"] == "csv"
                    else "application/json; charset=utf-8")
    filename = f"samskab-{name}-{scope or 'national'}.{query['format']}"
    return {"content_type": content_type, "filename": filename,
            "body": exports.render(name, query["format"], rows)}


def phase_counts(models: ReadModels) -> dict[str, int]:
    """Initiatives by phase for the Prometheus business metrics gauge (from the national
    figures: this runs every 30 s)."""
    return phase_table(models.figures(None)["rollup"]["by_phase"])
