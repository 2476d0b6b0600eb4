"""Shared steps of the webhook tests: register an endpoint, send an event to it."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from notifications.handlers.commands import register_endpoint
from notifications.handlers.events import handle_event
from samskab_dev.notification_events import actor_joined, initiative_created
from samskab_infra.context import Context, Principal

OWNER = "integration@hjoerring.dk"
RECEIVER_PATH = Path(__file__).resolve().parents[4] / "examples" / "webhook-receiver" / "receiver.py"


def partner(now: str | None = None, subject: str = OWNER, role: str = "partner",
            district: str | None = "nordjylland") -> Context:
    return Context(correlation_id="corr-test", principal=Principal.of(subject, role, district=district),
                   now=now)


def register(stores, settings, url: str, now: str, **extra) -> dict:
    payload = {"url": url, "event_types": ["ActorJoined", "InitiativeClosed"], **extra}
    return register_endpoint(stores, payload, partner(now), settings=settings)


def send_event(stores, settings, now: str, env: dict | None = None) -> dict:
    handle_event(stores, initiative_created(), settings=settings, now=now)
    return handle_event(stores, env or actor_joined(), settings=settings, now=now)


def reference_receiver():
    """examples/webhook-receiver/receiver.py, loaded from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("samskab_reference_receiver", RECEIVER_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
