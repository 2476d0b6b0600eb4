"""The in-app feed of one person: newest first, paged, read or unread."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, replace

from samskab_contracts.vocabulary import FEED_PAGE_SIZE, MAX_FEED_PAGE_SIZE
from samskab_infra.errors import ValidationFailed

from .incoming import IncomingEvent

DEFAULT_PAGE_SIZE = FEED_PAGE_SIZE
MAX_PAGE_SIZE = MAX_FEED_PAGE_SIZE


def feed_item_id(event_id: str, person_id: str) -> str:
    return f"{event_id}|{person_id}"


@dataclass(frozen=True)
class FeedItem:
    item_id: str
    person_id: str
    event_id: str
    event_type: str
    initiative_id: str | None
    occurred_at: str
    read: bool = False
    read_at: str | None = None

    @classmethod
    def for_event(cls, event: IncomingEvent, person_id: str) -> FeedItem:
        return cls(item_id=feed_item_id(event.event_id, person_id), person_id=person_id,
                   event_id=event.event_id, event_type=event.type,
                   initiative_id=event.initiative_id, occurred_at=event.occurred_at)

    def mark_read(self, now: str) -> FeedItem:
        return self if self.read else replace(self, read=True, read_at=now)

    def sort_key(self) -> tuple[str, str]:
        return (self.occurred_at, self.item_id)

    def to_document(self) -> dict:
        doc = asdict(self)
        doc["_id"] = doc.pop("item_id")
        return doc

    @classmethod
    def from_document(cls, doc: Mapping) -> FeedItem:
        values = {key: doc[key] for key in cls.__dataclass_fields__ if key in doc}
        values["item_id"] = doc["_id"]
        return cls(**values)


@dataclass(frozen=True)
class FeedWindow:
    page: int
    page_size: int
    unread_only: bool = False

    @property
    def skip(self) -> int:
        return (self.page - 1) * self.page_size


def feed_window(page: int = 1, page_size: int = DEFAULT_PAGE_SIZE,
                unread_only: bool = False) -> FeedWindow:
    errors = {}
    if page < 1:
        errors["page"] = ["must be 1 or more"]
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        errors["page_size"] = [f"must be between 1 and {MAX_PAGE_SIZE}"]
    if errors:
        raise ValidationFailed("bad feed page", details=errors)
    return FeedWindow(page, page_size, unread_only)


def newest_first(items: Iterable[FeedItem]) -> list[FeedItem]:
    return sorted(items, key=FeedItem.sort_key, reverse=True)


def page_of(items: Iterable[FeedItem], window: FeedWindow) -> list[FeedItem]:
    """The window's slice of a person's items (what the store query returns)."""
    chosen = [i for i in newest_first(items) if not (window.unread_only and i.read)]
    return chosen[window.skip:window.skip + window.page_size]


def feed_page_view(items: list[FeedItem], window: FeedWindow, *, total: int, unread: int,
                   describe: Callable[[FeedItem], dict | None]) -> dict:
    """The page as the API returns it; ``describe`` renders an item's title and text
    (None: the event was erased, so the item is left out)."""
    entries = []
    for item in items:
        described = describe(item)
        if described is None:
            continue
        entries.append({"item_id": item.item_id, "event_type": item.event_type,
                        "initiative_id": item.initiative_id, "occurred_at": item.occurred_at,
                        "read": item.read, "read_at": item.read_at, **described})
    return {
        "items": entries,
        "page": window.page,
        "page_size": window.page_size,
        "total": total,
        "unread": unread,
        "has_more": window.skip + len(items) < total,
    }
