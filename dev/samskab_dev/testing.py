"""Hand-written fakes of our own ports, for unit tests only."""
from __future__ import annotations

import copy
from collections.abc import Sequence

from samskab_infra.aggregate_store import AlreadyExists, ConflictError, StoredAggregate
from samskab_infra.command_log import CommandRecord, kept_commands, recorded_outcomes
from samskab_infra.envelope import Envelope


class InMemoryAggregateStore:
    """Same contract as outbox.AggregateStore, kept in a dict; ``published``
    collects every envelope that a real store would hand to the relay."""

    def __init__(self) -> None:
        self.documents: dict[str, dict] = {}
        self.commands: dict[str, list[dict]] = {}
        self.published: list[Envelope] = []

    def get(self, aggregate_id: str) -> dict | None:
        doc = self.documents.get(aggregate_id)
        return copy.deepcopy(doc) if doc is not None else None

    def read(self, aggregate_id: str) -> StoredAggregate | None:
        doc = self.get(aggregate_id)
        if doc is None:
            return None
        return StoredAggregate(doc, copy.deepcopy(recorded_outcomes(self.commands.get(aggregate_id))))

    def create(self, aggregate_id: str, state: dict, events: Sequence[Envelope],
               command: CommandRecord | None = None) -> int:
        if aggregate_id in self.documents:
            raise AlreadyExists(aggregate_id)
        self.documents[aggregate_id] = {**copy.deepcopy(state), "_id": aggregate_id, "version": 1}
        self.commands[aggregate_id] = kept_commands([], copy.deepcopy(command))
        self.published.extend(events)
        return 1

    def update(self, aggregate_id: str, state: dict, expected_version: int,
               events: Sequence[Envelope], command: CommandRecord | None = None) -> int:
        current = self.documents.get(aggregate_id)
        if current is None:
            raise KeyError(aggregate_id)
        if current["version"] != expected_version:
            raise ConflictError(aggregate_id, expected_version, current["version"])
        self.documents[aggregate_id] = {
            **copy.deepcopy(state), "_id": aggregate_id, "version": expected_version + 1
        }
        self.commands[aggregate_id] = kept_commands(self.commands.get(aggregate_id, []),
                                                    copy.deepcopy(command))
        self.published.extend(events)
        return expected_version + 1

    def find(self, query: dict | None = None, *, after: str | None = None,
             limit: int | None = None) -> list[dict]:
        query = query or {}
        found = [copy.deepcopy(d) for _, d in sorted(self.documents.items())
                 if all(_equal(d.get(k), v) for k, v in query.items()) and (after is None or d["_id"] > after)]
        return found[:limit] if limit is not None else found

    def count(self, query: dict | None = None) -> int:
        return len(self.find(query))

    def events_of_type(self, event_type: str) -> list[Envelope]:
        return [e for e in self.published if e.type == event_type]


def _equal(stored: object, wanted: object) -> bool:
    """The store's equality: the value itself, or one element of a stored array."""
    return stored == wanted or (isinstance(stored, list) and wanted in stored)
