"""Fixtures for the actors service's unit tests: in-memory stores, a known initiative."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from actors_samples import INITIATIVE, NOW, PLATFORM, PLATFORM_2

from actors import handlers
from samskab_contracts.events.initiatives import InitiativeCreated, PlatformEstablished
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import Context, Principal


@pytest.fixture
def stores() -> dict:
    return {"actors": InMemoryAggregateStore(), "memberships": InMemoryAggregateStore(),
            "initiatives": InMemoryAggregateStore()}


@pytest.fixture
def ctx() -> Context:
    return Context(correlation_id="corr-1", causation_id="cause-1", now=NOW)


@pytest.fixture
def known_initiative(stores: dict, ctx: Context) -> str:
    """An open initiative with two development platforms, as the events told us."""
    initiatives = stores["initiatives"]
    handlers.apply_initiative_created(
        initiatives, {**InitiativeCreated.example, "initiative_id": INITIATIVE}, "ev-created", ctx)
    for n, platform_id in enumerate((PLATFORM, PLATFORM_2)):
        handlers.apply_platform_established(
            initiatives, {**PlatformEstablished.example, "initiative_id": INITIATIVE,
                          "platform_id": platform_id}, f"ev-platform-{n}", ctx)
    return INITIATIVE


@pytest.fixture
def register(stores: dict, ctx: Context) -> Callable[..., dict]:
    def _register(payload: dict) -> dict:
        return handlers.register_actor(stores, payload, ctx)
    return _register


@pytest.fixture
def anchor_ctx() -> Context:
    principal = Principal.of(subject="jsn@politi.dk", role="anchor_person", district="nordjylland",
                          initiatives=(INITIATIVE,))
    return Context(correlation_id="corr-2", principal=principal, now=NOW)
