"""Reactions to events. handle_event: one incoming event -> directory updates, feed items
and queued deliveries; keep_actor_contact: the local copy of actors' e-mail contacts.

Nothing is sent here; the queue's timer (sending.deliver_due) does that, so a
slow mail server or partner never holds up the consumer. Every write is keyed
by (event, recipient), so the same event handled twice queues nothing twice.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from samskab_infra.clock import to_instant, utc_now_iso

from ..adapters.local_actor_contacts import LocalActorContacts
from ..adapters.stores import NotificationStores
from ..domain.catalogue import DAILY, EMAIL, FEED, FORGETTING_EVENT_TYPES, OWN_EVENT_TYPES, PERSON, WEBHOOK
from ..domain.deliveries import Delivery
from ..domain.digest import next_digest_at
from ..domain.directory import DirectoryChanges, Person, actor_person_id, changes_for
from ..domain.feed import FeedItem
from ..domain.incoming import IncomingEvent
from ..domain.routing import (
    Recipient,
    filters_on_other_districts,
    filters_on_themes,
    member_roles,
    resolve_recipients,
)
from ..domain.subscriptions import Subscription
from ..settings import NotificationSettings


def keep_actor_contact(contacts: LocalActorContacts, event_type: str, data: dict) -> None:
    """ActorContactShared, ConsentWithdrawn, ActorErased: where the actor may be e-mailed."""
    contacts.apply(event_type, data)


def handle_event(stores: NotificationStores, envelope: Any, *, settings: NotificationSettings,
                 now: str | None = None) -> dict:
    """Returns what was queued: ``{"event_id", "deliveries": [views], "feed_items": [ids],
    "forgotten": [person ids]}`` (empty lists for a duplicate)."""
    event = IncomingEvent.from_envelope(envelope)
    now = to_instant(now or utc_now_iso())
    changes = changes_for(event)
    news = stores.directory.apply(changes, at=event.occurred_at) if changes else True
    result: dict = {"event_id": event.event_id, "deliveries": [], "feed_items": [],
                    "forgotten": list(changes.forget)}
    if not news:  # a join the actor has since left, or was erased after
        return result
    if changes.forget:
        forget_people(stores, changes.forget, now, erased_actors=changes.erase_actors)
    if event.type in FORGETTING_EVENT_TYPES:
        return result
    if event.type in OWN_EVENT_TYPES:
        event = _with_endpoint_facts(stores, event)
        if event is None:
            return result
    routes = stores.routes()
    subscriptions = routes.subscriptions(event.type)
    event, themes, participating = _initiative_facts(stores, event, changes, subscriptions)
    cards: dict[str, Person] = {}

    def read_cards(person_ids: Sequence[str]) -> dict[str, Person]:
        cards.update(stores.directory.cards(person_ids))
        return cards

    recipients = resolve_recipients(
        event, members=stores.directory.members(event.initiative_id, member_roles(event.type)),
        subscriptions=subscriptions, cards=read_cards, endpoint_active=routes.endpoint_enabled,
        themes=themes, participating=participating)
    if not recipients:
        return result
    stores.events.store(event)
    _queue(stores, event, recipients, cards, now, settings, result)
    return result


def _initiative_facts(stores: NotificationStores, event: IncomingEvent, changes: DirectoryChanges,
                      subscriptions: Sequence[Subscription],
                      ) -> tuple[IncomingEvent, tuple[str, ...], tuple[str, ...]]:
    """The event with its initiative's lead district, the initiative's themes and the
    districts taking part besides the lead one, read only as far as routing needs them:
    the card this event just wrote is used as it is; the card is read when the event
    names no district or a subscription filters on a theme; the reach when a
    subscription names another district (the reach may have arrived before the card,
    so it is never assumed empty)."""
    card = changes.initiatives[-1] if changes.initiatives else None
    if card is None and event.initiative_id and (
            not event.district or filters_on_themes(event, subscriptions)
            or filters_on_other_districts(event, subscriptions)):
        card = stores.directory.initiative_card(event.initiative_id)
    if card is not None and not event.district:
        event = replace(event, district=card.district)
    themes = card.themes if card else tuple(event.data.get("themes") or ())
    participating = (stores.directory.participating(card.initiative_id)
                     if card is not None and filters_on_other_districts(event, subscriptions) else ())
    return event, themes, participating


def _with_endpoint_facts(stores: NotificationStores, event: IncomingEvent) -> IncomingEvent | None:
    """An event about a webhook endpoint names the endpoint only: its owner (who is told)
    and its URL (which the text shows) come from the endpoint's record, kept here. None
    when the endpoint is gone: there is no one left to tell."""
    loaded = stores.endpoints.get(str(event.data.get("endpoint_id") or ""))
    if loaded is None:
        return None
    endpoint = loaded[0]
    return replace(event, data={**event.data, "owner": endpoint.owner, "url": endpoint.url})


def _queue(stores: NotificationStores, event: IncomingEvent, recipients: Sequence[Recipient],
           cards: Mapping[str, Person], now: str, settings: NotificationSettings,
           result: dict) -> None:
    """Every recipient's feed item in one write and their deliveries in another; what
    was queued before (a redelivered event) is not queued again."""
    items: list[FeedItem] = []
    deliveries: list[Delivery] = []
    for recipient in recipients:
        if recipient.kind == PERSON and FEED in recipient.channels:
            items.append(FeedItem.for_event(event, recipient.recipient_id))
        channel = WEBHOOK if recipient.kind != PERSON else EMAIL
        if channel not in recipient.channels:
            continue
        person = cards.get(recipient.recipient_id) if channel == EMAIL else None
        digest = person is not None and person.email_frequency == DAILY
        deliveries.append(Delivery.new(
            event_id=event.event_id, event_type=event.type, channel=channel,
            recipient_id=recipient.recipient_id, now=now, digest=digest,
            send_at=next_digest_at(now, settings.digest_hour_utc) if digest else None))
    result["feed_items"] += [item.item_id for item in stores.feed.add(items)]
    result["deliveries"] += [delivery.view() for delivery in stores.deliveries.enqueue(deliveries)]


def forget_people(stores: NotificationStores, person_ids: Sequence[str], now: str, *,
                  erased_actors: Sequence[str] = ()) -> int:
    """Consent withdrawn or erased: cancel everything still waiting for them. An erased
    actor also loses its feed, its subscriptions and the stored events naming it."""
    cancelled = 0
    for person_id in person_ids:
        for delivery in stores.deliveries.waiting_for(person_id):
            cancelled += stores.deliveries.transition(
                delivery, delivery.cancel(now, "contact details withdrawn"))
    for actor_id in erased_actors:
        person_id = actor_person_id(actor_id)
        stores.feed.erase_person(person_id)
        stores.subscriptions.remove_subscriber(person_id)
        stores.events.erase_actor(actor_id)
    return cancelled
