"""The initiatives service in a nameko container over a real RabbitMQ (its own vhost)
and the root conftest's nx-27017, with an event tap declared before it starts."""
from __future__ import annotations

import pytest
from initiatives_rig import OPERATOR, Caller, EventTap

from initiatives.service import InitiativesService
from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.settings import load_settings


@pytest.fixture
def tap(service_config):
    events = EventTap(service_config["AMQP_URI"], load_settings(service_config).events_exchange)
    yield events
    events.close()


@pytest.fixture
def container(container_factory, service_config, tap):
    running = container_factory(InitiativesService, service_config)
    running.start()
    return running


@pytest.fixture
def operator(container, service_config) -> Caller:
    """A district operator of nordjylland, where the test initiatives live."""
    return Caller(service_config, OPERATOR)


@pytest.fixture
def caller(container, service_config):
    """``caller(principal)``: RPC as another principal."""
    return lambda principal: Caller(service_config, principal)


@pytest.fixture
def store(mongo_client, db_prefix) -> AggregateStore:
    """The service's own store, read directly to prove what was (not) written."""
    return AggregateStore(mongo_client[f"{db_prefix}_initiatives"]["initiatives"])
