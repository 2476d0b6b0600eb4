"""The few shapes every response module uses."""
from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, fields

R: dict[str, Any] = {"required": True}
"""Always present."""
N: dict[str, Any] = {"required": True, "allow_none": True}
"""Always present, may be null."""


class Answer(Schema):
    """A response body: closed, every key listed."""

    class Meta:
        unknown = RAISE


def about(description: str) -> dict[str, Any]:
    return {"metadata": {"description": description}}


def records(description: str, **kwargs: Any) -> fields.List:
    """A list of free-form records (their keys follow the event that made them)."""
    return fields.List(fields.Dict(), **{**R, **kwargs}, **about(description))


def strings(description: str = "", **kwargs: Any) -> fields.List:
    return fields.List(fields.Str(), **{**R, **kwargs}, **(about(description) if description else {}))
