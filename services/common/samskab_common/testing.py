"""Hand-written fakes of our own ports, for unit tests only."""
from __future__ import annotations

import copy
from collections.abc import Sequence

from .envelope import Envelope
from .outbox import AlreadyExists, ConflictError


class InMemoryAggregateStore:
    """Same contract as outbox.AggregateStore, kept in a dict; ``published``
    collects every envelope that a real store would hand to the relay."""

    def __init__(self) -> None:
        self.documents: dict[str, dict] = {}
        self.published: list[Envelope] = []

    def get(self, aggregate_id: str) -> dict | None:
        doc = self.documents.get(aggregate_id)
        return copy.deepcopy(doc) if doc is not None else None

    def create(self, aggregate_id: str, state: dict, events: Sequence[Envelope]) -> int:
        if aggregate_id in self.documents:
            raise AlreadyExists(aggregate_id)
        self.documents[aggregate_id] = {**copy.deepcopy(state), "_id": aggregate_id, "version": 1}
        self.published.extend(events)
        return 1

    def update(self, aggregate_id: str, state: dict, expected_version: int,
               events: Sequence[Envelope]) -> int:
        current = self.documents.get(aggregate_id)
        if current is None:
            raise KeyError(aggregate_id)
        if current["version"] != expected_version:
            raise ConflictError(aggregate_id, expected_version, current["version"])
        self.documents[aggregate_id] = {
            **copy.deepcopy(state), "_id": aggregate_id, "version": expected_version + 1
        }
        self.published.extend(events)
        return expected_version + 1

    def find(self, query: dict | None = None, *, after: str | None = None,
             limit: int | None = None) -> list[dict]:
        query = query or {}
        found = [copy.deepcopy(d) for _, d in sorted(self.documents.items())
                 if all(d.get(k) == v for k, v in query.items()) and (after is None or d["_id"] > after)]
        return found[:limit] if limit is not None else found

    def count(self, query: dict | None = None) -> int:
        return len(self.find(query))

    def events_of_type(self, event_type: str) -> list[Envelope]:
        return [e for e in self.published if e.type == event_type]
