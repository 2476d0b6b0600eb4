"""Rebuild every read model from the event log into a new generation, then switch to it.

Steps (the service keeps answering from the active generation throughout):

1. ``begin``: claim generation N+1 in the pointer. Within ``POINTER_TTL_S`` every
   service applies each new event to N+1 as well (without raising events).
2. Full pass: read the whole event log (in big batches, the next fetched while this
   one is grouped), group it per document, fold each document from scratch in memory
   and insert the new documents of N+1 (with each initiative's compact summary beside
   it) in few big unordered ``insert_many`` calls, on a writer thread while the next
   chunk is folded. A document a service already wrote there is merged, not
   overwritten: projections are idempotent and order-independent.
3. Catch-up: once ``GRACE_S`` has passed since step 1, re-apply every event logged
   since shortly before step 1. Together with the services' double writes this
   leaves no event out of N+1, whatever the interleaving.
4. ``switch``: one compare-and-set on the pointer makes N+1 active. Then the log forgets
   the names of every actor the new directory has erased (``event_log.erase_names``), which
   repairs an erasure an older version applied to entries of the newer form (docs/operations.md,
   *Stored forms that change*); for every other actor there is nothing to change.
5. Retire: after ``GRACE_S`` (no service writes the old generation any more),
   drop every other generation whose outbox the relay has emptied.

Running it again rebuilds the same models into yet another generation.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
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
CHUNK = {state.INITIATIVES: 50, state.ACTORS: 1000}
"""New documents per ``insert_many`` of the full pass (an initiative model is tens of KB)."""
WRITES_AHEAD = 2
"""Folded chunks that may wait for the writer thread (bounds the memory they hold)."""


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
    scrubbed: int = 0
    """Log entries from which an erased actor's names were removed after the switch."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds of the full pass: ``read`` (the log read, decoded and grouped), ``fold`` (the
    projection), ``write`` (the inserts, on the writer thread: they overlap ``fold``),
    ``writing`` (the whole write phase); and of the ``catch_up``."""

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
    """Passes the envelopes of batches through, counting them on the progress bar."""

    def __init__(self, batches: Iterable[list[dict]], progress: Progress):
        self.batches = batches
        self.progress = progress
        self.count = 0

    def __iter__(self) -> Iterator[dict]:
        for batch in self.batches:
            self.count += len(batch)
            self.progress.advance(len(batch))
            yield from batch


class _ChunkWriter:
    """Inserts folded chunks of new documents on a thread of its own while the caller folds
    the next; at most ``WRITES_AHEAD`` chunks wait. ``seconds``: time spent in the inserts."""

    def __init__(self, stores: dict):
        self.stores = stores
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebuild-writer")
        self.waiting: deque[Future] = deque()
        self.seconds = 0.0
        self.scopes: set[str] = set()

    def submit(self, collection: str, models: dict[str, dict]) -> list[tuple[str, int, set]]:
        """Queue a chunk; returns the results of the chunks that had to be waited for."""
        self.waiting.append(self.pool.submit(self._insert, collection, models))
        return [self.waiting.popleft().result() for _ in range(len(self.waiting) - WRITES_AHEAD)]

    def drain(self) -> list[tuple[str, int, set]]:
        done = [future.result() for future in self.waiting]
        self.waiting.clear()
        return done

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _insert(self, collection: str, models: dict[str, dict]) -> tuple[str, int, set]:
        """(collection, documents, ids a service had written already: left to ``merge``)."""
        started = time.perf_counter()
        taken = self.stores[collection].create_many(models)
        if collection == state.INITIATIVES:
            self.scopes.update(self.stores[state.SUMMARIES].put_many(
                {doc_id: model for doc_id, model in models.items() if doc_id not in taken}, 1))
        self.seconds += time.perf_counter() - started
        return collection, len(models), taken


def _write_new(stores: dict, batches: dict[str, dict[str, list[dict]]], progress: Progress,
               timings: dict[str, float]) -> None:
    """The full pass's writes: each document folded from scratch and inserted in chunks; one a
    service wrote meanwhile is merged instead (``merge``)."""
    began = time.perf_counter()
    progress.start("writing read models", sum(len(docs) for docs in batches.values()))
    writer = _ChunkWriter(stores)
    results: list[tuple[str, int, set]] = []
    folding = 0.0
    try:
        for collection, docs in batches.items():
            ids = list(docs)
            for first in range(0, len(ids), CHUNK[collection]):
                started = time.perf_counter()
                models = {doc_id: state.fold(collection, None, docs[doc_id])
                          for doc_id in ids[first:first + CHUNK[collection]]}
                folding += time.perf_counter() - started
                done = writer.submit(collection, models)
                del models
                _advance(progress, done)
                results += done
        done = writer.drain()
        _advance(progress, done)
        results += done
    finally:
        writer.close()
    stores[state.SUMMARIES].mark(writer.scopes)
    for collection, _, taken in results:
        summaries = stores[state.SUMMARIES] if collection == state.INITIATIVES else None
        for doc_id in taken:
            merge(stores[collection], collection, doc_id, batches[collection][doc_id], summaries)
    progress.finish()
    timings.update(fold=folding, write=writer.seconds, writing=time.perf_counter() - began)


def _advance(progress: Progress, done: list[tuple[str, int, set]]) -> None:
    for _, written, _ in done:
        progress.advance(written)


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
    timings: dict[str, float] = {}
    began = time.monotonic()
    previous = generations.read_pointer(db).active
    pointer = generations.begin(db, utc_now_iso())
    generation = pointer.building
    stores = _stores(db, generation)
    try:
        generations.prepare(db, generation)
        started = time.perf_counter()
        progress.start("reading event log", event_log.count(db))
        with closing(event_log.history_batches(db)) as history:  # stops its reading thread
            logged = _Counted(history, progress)
            batches = state.group(logged)
        progress.finish()
        timings["read"] = time.perf_counter() - started
        _write_new(stores, batches, progress, timings)
        documents = {c: len(docs) for c, docs in batches.items()}
        del batches
        sleep(max(0.0, began + grace_s - time.monotonic()))
        started = time.perf_counter()
        fresh = list(event_log.logged_since(db, plus_seconds(pointer.building_since,
                                                             -CATCH_UP_MARGIN_S)))
        _write(stores, state.group(fresh), progress, "catching up")
        timings["catch_up"] = time.perf_counter() - started
        if not generations.switch(db, generation, utc_now_iso()):
            raise Superseded(f"generation {generation} was superseded by a newer rebuild")
    except BaseException:
        generations.abandon(db, generation)
        generations.drop(db, generation)
        raise
    scrubbed = scrub_erased(db, generation)  # N+1 is active now: a failure here must not drop it
    result = RebuildResult(generation=generation, previous=previous, events=logged.count,
                           caught_up=len(fresh), documents=documents,
                           seconds=time.monotonic() - began, timings=timings, scrubbed=scrubbed)
    sleep(grace_s)
    result.retired, result.kept = retire(db, retire_wait_s, sleep)
    return result


def scrub_erased(db: Database, generation: int) -> int:
    """Remove from the log the names of every actor erased in ``generation``'s directory;
    returns how many entries changed (none when every erasure was applied by this version)."""
    directory = db[generations.collection_name(state.ACTORS, generation)]
    return sum(event_log.erase_names(db, entry["_id"]) for entry in directory.find({"erased": True}, {"_id": 1}))


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
