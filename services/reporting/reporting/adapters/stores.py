"""Reporting's stores, made aware of read-model generations.

Reporting's read-model documents carry the events the projection raises (the
outbox), and those documents move to new collections with every rebuild. The
relay therefore publishes from every read-model collection present, of any
generation (``ReadModelCollections``, the provider's ``relayed_collections``), so an
event raised just before a switch still goes out before the old generation is
dropped. Workers get stores for the active generation and, while a rebuild runs,
for the generation being built.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from pymongo.database import Database

from samskab_contracts.partner import PARTNER_VIEWS
from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.grouped_inserts import InsertGroups
from samskab_infra.stores_provider import Stores, StoresProvider

from ..domain.projections.state import ACTORS, INITIATIVES, SUMMARIES
from . import event_log, generations
from .live_writes import LiveWrites
from .read_models import MongoReadModels
from .rollup_cache import FiguresMemo
from .summaries import SummaryStore

REFRESH_S = 1.0
log = logging.getLogger(__name__)


def ensure_indexes(db: Database) -> None:
    """Indexes of the collections outside the generations, and of generation 1's summaries
    (a rebuild prepares those of the generations it builds)."""
    event_log.ensure_indexes(db)
    generations.ensure_summary_index(db, 1)


def warn_without_summaries(db: Database) -> None:
    """A generation built before the compact summaries existed has models but no summaries:
    its roll-ups would count only the initiatives changed since. A rebuild writes them."""
    active = generations.read_pointer(db).active
    name = generations.collection_name
    if (db[name(INITIATIVES, active)].find_one({}, {"_id": 1}) is not None and
            db[name(SUMMARIES, active)].find_one({}, {"_id": 1}) is None):
        log.warning("read-model generation %s has no initiative summaries: run "
                    "`python -m reporting.rebuild` once", active)


def prepare_store(db: Database) -> None:
    """At start: the indexes, and a warning when the active generation lacks its summaries."""
    ensure_indexes(db)
    warn_without_summaries(db)


class ReadModelCollections:
    """The read-model collections of every generation in the store, listed again at most
    every ``refresh_s`` seconds (the relay asks before every pass)."""

    def __init__(self, refresh_s: float = REFRESH_S, clock: Callable[[], float] = time.monotonic):
        self.refresh_s = refresh_s
        self.clock = clock
        self._listed: tuple[str, list[str]] | None = None
        self._listed_at = float("-inf")

    def __call__(self, db: Database) -> list[str]:
        if (self._listed is None or self._listed[0] != db.name
                or self.clock() - self._listed_at >= self.refresh_s):
            found = generations.existing(db, generations.READ_MODELS)
            self._listed = (db.name, [name for names in found.values() for name in names])
            self._listed_at = self.clock()
        return self._listed[1]


class ReportingStores(Stores):
    """What a reporting worker gets: the generation-aware stores and read models."""

    def __init__(self, db: Database, collections: tuple[str, ...], wake: Callable[[], None] | None,
                 pointers: generations.PointerCache, memo: FiguresMemo, writes: LiveWrites | None = None,
                 inserts: InsertGroups | None = None):
        super().__init__(db, collections, wake, inserts)
        self.pointers = pointers
        self.memo = memo
        self.writes = writes or LiveWrites(db)

    def generation(self, generation: int) -> dict:
        """The stores ``project_event`` writes one generation through."""
        def name(base: str) -> str:
            return generations.collection_name(base, generation)

        def store(base: str) -> AggregateStore:
            collection = self.db[name(base)]
            return AggregateStore(collection, wake_relay=self.wake, inserts=self.inserts.of(collection))

        summaries = self.db[name(SUMMARIES)]
        return {INITIATIVES: store(INITIATIVES), ACTORS: store(ACTORS),
                SUMMARIES: SummaryStore(summaries, self.writes.revisions(self.db[name(generations.ROLLUPS)]),
                                        self.inserts.of(summaries))}

    def target_generations(self) -> list[tuple[int, bool]]:
        """(generation, emit) per generation an event must reach: the active one raises the
        events; one being built gets the same update without them."""
        pointer = self.pointers.get(self.db)
        targets = [(pointer.active, True)]
        if pointer.building and pointer.building != pointer.active:
            targets.append((pointer.building, False))
        return targets

    def active_generation(self) -> int:
        return self.pointers.get(self.db).active

    def read_models(self) -> MongoReadModels:
        return MongoReadModels(self.db, self.active_generation(), self.memo)


class ReportingStoresProvider(StoresProvider):
    """The shared StoresProvider over the read models: its relay publishes from every
    generation's read models; a worker gets ``ReportingStores``."""

    def __init__(self) -> None:
        super().__init__(*generations.READ_MODELS, index_setup=prepare_store,
                         relayed_collections=ReadModelCollections(), partner_views=PARTNER_VIEWS)

    def setup(self) -> None:
        super().setup()
        self.pointers = generations.PointerCache()
        self.memo = FiguresMemo()
        self.writes: LiveWrites | None = None

    def get_dependency(self, worker_ctx) -> ReportingStores:
        db = self.connection.database
        if self.writes is None:
            self.writes = LiveWrites(db)  # one for every worker: their writes go together
        return ReportingStores(db, self.collections, self.wake, self.pointers, self.memo, self.writes,
                               self.inserts)
