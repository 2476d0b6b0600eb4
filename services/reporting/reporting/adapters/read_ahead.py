"""Reading ahead: a thread of its own fetches the next items (a cursor's batches) while the
caller works on the current one, so the store and this process work at the same time."""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from queue import Empty, Full, Queue
from typing import TypeVar

T = TypeVar("T")
_END = object()
_POLL_S = 0.1


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


def read_ahead(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """The items in order, fetched up to ``depth`` ahead on another thread. An error while
    fetching is raised here; closing the iterator early stops the fetching thread."""
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()

    def fetch() -> None:
        try:
            for item in items:
                if not _put(queue, item, stop):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed over and raised in the reader
            _put(queue, _Failed(exc), stop)
            return
        _put(queue, _END, stop)

    thread = threading.Thread(target=fetch, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            try:
                item = queue.get(timeout=_POLL_S)
            except Empty:
                if not thread.is_alive() and queue.empty():
                    raise RuntimeError("the read-ahead thread ended without a word") from None
                continue
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        thread.join()


def _put(queue: Queue, item: object, stop: threading.Event) -> bool:
    """Put ``item`` once there is room; False when the reader stopped first."""
    while not stop.is_set():
        try:
            queue.put(item, timeout=_POLL_S)
            return True
        except Full:
            continue
    return False
