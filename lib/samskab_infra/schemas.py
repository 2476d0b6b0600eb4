"""One marshmallow schema instance per schema class, made on first use.

Instantiating a schema deep-copies every declared field, which costs more than validating
a typical payload; on the hot paths (every event built, every envelope received, every
command's payload, every partner view) that was the largest single CPU cost. A schema
instance keeps no state between ``load``/``validate`` calls, so one per class serves every
caller, green threads included."""
from __future__ import annotations

from functools import cache
from typing import TypeVar

from marshmallow import Schema

S = TypeVar("S", bound=Schema)


@cache
def schema_of(schema_class: type[S]) -> S:
    return schema_class()
