"""Use cases of a person: subscriptions, preferences and the in-app feed.

Partner endpoints are in endpoint_handlers.py, incoming events in
event_handling.py and the delivery timer in dispatch.py.
"""
from __future__ import annotations

import uuid

from samskab_contracts.commands.notifications import (
    FeedItemRefSchema,
    FeedQuerySchema,
    NoFieldsSchema,
    PreferencesSchema,
    SubscribeSchema,
    SubscriptionRefSchema,
    encode_cursor,
    load,
)
from samskab_infra.context import Context
from samskab_infra.errors import Forbidden, NotFound

from .access import may_see_item, now_of, reader_id, subscription_scope
from .adapters.stores import NotificationStores
from .domain.catalogue import PERSON
from .domain.feed import FeedItem, feed_item_id
from .domain.routing import DEFAULT_RULES
from .domain.subscriptions import new_subscriptions
from .presenting import render_for
from .settings import NotificationSettings


def subscribe(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Follow (or, with ``mute``, silence) event types; one subscription per type."""
    data = load(SubscribeSchema, payload)
    card = stores.directory.initiative(data["initiative_id"])
    # Muting only silences what the person receives anyway, so it needs no scope.
    district = data["district"] if data["mute"] else subscription_scope(
        ctx.principal, data["initiative_id"], data["district"], card.district if card else None)
    subscriptions = new_subscriptions(
        PERSON, reader_id(ctx.principal), data["event_types"], now=now_of(ctx),
        new_id=lambda: f"sub_{uuid.uuid4().hex}", initiative_id=data["initiative_id"],
        district=district, theme=data["theme"],
        channels=data["channels"], mute=data["mute"])
    stores.subscriptions.add(subscriptions)
    return {"subscriptions": [s.view() for s in subscriptions]}


def unsubscribe(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    data = load(SubscriptionRefSchema, payload)
    subscription = stores.subscriptions.get(data["subscription_id"])
    if subscription is None:
        raise NotFound("no such subscription")
    if subscription.subscriber_id != reader_id(ctx.principal):
        raise Forbidden("this subscription belongs to someone else")
    stores.subscriptions.remove(subscription.subscription_id)
    return {"subscription_id": subscription.subscription_id, "removed": True}


def list_subscriptions(stores: NotificationStores, payload: dict | None, ctx: Context) -> dict:
    """The caller's own subscriptions, and the defaults that apply by role."""
    load(NoFieldsSchema, payload)
    own = stores.subscriptions.of_subscriber(reader_id(ctx.principal))
    defaults = [{"event_type": r.event_type, "roles": sorted(r.roles),
                 "person_field": r.person_field, "actor_field": r.actor_field} for r in DEFAULT_RULES]
    return {"subscriptions": [s.view() for s in own], "defaults": defaults}


def set_preferences(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Language of the texts, and immediate mails or one daily digest."""
    data = load(PreferencesSchema, payload)
    person = stores.directory.set_preferences(
        reader_id(ctx.principal), language=data["language"],
        email_frequency=data["email_frequency"], at=now_of(ctx))
    return {"person_id": person.person_id, "language": person.language,
            "email_frequency": person.email_frequency, "mailable": person.reachable_by_email}


def get_feed(stores: NotificationStores, payload: dict | None, ctx: Context, *,
             settings: NotificationSettings) -> dict:
    """One page of the caller's feed, newest first, in their language. The cursor
    holds the last item's (occurred_at, event_id): the person is the caller."""
    data = load(FeedQuerySchema, payload)
    person_id = reader_id(ctx.principal)
    after = None
    if data["cursor"]:
        occurred_at, event_id = data["cursor"]
        after = (occurred_at, feed_item_id(event_id, person_id))
    found = stores.feed.newest(person_id, unread_only=data["unread_only"], after=after, limit=data["limit"] + 1)
    page = found[:data["limit"]]
    card = stores.directory.person(person_id)
    language = card.language if card else ""
    entries = [entry for entry in (_feed_entry(stores, item, language, settings, ctx) for item in page) if entry]
    more = len(found) > len(page)
    return {"items": entries,
            "next_cursor": encode_cursor(page[-1].occurred_at, page[-1].event_id) if more else None}


def _feed_entry(stores: NotificationStores, item: FeedItem, language: str,
                settings: NotificationSettings, ctx: Context) -> dict | None:
    """The item with its title and text; None when its event was erased or the reader
    may no longer read its initiative (left out)."""
    event = stores.events.get(item.event_id)
    if event is None or not may_see_item(ctx.principal, event.district, item.initiative_id):
        return None
    rendered = render_for(stores, event, language, settings.app_base_url)
    return {"item_id": item.item_id, "event_type": item.event_type, "initiative_id": item.initiative_id,
            "occurred_at": item.occurred_at, "read": item.read, "read_at": item.read_at,
            "title": rendered.subject, "text": rendered.summary}


def mark_feed_item_read(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    data = load(FeedItemRefSchema, payload)
    item = stores.feed.get(data["item_id"])
    if item is None or item.person_id != reader_id(ctx.principal):
        raise NotFound("no such item in your feed")
    read = stores.feed.mark_read(item, now_of(ctx))
    return {"item_id": read.item_id, "read": read.read, "read_at": read.read_at}


def mark_feed_read(stores: NotificationStores, payload: dict | None, ctx: Context) -> dict:
    """Mark every unread item of the caller read."""
    load(NoFieldsSchema, payload)
    now = now_of(ctx)
    items = stores.feed.unread(reader_id(ctx.principal))
    for item in items:
        stores.feed.mark_read(item, now)
    return {"marked_read": len(items)}
