"""StoresProvider: gives each worker its ``Stores`` (an AggregateStore per owned collection) and
runs the outbox relay that publishes what those stores write (nameko extension)."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TypeAlias

import eventlet
from eventlet.event import Event as GreenEvent
from nameko.extensions import DependencyProvider
from pymongo.database import Database

from .aggregate_store import AggregateStore
from .envelope import Envelope
from .grouped_inserts import InsertGroups
from .handed_over import HandedOver
from .idempotency import ensure_indexes as ensure_processed_indexes
from .metrics import EVENTS_PUBLISHED, OUTBOX_PENDING, OUTBOX_PUBLISH_FAILURES
from .mongo import MongoConnection
from .nameko_types import WorkerContext
from .outbox_relay import OutboxRelay
from .partner_stream import PartnerStream, PartnerViews
from .publisher import ConfirmingPublisher, PublishFailed
from .settings import load_settings
from .store_outage import STORE_UNAVAILABLE_ERRORS, Backoff

log = logging.getLogger(__name__)
MAX_BACKOFF_S = 30.0
STORE_BACKOFF = Backoff(initial_s=0.5, cap_s=5.0)
MAX_IDLE_POLL_S = 5.0

RelayedCollections: TypeAlias = Callable[[Database], Iterable[str]]
"""Asked before every relay pass: the names of the collections whose documents carry an
outbox now (by default the provider's own collections)."""


class Stores:
    """What a worker gets: an AggregateStore per owned collection, plus the database."""

    def __init__(self, db: Database, collections: tuple[str, ...], wake: Callable[[], None] | None,
                 inserts: InsertGroups | None = None, handed: HandedOver | None = None):
        self.db = db
        self.wake = wake
        self.inserts = inserts or InsertGroups()
        hand_over = handed.add if handed is not None else None
        self._stores = {name: AggregateStore(db[name], wake_relay=wake, inserts=self.inserts.of(db[name]),
                                             hand_over=hand_over)
                        for name in collections}

    def __getitem__(self, name: str) -> AggregateStore:
        return self._stores[name]


class CountingPublisher:
    def __init__(self, inner: ConfirmingPublisher, service: str):
        self.inner = inner
        self.service = service

    def publish_batch(self, envelopes: Sequence[Envelope]) -> None:
        self.inner.publish_batch(envelopes)
        for envelope in envelopes:
            EVENTS_PUBLISHED.labels(self.service, envelope.type).inc()
            log.info("published %s", envelope.type, extra={
                "correlation_id": envelope.correlation_id, "event_id": envelope.event_id,
                "event_type": envelope.type, "service": self.service})


class StoresProvider(DependencyProvider):
    """Aggregate stores whose writes carry their events, and the relay that
    publishes them. ``SAMSKAB_RELAY_ENABLED=0`` runs a service without its relay
    (another instance, or the crash test, publishes instead).

    ``index_setup(db)`` runs at start, after the stores' own indexes. ``relayed_collections``
    says which collections the relay publishes from when they are not a fixed set (for
    example read models rebuilt into new collections). ``partner_views`` (the published
    language's, samskab_contracts.partner) decide what of each event goes to partners;
    without them nothing does."""

    connection = MongoConnection()

    def __init__(self, *collections: str, index_setup: Callable[[Database], None] | None = None,
                 relayed_collections: RelayedCollections | None = None,
                 partner_views: PartnerViews | None = None):
        self.collections = collections
        self.index_setup = index_setup
        self.relayed_collections = relayed_collections
        self.partner_views: PartnerViews = partner_views if partner_views is not None else {}
        self._wakeup = GreenEvent()
        self._running = False
        self._thread = None

    def setup(self) -> None:
        self.settings = load_settings(self.container.config)
        self.service = self.container.service_name
        partner = PartnerStream.from_settings(self.settings, self.partner_views)
        self.publisher = ConfirmingPublisher(self.settings.amqp_uri, self.settings.events_exchange,
                                             partner=partner)
        self.enabled = os.environ.get("SAMSKAB_RELAY_ENABLED", "1") != "0"
        self.inserts = InsertGroups()  # every worker's: aggregates created together, inserted together
        self.handed = HandedOver()  # every worker's writes, handed to this process's relay

    def start(self) -> None:
        db = self.connection.database
        ensure_processed_indexes(db)
        for name in self.collections:
            AggregateStore(db[name]).ensure_indexes()
        if self.index_setup is not None:
            self.index_setup(db)
        self.relay = OutboxRelay(
            lambda: [db[name] for name in self._relayed_names(db)],
            CountingPublisher(self.publisher, self.service),
            batch_size=self.settings.relay_batch_size,
            handed=self.handed,
            read_every_s=self.settings.relay_interval_ms / 1000,
        )
        if self.enabled:
            self._running = True
            self._thread = self.container.spawn_managed_thread(self._run, identifier="outbox-relay")

    def stop(self) -> None:
        self._running = False
        self.wake()
        if self._thread is not None:
            self._thread.wait()
        self.publisher.close()

    def kill(self) -> None:
        self._running = False
        self.publisher.close()

    def wake(self) -> None:
        if not self._wakeup.ready():
            self._wakeup.send(True)

    def get_dependency(self, worker_ctx: WorkerContext) -> Stores:
        # Without a relay here (another instance publishes) nothing would take them.
        return Stores(self.connection.database, self.collections, self.wake, self.inserts,
                      self.handed if self.enabled else None)

    def _relayed_names(self, db: Database) -> Iterable[str]:
        if self.relayed_collections is None:
            return self.collections
        return self.relayed_collections(db)

    def _run(self) -> None:
        backoff = 0.5
        store_delays = STORE_BACKOFF.delays()
        idle = self.settings.relay_interval_ms / 1000
        availability = self.connection.availability
        while self._running:
            try:
                sent = self.relay.relay_once()
                OUTBOX_PENDING.labels(self.service).set(self.relay.pending_count())
                availability.regained()
                backoff, store_delays = 0.5, STORE_BACKOFF.delays()
            except PublishFailed as exc:
                OUTBOX_PUBLISH_FAILURES.labels(self.service).inc()
                log.warning("outbox publish failed, retrying in %.1fs: %s", backoff, exc)
                eventlet.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            except STORE_UNAVAILABLE_ERRORS as exc:
                if not self._running:
                    break
                # Capped lower than a broker failure: the events wait in the store, and the
                # relay should notice its return within seconds.
                availability.lost("relay", exc)
                self._wakeup.wait(next(store_delays))
                self._wakeup = GreenEvent()
                continue
            except Exception:  # noqa: BLE001 - keep the relay alive whatever the cause
                if not self._running:
                    break  # stopping: the store client is being closed under us
                log.exception("outbox relay error, retrying in %.1fs", backoff)
                eventlet.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            interval = self.settings.relay_interval_ms / 1000
            if self.relay.pending_count() >= self.relay.batch_size:
                idle = interval
                continue  # a full batch went out: more may be waiting
            # Everything pending when the pass read the store went out. Writes in this
            # process wake the relay at once (also those made during the pass); the poll
            # only catches events left by another process (a crash, a restart), so it slows
            # down while idle instead of scanning the store several times a second.
            self._wakeup.wait(idle)
            woken = self._wakeup.ready()
            if woken and self.settings.relay_linger_ms:
                eventlet.sleep(self.settings.relay_linger_ms / 1000)  # the writes of the same moment
            self._wakeup = GreenEvent()
            idle = interval if woken or sent else min(idle * 2, MAX_IDLE_POLL_S)
