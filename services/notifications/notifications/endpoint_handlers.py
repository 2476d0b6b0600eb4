"""Use cases of a partner system's webhook endpoints: registration (with the address
guard), secret rotation, enable/disable, the delivery log and replays."""
from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable

from samskab_contracts.commands.notifications import (
    DeliveryLogSchema,
    DeliveryRefSchema,
    EndpointRefSchema,
    NoFieldsSchema,
    RegisterEndpointSchema,
    ReplaySinceSchema,
    encode_cursor,
    load,
)
from samskab_infra.aggregate_store import ConflictError
from samskab_infra.context import Context
from samskab_infra.envelope import Envelope
from samskab_infra.errors import Conflict, DomainRuleViolation, Forbidden, NotFound

from .access import now_of, subscription_scope
from .adapters.resolver import system_resolve
from .adapters.stores import NotificationStores
from .domain.catalogue import WEBHOOK
from .domain.deliveries import REPLAYABLE, Delivery
from .domain.directory import ContactUpdate, DirectoryChanges
from .domain.endpoint import EndpointFilter, WebhookEndpoint
from .domain.signing import generate_secret
from .domain.timeutil import to_instant
from .domain.url_policy import Resolver, check_webhook_url
from .settings import NotificationSettings

REGISTERING_ROLES = ("national_centre", "partner", "district_operator")
RandomBytes = Callable[[int], bytes]


def _endpoint(stores: NotificationStores, endpoint_id: str,
              ctx: Context) -> tuple[WebhookEndpoint, int]:
    loaded = stores.endpoints.get(endpoint_id)
    if loaded is None:
        raise NotFound("no such webhook endpoint")
    if not loaded[0].may_be_managed_by(ctx.principal):
        raise Forbidden("this webhook endpoint belongs to someone else")
    return loaded


def _operated_district(principal) -> str | None:
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
    endpoint, version = _endpoint(stores, data["endpoint_id"], ctx)
    secret = generate_secret(random_bytes)
    endpoint.rotate_secret(secret, now, settings.secret_rotation_grace_s)
    version = _save(stores, endpoint, version, ctx)
    return {**endpoint.view(now, version), "secret": secret}


def _save(stores: NotificationStores, endpoint: WebhookEndpoint, version: int,
          ctx: Context) -> int:
    """Save with the events the change raised (optimistic: a stale version is a 409)."""
    envelopes = [Envelope.wrap(e, district=endpoint.owner_district,
                               correlation_id=ctx.correlation_id, causation_id=ctx.causation_id)
                 for e in endpoint.pending_events]
    try:
        return stores.endpoints.save(endpoint, version, envelopes)
    except ConflictError as exc:
        raise Conflict("the endpoint changed meanwhile; try again") from exc


def enable_endpoint(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Deliver again after a disable; what failed meanwhile is dead until replayed."""
    data = load(EndpointRefSchema, payload)
    endpoint, version = _endpoint(stores, data["endpoint_id"], ctx)
    endpoint.enable()
    return endpoint.view(now_of(ctx), _save(stores, endpoint, version, ctx))


def disable_endpoint(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    data = load(EndpointRefSchema, payload)
    endpoint, version = _endpoint(stores, data["endpoint_id"], ctx)
    if not endpoint.disable(now_of(ctx), "operator"):
        raise DomainRuleViolation("the endpoint is already disabled", code="webhook.already_disabled")
    return endpoint.view(now_of(ctx), _save(stores, endpoint, version, ctx))


def get_endpoint(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    data = load(EndpointRefSchema, payload)
    endpoint, version = _endpoint(stores, data["endpoint_id"], ctx)
    return endpoint.view(now_of(ctx), version)


def list_endpoints(stores: NotificationStores, payload: dict | None, ctx: Context) -> dict:
    load(NoFieldsSchema, payload)
    now = now_of(ctx)
    return {"endpoints": [e.view(now) for e in stores.endpoints.of_owner(ctx.principal.subject)]}


def endpoint_delivery_log(stores: NotificationStores, payload: dict, ctx: Context) -> dict:
    """Every attempt to this endpoint, newest first: status, latency, error category;
    a page of ``limit`` after ``cursor`` (the last attempt's time and id)."""
    data = load(DeliveryLogSchema, payload)
    endpoint, _ = _endpoint(stores, data["endpoint_id"], ctx)
    found = stores.deliveries.attempts_of_recipient(endpoint.endpoint_id, after=data["cursor"],
                                                    limit=data["limit"] + 1)
    page = found[:data["limit"]]
    more = len(found) > len(page)
    return {"items": page,
            "next_cursor": encode_cursor(page[-1]["at"], page[-1]["attempt_id"]) if more else None}


def _replayable_endpoint(stores: NotificationStores, endpoint_id: str,
                         ctx: Context) -> WebhookEndpoint:
    endpoint, _ = _endpoint(stores, endpoint_id, ctx)
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
