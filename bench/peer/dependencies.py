"""The peer's one piece of infrastructure: a MongoDB database per service.

As nameko-examples does it: the client is made in ``setup()`` and a worker gets the
service's own database (``<PEER_DB_PREFIX>_<service name>``).
"""
from __future__ import annotations

from nameko.extensions import DependencyProvider
from pymongo import MongoClient
from pymongo.database import Database


class MongoDatabase(DependencyProvider):
    """The service's own database, ``<PEER_DB_PREFIX>_<service name>``."""

    client: MongoClient | None = None

    def setup(self) -> None:
        config = self.container.config
        self.client = MongoClient(config["MONGO_URI"])
        self.database = self.client[f"{config['PEER_DB_PREFIX']}_{self.container.service_name}"]

    def stop(self) -> None:
        if self.client is not None:
            self.client.close()

    def get_dependency(self, worker_ctx: object) -> Database:
        return self.database
