"""The shared outbox, made aware of read-model generations.

Reporting's read-model documents carry the events the projection raises (the
outbox), and those documents move to new collections with every rebuild. The
relay therefore publishes from every read-model collection present, of any
generation, so an event raised just before a switch still goes out before the
old generation is dropped. Workers get stores for the active generation and,
while a rebuild runs, for the generation being built.
"""
from __future__ import annotations

import time

from pymongo.database import Database

from samskab_common.outbox import AggregateStore, OutboxRelay
from samskab_common.relay import Outbox, Stores

from . import generations
from .read_models import MongoReadModels

REFRESH_S = 1.0


class GenerationalRelay(OutboxRelay):
    """Publishes from the read-model collections of every generation in the store."""

    def __init__(self, db: Database, publisher, batch_size: int = 200,
                 refresh_s: float = REFRESH_S):
        super().__init__([], publisher, batch_size)
        self.db = db
        self.refresh_s = refresh_s
        self._listed_at = float("-inf")

    def _refresh(self) -> None:
        if time.monotonic() - self._listed_at >= self.refresh_s:
            names = [n for found in generations.existing(self.db).values() for n in found]
            self.collections = [self.db[name] for name in names]
            self._listed_at = time.monotonic()

    def relay_once(self) -> int:
        self._refresh()
        return super().relay_once()

    def pending_count(self) -> int:
        self._refresh()
        return super().pending_count()


class ReportingStores(Stores):
    """What a reporting worker gets: the generation-aware stores and read models."""

    def __init__(self, db: Database, collections: tuple[str, ...], wake,
                 pointers: generations.PointerCache):
        super().__init__(db, collections, wake)
        self.wake = wake
        self.pointers = pointers

    def generation(self, generation: int) -> dict[str, AggregateStore]:
        return {base: AggregateStore(self.db[generations.collection_name(base, generation)],
                                     wake_relay=self.wake)
                for base in generations.READ_MODELS}

    def projection_targets(self) -> list[tuple[dict[str, AggregateStore], bool]]:
        """(stores, emit) per generation an event must reach: the active one raises the
        events; one being built gets the same update without them."""
        pointer = self.pointers.get(self.db)
        targets = [(self.generation(pointer.active), True)]
        if pointer.building and pointer.building != pointer.active:
            targets.append((self.generation(pointer.building), False))
        return targets

    def active_generation(self) -> int:
        return self.pointers.get(self.db).active

    def read_models(self) -> MongoReadModels:
        return MongoReadModels(self.db, self.active_generation())


class GenerationalOutbox(Outbox):
    def setup(self) -> None:
        super().setup()
        self.pointers = generations.PointerCache()

    def start(self) -> None:
        super().start()
        # Replaces the relay over the fixed collections; the loop reads self.relay afresh.
        self.relay = GenerationalRelay(self.connection.database, self.relay.publisher,
                                       batch_size=self.settings.relay_batch_size)

    def get_dependency(self, worker_ctx) -> ReportingStores:
        return ReportingStores(self.connection.database, self.collections, self.wake,
                               self.pointers)
