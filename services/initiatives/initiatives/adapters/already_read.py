"""The store, with the command's initiative already read.

Authorisation decides on the stored initiative before the command runs; the command's
save path then reads the same initiative. Handing the save path this store instead of
the bare one answers that first read with the read authorisation made, so a command
reads its initiative once. A second read (the save path deciding again after a
concurrent write) goes to the store: it must see the fresh state.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from samskab_infra.aggregate_store import StoredAggregate
from samskab_infra.command_log import CommandRecord
from samskab_infra.envelope import Envelope
from samskab_infra.ports import AggregateReader
from samskab_infra.saving import AggregatePort


class _Store(AggregatePort, AggregateReader, Protocol):
    """The store: its save path and its reads."""


class AlreadyRead:
    """An AggregatePort over ``store`` whose next read of ``stored``'s aggregate is
    answered with ``stored``; writes go to the store."""

    def __init__(self, store: _Store, stored: StoredAggregate | None) -> None:
        self.store = store
        self._unread = stored

    def read(self, aggregate_id: str) -> StoredAggregate | None:
        stored, self._unread = self._unread, None
        if stored is not None and stored.document.get("_id") == aggregate_id:
            return stored
        return self.store.read(aggregate_id)

    def get(self, aggregate_id: str) -> dict | None:
        """Another aggregate's document (a command that looks at a second initiative); the
        command's own read is left for its save path."""
        return self.store.get(aggregate_id)

    def create(self, aggregate_id: str, state: dict, events: Sequence[Envelope],
               command: CommandRecord | None = None) -> int:
        return self.store.create(aggregate_id, state, events, command)

    def update(self, aggregate_id: str, state: dict, expected_version: int,
               events: Sequence[Envelope], command: CommandRecord | None = None) -> int:
        return self.store.update(aggregate_id, state, expected_version, events, command)
