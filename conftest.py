"""Root test configuration: eventlet is monkey-patched before anything else is
imported (nameko 2.14's plugin no longer does it); the fixtures here give
every test real infrastructure."""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import uuid  # noqa: E402

import pytest  # noqa: E402

import samskab_contracts.events  # noqa: F401, E402  (registers every event type)
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402


@pytest.fixture(scope="session")
def embedded_store():
    """One in-memory nx-27017 for the session; tests separate by database prefix."""
    store = EmbeddedStore().start()
    yield store
    store.stop()


@pytest.fixture
def mongo_uri(embedded_store) -> str:
    import os

    return os.environ.get("TEST_MONGO_URI") or embedded_store.uri


@pytest.fixture
def db_prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
def mongo_client(mongo_uri):
    from samskab_infra.mongo import make_client

    client = make_client(mongo_uri)
    yield client
    client.close()


@pytest.fixture
def counted_db(mongo_uri, db_prefix):
    """(service label, database) on a client whose store operations are counted under a label of
    their own (``samskab_store_operations_total``), for tests of what a path sends to the store."""
    from samskab_infra.mongo import make_client

    service = f"counted-{uuid.uuid4().hex[:8]}"
    client = make_client(mongo_uri, service=service)
    db = client[f"{db_prefix}_counted"]
    yield service, db
    client.drop_database(db.name)
    client.close()


@pytest.fixture
def service_config(rabbit_config, mongo_uri, db_prefix) -> dict:
    """nameko config for in-process containers: own vhost, own databases, fast retries."""
    return {
        **rabbit_config,
        "MONGO_URI": mongo_uri,
        "SAMSKAB_DB_PREFIX": db_prefix,
        "SAMSKAB_RETRY_DELAYS_MS": "100,300",
        "SAMSKAB_RELAY_INTERVAL_MS": "50",
        "serializer": "json",
    }
