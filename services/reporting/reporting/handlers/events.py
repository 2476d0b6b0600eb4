"""The event side of reporting: each envelope is logged and applied to the read-model
documents it targets, through AggregateStore-like stores (one per collection); any event
the step raises is stored in the same document write (the outbox). An initiative's
compact summary is written right after its model.

Store operations for one event in the live projection: per document, one read and one
compare-and-set write (an insert without the read for the event that creates it,
state.creates); for an initiative, its summary and a write marking its roll-up scopes
changed; last, the event-log entry, which is also the record that the event was handled
(the consumer neither asks nor writes a de-duplication record of its own). The scopes'
mark and the log entry are shared by the events handled at the same moment
(adapters/live_writes.py). The generation pointer is cached (generations.PointerCache), and
whether an actor is erased is read from the directory entry just written when the event
targets it. A crash between these writes converges: the consumer redelivers until the
message is acknowledged, after the log entry, and every write is idempotent or repairs what
the last one missed."""
from __future__ import annotations

from collections.abc import Mapping

from samskab_infra.envelope import Envelope
from samskab_infra.saving import Decision, jittered_pause, save_command

from ..adapters import event_log
from ..adapters.stores import ReportingStores
from ..domain.projections import directory
from ..domain.projections.alerts import step as initiative_step
from ..domain.projections.state import ACTORS, INITIATIVES, SUMMARIES, creates, targets
from .ports import ReadModels, Store, Summaries

PROJECTION_ATTEMPTS = 60
"""Compare-and-set attempts of one projection write. No caller waits on a projection,
and a busy initiative's document changes with every member and measurement, so it
tries far longer than a command (saving.ATTEMPTS); with the jittered pauses (at most
0.25 s each) that is up to about 15 s. When even that is lost, save_command raises
ServiceUnavailable and the consumer sends the event to the retry queue: it is applied
later, never dropped."""
pause_between_attempts = jittered_pause


def on_event(stores: ReportingStores, envelope: Envelope) -> bool:
    """Log the envelope, apply it to every generation it must reach, and forget an erased
    actor's names in the event log. False for a redelivery (already in the event log),
    which is applied again all the same: the read models remember what they applied, and
    a crash may have come between the log and them."""
    raw = envelope.to_dict()
    written: dict[tuple[str, str], dict | None] = {}
    reached = set()
    for number, emit in stores.target_generations():
        _project(stores.generation(number), raw, emit, {}, written if emit else {})
        reached.add(number)
    # Logged last: the entry is the record that the event was handled (the consumer writes
    # none of its own, see service.py), shared with the other events of the moment.
    new = stores.writes.log(raw)
    # A rebuild that began after the generations above were read may have read the log for
    # its catch-up before this entry was in it: such a generation gets the event here, from
    # a pointer read after the entry was written (docs/reporting.md, rebuild step 3).
    for number, emit in stores.target_generations():
        if number not in reached:
            _project(stores.generation(number), raw, emit, {}, {})
    erased = erased_actor(stores.read_models(), raw, written)
    if erased:
        event_log.erase_names(stores.db, erased)
    return new


def project_event(stores: Mapping[str, Store | Summaries], envelope: dict, *,
                  emit: bool = True, **options: float) -> list[Envelope]:
    """Apply one envelope; returns the envelopes it raised (already in the outbox).

    ``stores`` holds a store per read model and ``SUMMARIES``, where each initiative
    model's summary goes once the model is written (and again for a duplicate, which
    repairs a summary a crash left behind). ``emit=False`` updates the documents
    without raising anything: for a read-model generation that is still being built
    (the active one raises the events)."""
    return _project(stores, envelope, emit, options, {})


def _project(stores: Mapping[str, Store | Summaries], envelope: dict, emit: bool, options: dict,
             written: dict[tuple[str, str], dict | None]) -> list[Envelope]:
    """project_event, noting in ``written`` each target's model as stored after it."""
    raised: list[Envelope] = []
    for collection, doc_id in targets(envelope):
        model, version, events = _apply_with_retry(stores[collection], collection, doc_id,
                                                   envelope, emit, options)
        if collection == INITIATIVES and model is not None:
            stores[SUMMARIES].put(doc_id, model, version)
        written[(collection, doc_id)] = model
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

    # The event that creates a document inserts it without reading first; a redelivery, or an
    # event that came before it, finds it there and is applied to it (saving: creates).
    saved = save_command(store, doc_id, decide, attempts=PROJECTION_ATTEMPTS,
                         creates=creates(collection, envelope),
                         pause=lambda attempt: pause_between_attempts(attempt))
    model, wrapped = written
    return model, saved.version or 0, wrapped


def erased_actor(models: ReadModels, envelope: dict,
                 written: Mapping[tuple[str, str], dict | None] | None = None) -> str | None:
    """The actor whose names must go from the event log after this envelope: the one it names,
    when that is ActorErased or the actor's directory entry is erased (an event about an
    erased actor may arrive after the erasure). ``written``: the models the envelope was
    just projected into, by (collection, id); the actor's entry is read only when the
    envelope did not target it."""
    actor_id = (envelope.get("data") or {}).get("actor_id")
    if not isinstance(actor_id, str):
        return None
    if envelope.get("type") == "ActorErased":
        return actor_id
    key = (ACTORS, actor_id)
    entry = written[key] if written is not None and key in written else models.actor(actor_id)
    return actor_id if entry and entry.get("erased") else None
