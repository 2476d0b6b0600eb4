"""Commands: a person's subscriptions, preferences and feed, and a partner system's
webhook endpoints (registration with the address guard, secret rotation, enable and
disable, replays). Each is ``(stores, payload, ctx)``, some with ``settings``."""
from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable

from samskab_contracts.commands.notifications import (
    DeliveryRefSchema,
    EndpointRefSchema,
    FeedItemRefSchema,
    NoFieldsSchema,
    PreferencesSchema,
    RegisterEndpointSchema,
    ReplaySinceSchema,
    SubscribeSchema,
    SubscriptionRefSchema,
    load,
)
from samskab_infra.aggregate import envelopes
from samskab_infra.aggregate_store import ConflictError
from samskab_infra.clock import to_instant
from samskab_infra.context import Context, Principal
from samskab_infra.errors import Conflict, DomainRuleViolation, Forbidden, NotFound

from ..adapters.resolver import system_resolve
from ..adapters.stores import NotificationStores
from ..domain.catalogue import PERSON, WEBHOOK
from ..domain.deliveries import REPLAYABLE, Delivery
from ..domain.directory import ContactUpdate, DirectoryChanges
from ..domain.endpoint import EndpointFilter, WebhookEndpoint
from ..domain.signing import generate_secret
from ..domain.subscriptions import new_subscriptions
from ..domain.url_policy import Resolver, check_webhook_url
from ..settings import NotificationSettings
from .access import managed_endpoint, now_of, reader_id, subscription_scope

REGISTERING_ROLES = ("national_centre", "partner", "district_operator")
RandomBytes = Callable[[int], bytes]


# -- a person --------------------------------------------------------------

