"""The use cases of the notifications service and the tables that route to them
(name -> handler).

- ``commands``: commands, ``(stores, payload, ctx)``, some with ``settings``
- ``queries``: queries, ``(stores, params, ctx)``, ``get_feed`` with ``settings``
- ``events``: reactions to events (``handle_event``, ``keep_actor_contact``)
- ``sending``: the delivery loop the timer runs (e-mail and webhooks), ``deliver_due``
- ``access``: who may follow what and manage which endpoint; ``presenting``: rendering
  a stored event for a reader (the texts are in ``notifications.templates``)

Every table entry is called as ``handler(stores, payload, ctx, settings)``, where
``settings`` are the NotificationSettings read once at start-up.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.catalogue import CONSUMED_EVENT_TYPES
from . import commands as c
from . import queries as q
from .events import handle_event, keep_actor_contact
from .sending import deliver_due

Handler = Callable[..., Any]


def _with_settings(handler: Handler) -> Handler:
    return lambda stores, payload, ctx, settings: handler(stores, payload, ctx, settings=settings)


def _plain(handler: Handler) -> Handler:
    return lambda stores, payload, ctx, settings: handler(stores, payload, ctx)


COMMANDS = {
    "subscribe": _plain(c.subscribe),
    "unsubscribe": _plain(c.unsubscribe),
    "set_preferences": _plain(c.set_preferences),
    "mark_feed_item_read": _plain(c.mark_feed_item_read),
    "mark_feed_read": _plain(c.mark_feed_read),
    "register_endpoint": _with_settings(c.register_endpoint),
    "rotate_endpoint_secret": _with_settings(c.rotate_endpoint_secret),
    "enable_endpoint": _plain(c.enable_endpoint),
    "disable_endpoint": _plain(c.disable_endpoint),
    "replay_delivery": _plain(c.replay_delivery),
    "replay_since": _plain(c.replay_since),
}

QUERIES = {
    "list_subscriptions": _plain(q.list_subscriptions),
    "get_preferences": _plain(q.get_preferences),
    "get_feed": _with_settings(q.get_feed),
    "get_endpoint": _plain(q.get_endpoint),
    "list_endpoints": _plain(q.list_endpoints),
    "endpoint_delivery_log": _plain(q.endpoint_delivery_log),
}

CONTACT_HANDLERS = {
    event_type: keep_actor_contact for event_type in ("ActorContactShared", "ActorErased", "ConsentWithdrawn")
}
"""Events that keep the local copy of actors' e-mail contacts: ``(contacts, type, data)``."""

EVENT_HANDLERS = {
    event_type: lambda stores, envelope, settings: handle_event(stores, envelope, settings=settings)
    for event_type in CONSUMED_EVENT_TYPES
}
"""Events that may notify someone: ``(stores, envelope, settings)``."""

__all__ = ["COMMANDS", "CONTACT_HANDLERS", "EVENT_HANDLERS", "QUERIES", "deliver_due", "handle_event",
           "keep_actor_contact"]
