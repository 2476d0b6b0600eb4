"""Who gets what: the role-based defaults plus explicit subscriptions, minus mutes.

Defaults (a person hears these without subscribing):
- the anchor person (ankerperson): ActorJoined, ActorLeft, PlatformGoalReached,
  RealityCheckOverdue of their initiative, and their own AnchorPersonAssigned;
- every member (anchor person, coordinator, working group, actor contacts): InitiativeClosed;
- the people who run it (anchor person, coordinator, working group): InitiativePaused and
  InitiativeResumed (a standby changes their work; the actors hear it from them);
- the coordinator (tovholder): InfluenceImbalanceDetected;
- the enrolled organisation's contact (``actor:<actor_id>``, read by its representatives):
  ActorEnrolled, so it knows someone else enrolled it and can leave;
- the contact of the actor a safety walk's follow-up action is assigned to
  (``assigned_actor_id``): FollowUpActionCreated, by e-mail while its consent lasts and in
  its feed; the anchor person and the coordinator, who follow the action up, see it in
  their feed (no mail: a walk can give many actions at once);
- the owner of a webhook endpoint: WebhookEndpointDisabled.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .catalogue import (
    ANCHOR_PERSON,
    COORDINATOR,
    EMAIL,
    ENDPOINT,
    FEED,
    MEMBER_ROLES,
    PERSON,
    PERSON_CHANNELS,
    WEBHOOK,
    WORKING_GROUP_MEMBER,
)
from .directory import Membership, Person, actor_person_id
from .incoming import IncomingEvent
from .subscriptions import Subscription


@dataclass(frozen=True)
class DefaultRule:
    event_type: str
    roles: frozenset[str] = frozenset()
    # Or: the person named in this field of the event's data.
    person_field: str | None = None
    # Or: the contact of the actor whose id is in this field (``actor:<actor_id>``).
    actor_field: str | None = None
    channels: tuple[str, ...] = PERSON_CHANNELS


DEFAULT_RULES: tuple[DefaultRule, ...] = (
    *(DefaultRule(t, frozenset({ANCHOR_PERSON}))
      for t in ("ActorJoined", "ActorLeft", "PlatformGoalReached", "RealityCheckOverdue",
                "AnchorPersonAssigned")),
    DefaultRule("InitiativeClosed", MEMBER_ROLES),
    *(DefaultRule(t, frozenset({ANCHOR_PERSON, COORDINATOR, WORKING_GROUP_MEMBER}))
      for t in ("InitiativePaused", "InitiativeResumed")),
    DefaultRule("InfluenceImbalanceDetected", frozenset({COORDINATOR})),
    DefaultRule("WebhookEndpointDisabled", person_field="owner"),
    DefaultRule("ActorEnrolled", actor_field="actor_id"),
    DefaultRule("FollowUpActionCreated", actor_field="assigned_actor_id"),
    DefaultRule("FollowUpActionCreated", frozenset({ANCHOR_PERSON, COORDINATOR}), channels=(FEED,)),
)


def member_roles(event_type: str, rules: Sequence[DefaultRule] = DEFAULT_RULES) -> frozenset[str]:
    """The roles whose members the defaults give this event type (no members are read
    for an event type without any)."""
    return frozenset(role for rule in rules if rule.event_type == event_type for role in rule.roles)


def filters_on_themes(event: IncomingEvent, subscriptions: Iterable[Subscription]) -> bool:
    """Whether a subscription to the event narrows it to a theme (the initiative's themes matter)."""
    return any(s.theme for s in subscriptions if s.event_type == event.type)


def filters_on_other_districts(event: IncomingEvent, subscriptions: Iterable[Subscription]) -> bool:
    """Whether a subscription to the event names a district other than the event's, so
    it matches only if that district takes part in the initiative (its reach matters)."""
    return any(s.event_type == event.type and s.district and s.district != event.district
               and (not s.initiative_id or s.initiative_id == event.initiative_id)
               for s in subscriptions)


@dataclass(frozen=True)
class Recipient:
    kind: str
    recipient_id: str
    channels: tuple[str, ...]


def default_channels(event: IncomingEvent, members: Iterable[Membership],
                     rules: Sequence[DefaultRule] = DEFAULT_RULES) -> dict[str, set[str]]:
    """person_id -> channels the defaults give for this event."""
    members = list(members)
    chosen: dict[str, set[str]] = {}
    for rule in rules:
        if rule.event_type != event.type:
            continue
        people = [m.person_id for m in members
                  if m.role in rule.roles and m.initiative_id == event.initiative_id]
        if rule.person_field and isinstance(event.data.get(rule.person_field), str):
            people.append(event.data[rule.person_field])
        if rule.actor_field and isinstance(event.data.get(rule.actor_field), str):
            people.append(actor_person_id(event.data[rule.actor_field]))
        for person_id in people:
            chosen.setdefault(person_id, set()).update(rule.channels)
    return chosen


def resolve_recipients(
    event: IncomingEvent,
    *,
    members: Iterable[Membership],
    subscriptions: Iterable[Subscription],
    cards: Callable[[Sequence[str]], Mapping[str, Person]],
    endpoint_active: Callable[[str], bool],
    themes: Sequence[str] = (),
    participating: Sequence[str] = (),
) -> list[Recipient]:
    """The recipients of one event, each with its channels, in a stable order.

    ``participating`` are the districts taking part in the event's initiative besides its
    lead district. ``cards`` gives the contact cards of the people it is asked for, all at once
    (someone without a card has none). A forgotten person (consent withdrawn, erased) gets nothing; a person without
    an e-mail address keeps only the in-app feed (an actor's shared address is
    looked up when sending).
    """
    people = default_channels(event, members)
    endpoints: set[str] = set()
    muted: set[str] = set()
    for sub in subscriptions:
        if not sub.matches(event, themes, participating):
            continue
        if sub.subscriber_kind == ENDPOINT:
            endpoints.add(sub.subscriber_id)
        elif sub.mute:
            muted.add(sub.subscriber_id)
        else:
            people.setdefault(sub.subscriber_id, set()).update(sub.channels)
    recipients = []
    candidates = sorted(set(people) - muted)
    found = cards(candidates) if candidates else {}
    for person_id in candidates:
        card = found.get(person_id) or Person(person_id)
        if card.forgotten:
            continue
        channels = people[person_id]
        if not card.reachable_by_email:
            channels = channels - {EMAIL}
        if channels:
            ordered = tuple(c for c in (EMAIL, FEED) if c in channels)
            recipients.append(Recipient(PERSON, person_id, ordered))
    recipients.extend(Recipient(ENDPOINT, endpoint_id, (WEBHOOK,))
                      for endpoint_id in sorted(endpoints) if endpoint_active(endpoint_id))
    return recipients
