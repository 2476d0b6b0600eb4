"""Subscriptions: a person or a partner endpoint asks to hear about one event type,
optionally narrowed to an initiative, a police district and a theme.

One subscription names one event type, so the store can find the
subscriptions of an event with a single equality query.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from samskab_infra.errors import ValidationFailed

from .catalogue import ENDPOINT, PERSON, PERSON_CHANNELS, SUBSCRIBABLE_EVENT_TYPES, WEBHOOK
from .incoming import IncomingEvent


@dataclass(frozen=True)
class Subscription:
    subscription_id: str
    subscriber_kind: str
    subscriber_id: str
    event_type: str
    initiative_id: str | None = None
    district: str | None = None
    theme: str | None = None
    channels: tuple[str, ...] = PERSON_CHANNELS
    # A mute silences a subscriber for matching events, including the defaults of its role.
    mute: bool = False
    created_at: str = ""

    def matches(self, event: IncomingEvent, themes: Sequence[str] = (),
                participating: Sequence[str] = ()) -> bool:
        """True when the event is of this type and passes every filter that is set. A
        district filter matches the event's (lead) district and the ``participating``
        districts of its initiative: a cross-district initiative is news in each."""
        if event.type != self.event_type:
            return False
        if self.initiative_id and self.initiative_id != event.initiative_id:
            return False
        if self.district and self.district != event.district and self.district not in participating:
            return False
        return not self.theme or self.theme in themes

    def to_document(self) -> dict:
        return {
            "_id": self.subscription_id,
            "subscriber_kind": self.subscriber_kind,
            "subscriber_id": self.subscriber_id,
            "event_type": self.event_type,
            "initiative_id": self.initiative_id,
            "district": self.district,
            "theme": self.theme,
            "channels": list(self.channels),
            "mute": self.mute,
            "created_at": self.created_at,
        }

    @classmethod
    def from_document(cls, doc: Mapping) -> Subscription:
        return cls(
            subscription_id=doc["_id"],
            subscriber_kind=doc["subscriber_kind"],
            subscriber_id=doc["subscriber_id"],
            event_type=doc["event_type"],
            initiative_id=doc.get("initiative_id"),
            district=doc.get("district"),
            theme=doc.get("theme"),
            channels=tuple(doc.get("channels") or ()),
            mute=bool(doc.get("mute")),
            created_at=doc.get("created_at", ""),
        )

    def view(self) -> dict:
        doc = self.to_document()
        doc["subscription_id"] = doc.pop("_id")
        return doc


def new_subscriptions(
    subscriber_kind: str,
    subscriber_id: str,
    event_types: Iterable[str],
    *,
    now: str,
    new_id: Callable[[], str],
    initiative_id: str | None = None,
    district: str | None = None,
    theme: str | None = None,
    channels: Sequence[str] | None = None,
    mute: bool = False,
) -> list[Subscription]:
    """One subscription per event type; unknown types and channels are refused."""
    types = list(dict.fromkeys(event_types))
    unknown = [t for t in types if t not in SUBSCRIBABLE_EVENT_TYPES]
    if not types or unknown:
        raise ValidationFailed(
            "unknown event types", details={"event_types": [f"not subscribable: {', '.join(unknown)}"
                                                            if unknown else "at least one"]})
    if subscriber_kind == ENDPOINT:
        chosen: tuple[str, ...] = (WEBHOOK,)
    elif subscriber_kind == PERSON:
        chosen = tuple(dict.fromkeys(channels if channels is not None else PERSON_CHANNELS))
        if any(c not in PERSON_CHANNELS for c in chosen) or (not chosen and not mute):
            raise ValidationFailed("bad channels", details={"channels": [
                f"choose from {', '.join(PERSON_CHANNELS)}"]})
    else:
        raise ValueError(f"unknown subscriber kind {subscriber_kind!r}")
    return [
        Subscription(
            subscription_id=new_id(), subscriber_kind=subscriber_kind, subscriber_id=subscriber_id,
            event_type=event_type, initiative_id=initiative_id, district=district, theme=theme,
            channels=chosen, mute=mute, created_at=now,
        )
        for event_type in types
    ]
