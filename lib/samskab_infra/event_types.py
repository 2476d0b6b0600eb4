"""Events as small explicit classes, and the registry of every type (the mechanism; the
event types themselves are the published language in ``samskab_contracts.events``).

An event class names its type (the class name), its version and a
marshmallow schema for its data. Constructing an event validates the data,
so an invalid event can never reach the outbox.
"""
from __future__ import annotations

from typing import Any, ClassVar

from marshmallow import RAISE, Schema, ValidationError

from .schemas import schema_of

REGISTRY: dict[str, type[Event]] = {}


class EventSchema(Schema):
    """Base for event data schemas: unknown fields are always rejected."""

    class Meta(Schema.Meta):
        unknown = RAISE
        ordered = True


class InvalidEvent(ValueError):
    def __init__(self, event_type: str, errors: Any) -> None:
        super().__init__(f"invalid {event_type}: {errors}")
        self.event_type = event_type
        self.errors = errors


class Event:
    """A fact that happened. Subclasses set ``Schema`` and optionally ``version``,
    ``exchange_topic`` (a short description for the catalogue) and ``example``."""

    version: ClassVar[int] = 1
    Schema: ClassVar[type[EventSchema]]
    description: ClassVar[str] = ""
    example: ClassVar[dict] = {}
    producer: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__name__ in REGISTRY and REGISTRY[cls.__name__] is not cls:
            raise TypeError(f"event type {cls.__name__} registered twice")
        REGISTRY[cls.__name__] = cls

    def __init__(self, **data: Any) -> None:
        errors = schema_of(self.Schema).validate(data)
        if errors:
            raise InvalidEvent(self.type_name(), errors)
        self.data = data

    @classmethod
    def type_name(cls) -> str:
        return cls.__name__

    def __repr__(self) -> str:
        return f"{self.type_name()}({self.data!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.data == self.data


def event_class(event_type: str) -> type[Event]:
    try:
        return REGISTRY[event_type]
    except KeyError:
        raise InvalidEvent(event_type, {"type": ["unknown event type"]}) from None


def validate_data(event_type: str, data: Any) -> dict:
    """Check an incoming event's data against its registered schema."""
    cls = event_class(event_type)
    try:
        schema_of(cls.Schema).load(data)
    except ValidationError as exc:
        raise InvalidEvent(event_type, exc.messages) from exc
    return data
