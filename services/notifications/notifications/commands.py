"""The table of commands and queries the notifications service answers (name -> handler).

Every handler is called as ``handler(stores, payload, ctx, settings)``."""
from __future__ import annotations

from . import endpoint_handlers as e
from . import handlers as h


def _with_settings(handler):
    return lambda stores, payload, ctx, settings: handler(stores, payload, ctx, settings=settings)


def _plain(handler):
    return lambda stores, payload, ctx, settings: handler(stores, payload, ctx)


COMMANDS = {
    "subscribe": _plain(h.subscribe),
    "unsubscribe": _plain(h.unsubscribe),
    "set_preferences": _plain(h.set_preferences),
    "mark_feed_item_read": _plain(h.mark_feed_item_read),
    "mark_feed_read": _plain(h.mark_feed_read),
    "register_endpoint": _with_settings(e.register_endpoint),
    "rotate_endpoint_secret": _with_settings(e.rotate_endpoint_secret),
    "enable_endpoint": _plain(e.enable_endpoint),
    "disable_endpoint": _plain(e.disable_endpoint),
    "replay_delivery": _plain(e.replay_delivery),
    "replay_since": _plain(e.replay_since),
}

QUERIES = {
    "list_subscriptions": _plain(h.list_subscriptions),
    "get_feed": _with_settings(h.get_feed),
    "get_endpoint": _plain(e.get_endpoint),
    "list_endpoints": _plain(e.list_endpoints),
    "endpoint_delivery_log": _plain(e.endpoint_delivery_log),
}
