"""Rebuild every read model from the event log into a new generation, then switch to it.

Steps (the service keeps answering from the active generation throughout):

1. ``begin``: claim generation N+1 in the pointer. Within ``POINTER_TTL_S`` every
   service applies each new event to N+1 as well (without raising events).
2. Full pass: read the whole event log, group it per document, fold each batch
   into a document of N+1 (with each initiative's compact summary beside it). A
   document a service already wrote there is merged, not overwritten: projections
   are idempotent and order-independent.
3. Catch-up: once ``GRACE_S`` has passed since step 1, re-apply every event logged
   since shortly before step 1. Together with the services' double writes this
   leaves no event out of N+1, whatever the interleaving.
4. ``switch``: one compare-and-set on the pointer makes N+1 active.
5. Retire: after ``GRACE_S`` (no service writes the old generation any more),
   drop every other generation whose outbox the relay has emptied.

Running it again rebuilds the same models into yet another generation.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pymongo.database import Database

from samskab_infra.aggregate_store import AggregateStore, AlreadyExists, ConflictError
from samskab_infra.clock import plus_seconds, utc_now_iso
from samskab_infra.saving import jittered_pause

from ..domain.projections import state
from . import event_log, generations
from .progress import NoProgress, Progress
from .rollup_cache import Revisions
from .summaries import SummaryStore

ATTEMPTS = 20
CATCH_UP_MARGIN_S = 60.0
"""Events logged this long before the rebuild began are re-applied too (clock skew
between the service hosts and the rebuild's host; re-applying is harmless)."""
RETIRE_WAIT_S = 30.0


class Superseded(RuntimeError):
    """Another rebuild claimed a newer generation before this one could switch."""


@dataclass
class RebuildResult:
    generation: int
    previous: int
    events: int
    caught_up: int
    documents: dict[str, int]
    seconds: float
    retired: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


def merge(store: AggregateStore, collection: str, doc_id: str, batch: list[dict],
          summaries: SummaryStore | None = None) -> bool:
    """Fold ``batch`` into the stored document (created when absent); True when written.
    An initiative's summary goes to ``summaries`` (also when nothing was new: a service
    may have written the model there without its summary yet)."""
    current = None
    for attempt in range(ATTEMPTS):
        model = state.fold(collection, current, batch)
        if model is current:
            if summaries is not None and current is not None:
                summaries.put(doc_id, current, current["version"])
            return False
        try:
            if current is None:
                version = store.create(doc_id, model, [])
            else:
                version = store.update(doc_id, model, current["version"], [])
        except (AlreadyExists, ConflictError, KeyError):
            if attempt:  # the first miss only means "not read yet"; later ones are a live
                jittered_pause(attempt)  # service writing this document too: let it finish
            current = store.get(doc_id)
            continue
        if summaries is not None:
            summaries.put(doc_id, model, version)
        return True
    raise ConflictError(doc_id, None, None)


class _Counted:
    """Passes envelopes through, counting them on the progress bar."""

    def __init__(self, envelopes: Iterable[dict], progress: Progress):
        self.envelopes = envelopes
        self.progress = progress
        self.count = 0

    def __iter__(self) -> Iterator[dict]:
        for envelope in self.envelopes:
            self.count += 1
            self.progress.advance()
            yield envelope


def _write(stores: dict, batches: dict[str, dict[str, list[dict]]], progress: Progress,
           label: str) -> None:
    progress.start(label, sum(len(docs) for docs in batches.values()))
    for collection, docs in batches.items():
        summaries = stores[state.SUMMARIES] if collection == state.INITIATIVES else None
        for doc_id, batch in docs.items():
            merge(stores[collection], collection, doc_id, batch, summaries)
            progress.advance()
    progress.finish()


def _stores(db: Database, generation: int) -> dict:
    def name(base: str) -> str:
        return generations.collection_name(base, generation)

    return {**{base: AggregateStore(db[name(base)]) for base in generations.READ_MODELS},
            state.SUMMARIES: SummaryStore(db[name(state.SUMMARIES)],
                                          Revisions(db[name(generations.ROLLUPS)]))}


def rebuild(db: Database, *, progress: Progress | None = None,
            grace_s: float = generations.GRACE_S, retire_wait_s: float = RETIRE_WAIT_S,
            sleep: Callable[[float], None] = time.sleep) -> RebuildResult:
    progress = progress or NoProgress()
    began = time.monotonic()
    previous = generations.read_pointer(db).active
    pointer = generations.begin(db, utc_now_iso())
    generation = pointer.building
    stores = _stores(db, generation)
    try:
        generations.prepare(db, generation)
        progress.start("reading event log", event_log.count(db))
        logged = _Counted(event_log.history(db), progress)
        batches = state.group(logged)
        progress.finish()
        _write(stores, batches, progress, "writing read models")
        documents = {c: len(docs) for c, docs in batches.items()}
        del batches
        sleep(max(0.0, began + grace_s - time.monotonic()))
        fresh = list(event_log.logged_since(db, plus_seconds(pointer.building_since,
                                                             -CATCH_UP_MARGIN_S)))
        _write(stores, state.group(fresh), progress, "catching up")
        if not generations.switch(db, generation, utc_now_iso()):
            raise Superseded(f"generation {generation} was superseded by a newer rebuild")
    except BaseException:
        generations.abandon(db, generation)
        generations.drop(db, generation)
        raise
    result = RebuildResult(generation=generation, previous=previous, events=logged.count,
                           caught_up=len(fresh), documents=documents,
                           seconds=time.monotonic() - began)
    sleep(grace_s)
    result.retired, result.kept = retire(db, retire_wait_s, sleep)
    return result


def retire(db: Database, wait_s: float, sleep: Callable[[float], None]) -> tuple[list[int], list[int]]:
    """Drop generations that are neither active nor being built, once their outbox is empty;
    returns (dropped, kept because events were still waiting to be published)."""
    retired, kept = [], []
    deadline = time.monotonic() + wait_s
    for generation in sorted(generations.existing(db)):
        pointer = generations.read_pointer(db)
        if generation in (pointer.active, pointer.building):
            continue
        while generations.pending_outbox(db, generation) and time.monotonic() < deadline:
            sleep(0.2)
        if generations.pending_outbox(db, generation):
            kept.append(generation)
        else:
            generations.drop(db, generation)
            retired.append(generation)
    return retired, kept