def subscribe(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Follow (or, with ``mute``, silence) event types; one subscription per type."""
    data = load(SubscribeSchema, payload)
    card = stores.directory.initiative(data["initiative_id"])
    # Muting only silences what the person receives anyway, so it needs no scope.
    district = data["district"] if data["mute"] else subscription_scope(
        ctx.principal, data["initiative_id"], data["district"], card.district if card else None,
        card.participating_districts if card else ())
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


def set_preferences(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Language of the texts, and immediate mails or one daily digest."""
    data = load(PreferencesSchema, payload)
    person = stores.directory.set_preferences(
        reader_id(ctx.principal), language=data["language"],
        email_frequency=data["email_frequency"], at=now_of(ctx))
    return {"person_id": person.person_id, "language": person.language,
            "email_frequency": person.email_frequency, "mailable": person.reachable_by_email}


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


# -- a partner system's webhook endpoints --------------------------------------

def _operated_district(principal: Principal) -> str | None:
    """The district an operator's endpoint belongs to, so the district's other operators
    can manage it too (one district only: several leave it with its owner)."""
    operated = principal.scopes("district_operator")
    return next(iter(operated)) if len(operated) == 1 else None


def register_endpoint(stores: NotificationStores, payload: dict, ctx: Context, *,
                      settings: NotificationSettings, resolve: Resolver = system_resolve,
                      random_bytes: RandomBytes = secrets.token_bytes) -> dict:
    """Register a partner's URL for some event types. The signing secret is in this
    answer only; it is never shown again."""
    if not (ctx.principal.internal or ctx.principal.roles & set(REGISTERING_ROLES)):
        raise Forbidden("only partner systems and operators register webhooks")
    data = load(RegisterEndpointSchema, payload)
    check_webhook_url(data["url"], resolve=resolve, policy=settings.webhook_policy)
    now, owner = now_of(ctx), ctx.principal.subject
    card = stores.directory.initiative(data["initiative_id"])
    district = (data["district"] if ctx.principal.holds("partner")
                else subscription_scope(ctx.principal, data["initiative_id"], data["district"],
                                        card.district if card else None))
    event_filter = EndpointFilter(tuple(dict.fromkeys(data["event_types"])), data["initiative_id"],
                                  district, data["theme"])
    secret = generate_secret(random_bytes)
    endpoint = WebhookEndpoint.register(
        endpoint_id=f"we_{uuid.uuid4().hex}", owner=owner, url=data["url"],
        event_filter=event_filter, secret=secret, now=now,
        owner_district=_operated_district(ctx.principal), description=data["description"])
    version = stores.endpoints.create(endpoint)
    if data["contact_email"]:
        stores.directory.apply(DirectoryChanges(contacts=[ContactUpdate(
            owner, email=data["contact_email"], language=data["language"])]), at=now)
    return {**endpoint.view(now, version), "secret": secret}


def rotate_endpoint_secret(stores: NotificationStores, payload: dict, ctx: Context, *,
                           settings: NotificationSettings,
                           random_bytes: RandomBytes = secrets.token_bytes) -> dict:
    """A new secret signs from now on; the previous one stays valid for the grace period."""
    data = load(EndpointRefSchema, payload)
    now = now_of(ctx)
    endpoint, version = managed_endpoint(stores, data["endpoint_id"], ctx)
    secret = generate_secret(random_bytes)
    endpoint.rotate_secret(secret, now, settings.secret_rotation_grace_s)
    version = _save(stores, endpoint, version, ctx)
    return {**endpoint.view(now, version), "secret": secret}


def _save(stores: NotificationStores, endpoint: WebhookEndpoint, version: int,
          ctx: Context) -> int:
    """Save with the events the change raised (optimistic: a stale version is a 409)."""
    try:
        return stores.endpoints.save(endpoint, version, envelopes(endpoint, ctx))
    except ConflictError as exc:
        raise Conflict("the endpoint changed meanwhile; try again") from exc


def enable_endpoint(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Deliver again after a disable; what failed meanwhile is dead until replayed."""
    data = load(EndpointRefSchema, payload)
    endpoint, version = managed_endpoint(stores, data["endpoint_id"], ctx)
    endpoint.enable()
    return endpoint.view(now_of(ctx), _save(stores, endpoint, version, ctx))


def disable_endpoint(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    data = load(EndpointRefSchema, payload)
    endpoint, version = managed_endpoint(stores, data["endpoint_id"], ctx)
    if not endpoint.disable(now_of(ctx), "operator"):
        raise DomainRuleViolation("the endpoint is already disabled", code="webhook.already_disabled")
    return endpoint.view(now_of(ctx), _save(stores, endpoint, version, ctx))


def _replayable_endpoint(stores: NotificationStores, endpoint_id: str,
                         ctx: Context) -> WebhookEndpoint:
    endpoint, _ = managed_endpoint(stores, endpoint_id, ctx)
    if not endpoint.enabled:
        raise DomainRuleViolation("enable the endpoint before replaying to it",
                                  code="webhook.endpoint_disabled")
    return endpoint


def replay_delivery(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Send one delivered or dead webhook of an endpoint again (same webhook-id, fresh
    signature). The endpoint is checked first, so only its managers learn whether a
    delivery exists."""
    data = load(DeliveryRefSchema, payload)
    endpoint = _replayable_endpoint(stores, data["endpoint_id"], ctx)
    delivery = stores.deliveries.get(data["delivery_id"])
    if delivery is None or delivery.channel != WEBHOOK or delivery.recipient_id != endpoint.endpoint_id:
        raise NotFound("no such delivery to this webhook endpoint")
    replayed = delivery.replay(now_of(ctx))
    if not stores.deliveries.transition(delivery, replayed):
        raise Conflict("the delivery changed meanwhile; try again")
    return replayed.view()


def replay_since(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Send again every delivered or dead webhook of an endpoint created since a time."""
    data = load(ReplaySinceSchema, payload)
    endpoint = _replayable_endpoint(stores, data["endpoint_id"], ctx)
    since, now = to_instant(data["since"]), now_of(ctx)
    replayed: list[Delivery] = []
    for delivery in stores.deliveries.of_recipient(endpoint.endpoint_id):
        if delivery.created_at >= since and delivery.status in REPLAYABLE:
            after = delivery.replay(now)
            if stores.deliveries.transition(delivery, after):
                replayed.append(after)
    return {"endpoint_id": endpoint.endpoint_id, "since": since, "replayed": len(replayed),
            "delivery_ids": [d.delivery_id for d in replayed]}
