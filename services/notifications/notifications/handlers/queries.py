"""Queries: a person's subscriptions and feed, a partner system's webhook endpoints and
their delivery log. Each is ``(stores, params, ctx)``, ``get_feed`` with ``settings``."""
from __future__ import annotations

from samskab_contracts.commands.notifications import (
    DeliveryLogSchema,
    EndpointRefSchema,
    FeedQuerySchema,
    NoFieldsSchema,
    encode_cursor,
    load,
)
from samskab_infra.context import Context

from ..adapters.stores import NotificationStores
from ..domain.directory import InitiativeCard, Person
from ..domain.feed import FeedItem, feed_item_id
from ..domain.routing import DEFAULT_RULES
from ..settings import NotificationSettings
from .access import managed_endpoint, may_see_item, now_of, reader_id
from .presenting import render_for

# -- a person --------------------------------------------------------------


def list_subscriptions(stores: NotificationStores, payload: dict | None, ctx: Context) -> dict:
    """The caller's own subscriptions, and the defaults that apply by role."""
    load(NoFieldsSchema, payload)
    own = stores.subscriptions.of_subscriber(reader_id(ctx.principal))
    defaults = [{"event_type": r.event_type, "roles": sorted(r.roles),
                 "person_field": r.person_field, "actor_field": r.actor_field} for r in DEFAULT_RULES]
    return {"subscriptions": [s.view() for s in own], "defaults": defaults}


def get_preferences(stores: NotificationStores, payload: dict | None, ctx: Context) -> dict:
    """The caller's language and e-mail frequency (the defaults until they chose)."""
    load(NoFieldsSchema, payload)
    person_id = reader_id(ctx.principal)
    person = stores.directory.person(person_id) or Person(person_id)
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
    initiatives = {i: stores.directory.initiative(i) for i in {item.initiative_id for item in page}}
    entries = [entry for entry in (_feed_entry(stores, item, language, settings, ctx, initiatives[item.initiative_id])
                                   for item in page) if entry]
    more = len(found) > len(page)
    return {"items": entries,
            "next_cursor": encode_cursor(page[-1].occurred_at, page[-1].event_id) if more else None}


def _feed_entry(stores: NotificationStores, item: FeedItem, language: str,
                settings: NotificationSettings, ctx: Context, card: InitiativeCard | None) -> dict | None:
    """The item with its title and text; None when its event was erased or the reader
    may no longer read its initiative (left out). ``card`` gives the initiative's
    districts now: an operator of a participating district sees its items while it takes part."""
    event = stores.events.get(item.event_id)
    if event is None:
        return None
    districts = [d for d in (event.district, *(card.participating_districts if card else ())) if d]
    if not may_see_item(ctx.principal, districts, item.initiative_id):
        return None
    rendered = render_for(stores, event, language, settings.app_base_url)
    return {"item_id": item.item_id, "event_type": item.event_type, "initiative_id": item.initiative_id,
            "occurred_at": item.occurred_at, "read": item.read, "read_at": item.read_at,
            "title": rendered.subject, "text": rendered.summary}


# -- a partner system's webhook endpoints --------------------------------------

def get_endpoint(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    data = load(EndpointRefSchema, payload)
    endpoint, version = managed_endpoint(stores, data["endpoint_id"], ctx)
    return endpoint.view(now_of(ctx), version)


def list_endpoints(stores: NotificationStores, payload: dict | None, ctx: Context) -> dict:
    load(NoFieldsSchema, payload)
    now = now_of(ctx)
    return {"endpoints": [e.view(now) for e in stores.endpoints.of_owner(ctx.principal.subject)]}


def endpoint_delivery_log(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Every attempt to this endpoint, newest first: status, latency, error category;
    a page of ``limit`` after ``cursor`` (the last attempt's time and id)."""
    data = load(DeliveryLogSchema, payload)
    endpoint, _ = managed_endpoint(stores, data["endpoint_id"], ctx)
    found = stores.deliveries.attempts_of_recipient(endpoint.endpoint_id, after=data["cursor"],
                                                    limit=data["limit"] + 1)
    page = found[:data["limit"]]
    more = len(found) > len(page)
    return {"items": page,
            "next_cursor": encode_cursor(page[-1]["at"], page[-1]["attempt_id"]) if more else None}
