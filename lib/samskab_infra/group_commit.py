"""Writes asked for at the same moment, sent as one store round trip (a group commit).

"The same moment" is one turn of eventlet's hub: the first caller opens a batch and
yields once; every caller that joins before the batch is sent shares it. Each caller
waits for the shared write and gets its answer (or the store's exception) before it goes
on, so a consumer still acknowledges a message only once its own write is in the store:
nothing is acked early, and a burst of messages costs one round trip instead of one each.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import eventlet
from eventlet.event import Event

Item = TypeVar("Item")
Answer = TypeVar("Answer")


class _Batch(Generic[Item]):
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.done = Event()


class GroupCommit(Generic[Item, Answer]):
    """``join(item)`` returns what ``send(items)`` returned for the batch the item went in.
    ``linger_s``: how long a batch stays open for more callers (0: one turn of the hub), for
    writes nobody waits on but a message's acknowledgement."""

    def __init__(self, send: Callable[[list[Item]], Answer], linger_s: float = 0.0) -> None:
        self._send = send
        self._linger_s = linger_s
        self._open: _Batch[Item] | None = None

    def join(self, item: Item) -> Answer:
        return self.join_at(item)[0]

    def join_at(self, item: Item) -> tuple[Answer, int]:
        """The batch's answer and the item's position in the batch."""
        if self._open is None:
            self._open = _Batch()
            eventlet.spawn_n(self._flush, self._open)
        batch = self._open
        batch.items.append(item)
        position = len(batch.items) - 1
        return batch.done.wait(), position

    def _flush(self, batch: _Batch[Item]) -> None:
        eventlet.sleep(self._linger_s)  # let the callers of this turn (or of the linger) join
        self._open = None
        try:
            batch.done.send(self._send(batch.items))
        except Exception as exc:  # noqa: BLE001 - every caller gets the store's exception
            batch.done.send_exception(exc)
