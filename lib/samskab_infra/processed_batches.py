"""A consumer's de-duplication log with its store round trips shared: the deliveries that
ask at the same moment share one ``find`` (``$in``), and the handlers that finish at the
same moment share one ``insert_many``. A burst of messages then costs two store
operations instead of two per message, and nothing else changes: each caller still gets
its own answer (or the store's exception) before it acks.

"The same moment" is one turn of eventlet's hub: the first caller opens a batch and
yields once; every caller that runs before the batch is sent joins it.
"""
from __future__ import annotations

from collections.abc import Iterable

import eventlet
from eventlet.event import Event
from pymongo.database import Database

from .clock import utc_now_iso
from .idempotency import PROCESSED
from .inserts import insert_unique


class _Batch:
    def __init__(self) -> None:
        self.items: dict[str, str] = {}
        self.done = Event()


class BatchedProcessedEvents:
    """ProcessedLog (samskab_infra.ports) for one consumer, batching its store operations."""

    def __init__(self, db: Database, consumer: str) -> None:
        self.collection = db[PROCESSED]
        self.consumer = consumer
        self._lookup: _Batch | None = None
        self._marks: _Batch | None = None

    # -- asked by many deliveries at once -------------------------------------

    def processed_among(self, event_ids: Iterable[str]) -> set[str]:
        """Which of ``event_ids`` this consumer has processed: one store operation."""
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            return set()
        rows = self.collection.find({"consumer": self.consumer, "event_id": {"$in": ids}},
                                    {"_id": 0, "event_id": 1})
        return {row["event_id"] for row in rows}

    def already_processed(self, event_id: str) -> bool:
        if self._lookup is None:
            self._lookup = _Batch()
            eventlet.spawn_n(self._send_lookup, self._lookup)
        batch = self._lookup
        batch.items[event_id] = ""
        return event_id in batch.done.wait()

    def mark_processed(self, event_id: str, event_type: str) -> bool:
        """Record the event as processed; False if it already was."""
        if self._marks is None:
            self._marks = _Batch()
            eventlet.spawn_n(self._send_marks, self._marks)
        batch = self._marks
        batch.items[event_id] = event_type
        return event_id not in batch.done.wait()

    # -- the shared round trips -----------------------------------------------

    def _send_lookup(self, batch: _Batch) -> None:
        eventlet.sleep(0)
        self._lookup = None
        try:
            batch.done.send(self.processed_among(batch.items))
        except Exception as exc:  # noqa: BLE001 - every caller gets the store's exception
            batch.done.send_exception(exc)

    def _send_marks(self, batch: _Batch) -> None:
        """Answers the ids that were already recorded (the callers' False)."""
        eventlet.sleep(0)
        self._marks = None
        at = utc_now_iso()
        rows = [{"consumer": self.consumer, "event_id": event_id, "type": event_type, "at": at}
                for event_id, event_type in batch.items.items()]
        try:
            refused = insert_unique(self.collection, rows)
        except Exception as exc:  # noqa: BLE001 - every caller gets the store's exception
            batch.done.send_exception(exc)
            return
        batch.done.send({rows[i]["event_id"] for i in refused})
