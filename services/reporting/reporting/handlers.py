"""Use cases of the reporting service as plain functions (service.py only delegates here).

Event side: ``project_event`` applies one envelope to the read-model documents it
targets, through AggregateStore-like stores (one per collection), and stores any
event the step raises in the same document write (the outbox). An initiative's
compact summary is written right after its model.

Query side: each query gets a ``ReadModels`` port, validates its payload and
decides on each initiative from the caller's grants (domain/viewer.py, the
shared policy of docs/access.md): lists, the catalogue and the exports hold only
the initiatives the caller may read (filtered in the store query); one
initiative the caller may not read is not found. Aggregated figures (roll-ups,
the dashboard) are for every caller, with counts derived from persons shown
exactly only where the caller sees exact figures and no initiative text from
initiatives it may not read. Roll-ups, the dashboard and the exports read the
compact summaries and the per-scope figures (computed once, then shown per
caller); the initiative view and the catalogue read the models.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from samskab_contracts.access import Visibility, require_on_initiative
from samskab_contracts.commands.reporting import CatalogueQuery, DocumentQuery, ExportQuery, InitiativeQuery, ScopeQuery
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import NotFound
from samskab_infra.saving import AggregatePort, Decision, jittered_pause, save_command
from samskab_infra.validation import load as _load

from . import exports
from .domain.projections import directory
from .domain.projections.alerts import step as initiative_step
from .domain.projections.state import ACTORS, INITIATIVES, SUMMARIES, targets
from .domain.rollup import phase_table, present
from .domain.viewer import Viewer
from .domain.views import initiative_view
from .rendering.catalogue import catalogue_html, catalogue_markdown
from .rendering.dashboard import dashboard_page

HTML = "text/html; charset=utf-8"
Store = AggregatePort
PROJECTION_ATTEMPTS = 60
"""Compare-and-set attempts of one projection write. No caller waits on a projection,
and a busy initiative's document changes with every member and measurement, so it
tries far longer than a command (saving.ATTEMPTS); with the jittered pauses (at most
0.25 s each) that is up to about 15 s. When even that is lost, save_command raises
ServiceUnavailable and the consumer sends the event to the retry queue: it is applied
later, never dropped."""
pause_between_attempts = jittered_pause


class Summaries(Protocol):
    def put(self, initiative_id: str, model: dict, version: int) -> bool: ...


class ReadModels(Protocol):
    def initiatives(self, district: str | None = None, fields: tuple[str, ...] | None = None,
                    visibility: Visibility | None = None) -> list[dict]: ...
    def initiative(self, initiative_id: str) -> dict | None: ...
    def summaries(self, district: str | None = None,
                  visibility: Visibility | None = None) -> list[dict]: ...
    def summary_page(self, visibility: Visibility, *, district: str | None = None,
                     phase: str | None = None, theme: str | None = None,
                     after: str | None = None, limit: int = 50) -> list[dict]: ...
    def figures(self, scope: str | None) -> dict: ...
    def actors(self) -> dict[str, dict]: ...
    def actor(self, actor_id: str) -> dict | None: ...


def project_event(stores: Mapping[str, Store | Summaries], envelope: dict, *,
                  emit: bool = True, **options: float) -> list[Envelope]:
    """Apply one envelope; returns the envelopes it raised (already in the outbox).

    ``stores`` holds a store per read model and ``SUMMARIES``, where each initiative
    model's summary goes once the model is written (and again for a duplicate, which
    repairs a summary a crash left behind). ``emit=False`` updates the documents
    without raising anything: for a read-model generation that is still being built
    (the active one raises the events)."""
    raised: list[Envelope] = []
    for collection, doc_id in targets(envelope):
        model, version, events = _apply_with_retry(stores[collection], collection, doc_id,
                                                   envelope, emit, options)
        if collection == INITIATIVES and model is not None:
            stores[SUMMARIES].put(doc_id, model, version)
        raised += events
    return raised


def _apply_with_retry(store: Store, collection: str, doc_id: str, envelope: dict, emit: bool,
                      options: dict) -> tuple[dict | None, int, list[Envelope]]:
    """(the stored model, its version, the raised envelopes), through the shared save
    path: a competing writer's change is read and the envelope applied to it again."""
    written: tuple[dict | None, list[Envelope]] = (None, [])

    def decide(current: dict | None) -> Decision:
        nonlocal written
        if collection == INITIATIVES:
            model, events = initiative_step(current, envelope, **options)
        else:
            model, events = directory.apply(current, envelope), []
        if model is current:
            written = (current, [])
            return Decision(None)
        wrapped = [Envelope.wrap(e, correlation_id=envelope.get("correlation_id"),
                                 causation_id=envelope.get("event_id"),
                                 district=model.get("district"))
                   for e in (events if emit else [])]
        written = (model, wrapped)
        return Decision(model, wrapped)

    saved = save_command(store, doc_id, decide, attempts=PROJECTION_ATTEMPTS,
                         pause=lambda attempt: pause_between_attempts(attempt))
    model, wrapped = written
    return model, saved.version or 0, wrapped


def get_initiative(models: ReadModels, payload: dict, ctx: Context) -> dict:
    query = _load(InitiativeQuery, payload)
    initiative_id = query["initiative_id"]
    model = models.initiative(initiative_id)
    if model is None or not model.get("created_at"):
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    require_on_initiative(ctx.principal, "read", model.get("district"), initiative_id)
    viewer = Viewer(ctx.principal)
    return initiative_view(model, exact=viewer.exact_for_model(model), directory=models.actors(),
                           now=ctx.now)


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
    body = render(chosen, models.actors(), scope=query["district"], viewer=viewer,
                  lang=query["lang"], generated_at=ctx.now)
    return {"content_type": content_type, "body": body}


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


def erased_actor(models: ReadModels, envelope: dict) -> str | None:
    """The actor whose names must go from the event log after this envelope: the one it names,
    when that is ActorErased or the actor's directory entry is erased (an event about an
    erased actor may arrive after the erasure)."""
    actor_id = (envelope.get("data") or {}).get("actor_id")
    if not isinstance(actor_id, str):
        return None
    if envelope.get("type") == "ActorErased":
        return actor_id
    entry = models.actor(actor_id)
    return actor_id if entry and entry.get("erased") else None


__all__ = ["ACTORS", "INITIATIVES", "SUMMARIES", "project_event", "get_initiative",
           "get_rollup", "get_catalogue", "get_dashboard", "get_export", "phase_counts",
           "erased_actor"]
