"""The store ports: what handlers, queries, the save path and the consumer need of a
store, as Protocols. ``AggregateStore`` and ``BatchedProcessedEvents`` are the MongoDB
adapters; the unit tests' hand-written fakes satisfy the same ports.

A handler or query takes the narrowest port it uses: a query an ``AggregateReader``,
a command an ``AggregateStorePort`` (it reads, then saves through ``save_command``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from .aggregate_store import StoredAggregate
from .command_log import CommandRecord
from .envelope import Envelope


class AggregateReader(Protocol):
    """The read side of one aggregate collection: documents without the store's own fields."""

    def get(self, aggregate_id: str) -> dict | None: ...

    def find(self, query: dict | None = None, *, after: str | None = None,
             limit: int | None = None) -> list[dict]: ...

    def count(self, query: dict | None = None) -> int: ...

    def history(self, aggregate_id: str) -> list[dict]: ...


class AggregatePort(Protocol):
    """What the save path (samskab_infra.saving) needs of a store: one reading with the
    recorded command outcomes, and writes that carry their events (the outbox)."""

    def read(self, aggregate_id: str) -> StoredAggregate | None: ...

    def create(self, aggregate_id: str, state: dict, events: Sequence[Envelope],
               command: CommandRecord | None = None) -> int: ...

    def update(self, aggregate_id: str, state: dict, expected_version: int,
               events: Sequence[Envelope], command: CommandRecord | None = None) -> int: ...


class AggregateStorePort(AggregateReader, AggregatePort, Protocol):
    """Both sides of one aggregate collection, as a command handler uses it."""


class ProcessedLog(Protocol):
    """A consumer's de-duplication log (samskab_infra.delivery)."""

    def already_processed(self, event_id: str) -> bool: ...

    def processed_among(self, event_ids: Iterable[str]) -> set[str]: ...

    def mark_processed(self, event_id: str, event_type: str) -> bool: ...


if TYPE_CHECKING:
    from .aggregate_store import AggregateStore
    from .processed_batches import BatchedProcessedEvents

    def _adapters_fit_their_ports(store: AggregateStore,
                                  processed: BatchedProcessedEvents) -> tuple[AggregateStorePort, ProcessedLog]:
        """Never called: mypy checks here that the MongoDB adapters satisfy the ports."""
        return store, processed
