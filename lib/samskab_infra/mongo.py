"""The store: one pymongo client per process, behind nameko extensions.

Only pymongo is spoken, so MONGO_URI may name a real MongoDB replica set or
the embedded nx-27017 server. We rely on single-document atomicity and
compare-and-set on scalar fields only (the gaps of nx-27017 are listed in
docs/store.md).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pymongo
from nameko.extensions import DependencyProvider, SharedExtension
from pymongo import MongoClient
from pymongo.collection import Collection
from pymongo.database import Database

from .nameko_types import WorkerContext
from .settings import load_settings
from .store_metrics import StoreOperationCounter
from .store_outage import StoreAvailability, availability_of

PING_TIMEOUT_S = 2.0

IndexSetup = Callable[[Database], None]


def store_answers(client: MongoClient, timeout_s: float = PING_TIMEOUT_S) -> bool:
    """A ping bounded by ``timeout_s`` (not the 5 s server selection), for probes
    and for waiters polling for the store's return."""
    try:
        with pymongo.timeout(timeout_s):
            client.admin.command("ping")
        return True
    except Exception:  # noqa: BLE001 - any failure means not reachable
        return False


class KeptCollections(Database):
    """A database that makes one Collection object per name and keeps it. pymongo's
    ``db[name]`` builds a new one every time (options resolved, codec options copied):
    the stores made for each worker asked for a dozen per event in reporting, a tenth of
    its CPU (issue 16's profiles). Collections are immutable and safe to share."""

    def __init__(self, client: MongoClient, name: str, **kwargs: Any) -> None:
        super().__init__(client, name, **kwargs)
        self._kept: dict[str, Collection] = {}

    def __getitem__(self, name: str) -> Collection:
        kept = self._kept.get(name)
        if kept is None:
            kept = self._kept[name] = super().__getitem__(name)
        return kept


def make_client(mongo_uri: str, service: str | None = None) -> MongoClient:
    """``service`` names the process in ``samskab_store_operations_total``; None counts nothing."""
    listeners = [] if service is None else [StoreOperationCounter(service)]
    return MongoClient(
        mongo_uri,
        event_listeners=listeners,
        serverSelectionTimeoutMS=5000,
        connectTimeoutMS=5000,
        tz_aware=True,
        retryWrites=False,
    )


class MongoConnection(SharedExtension):
    """One client per container, shared by every extension that needs the store."""

    _client: MongoClient | None = None

    @property
    def client(self) -> MongoClient:
        """Made on first use: extensions set up concurrently may need it before setup()."""
        if self._client is None:
            self._client = make_client(load_settings(self.container.config).mongo_uri,
                                       service=self.container.service_name)
        return self._client

    _database: Database | None = None

    @property
    def database(self) -> Database:
        """Asked by every worker: the settings are read once."""
        if self._database is None:
            name = load_settings(self.container.config).database_name(self.container.service_name)
            self._database = KeptCollections(self.client, name)
        return self._database

    @property
    def availability(self) -> StoreAvailability:
        return availability_of(self.container.service_name)

    def ping(self) -> bool:
        """Whether the store answers now; readiness probes and waiters use it."""
        reachable = store_answers(self.client)
        self.availability.observe(reachable)
        return reachable

    def kill(self) -> None:
        if self._client is not None:
            self._client.close()
        self._database = None

    def stop(self) -> None:
        self.kill()


class MongoDatabase(DependencyProvider):
    """Injects the service's own database; creates its indexes at start-up."""

    connection = MongoConnection()

    def __init__(self, index_setup: IndexSetup | None = None) -> None:
        self.index_setup = index_setup

    def start(self) -> None:
        if self.index_setup is not None:
            self.index_setup(self.connection.database)

    def get_dependency(self, worker_ctx: WorkerContext) -> Database:
        return self.connection.database
