"""``samskab_store_operations_total{service,operation}``: every command a process sends to
the store, counted by pymongo's command monitoring (one ``find``, ``insert``, ``update``,
``findAndModify``, ``getMore`` ... is one operation, whatever it carries). The
benchmarks read it to print store operations per command; operations teams read it to
see which service loads the store."""
from __future__ import annotations

from pymongo import monitoring

from .metrics import STORE_OPERATIONS


class StoreOperationCounter(monitoring.CommandListener):
    """Counts started commands; a command's own outcome is pymongo's business."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._counters: dict[str, object] = {}

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        counter = self._counters.get(event.command_name)
        if counter is None:
            counter = self._counters[event.command_name] = STORE_OPERATIONS.labels(
                self.service, event.command_name)
        counter.inc()  # type: ignore[attr-defined]

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass
