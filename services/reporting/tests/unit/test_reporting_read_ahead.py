"""Reading ahead on a thread: the same items in the same order, errors raised to the reader,
and a reader that stops early stops the fetching thread."""
from __future__ import annotations

import threading

import pytest

from reporting.adapters.read_ahead import read_ahead

pytestmark = pytest.mark.unit


def test_items_come_in_order_and_are_fetched_ahead_on_another_thread() -> None:
    fetched_on: set[str] = set()

    def batches():
        for number in range(50):
            fetched_on.add(threading.current_thread().name)
            yield [number] * 3

    assert list(read_ahead(batches(), depth=3)) == [[n] * 3 for n in range(50)]
    assert fetched_on == {"read-ahead"}


def test_an_error_while_fetching_is_raised_to_the_reader_after_what_came_before() -> None:
    def batches():
        yield 1
        yield 2
        raise ConnectionError("the store went away")

    got = []
    with pytest.raises(ConnectionError, match="went away"):
        for item in read_ahead(batches()):
            got.append(item)
    assert got == [1, 2]


def test_a_reader_that_stops_early_stops_the_fetching_thread() -> None:
    fetched = []

    def endless():
        number = 0
        while True:
            fetched.append(number)
            yield number
            number += 1

    items = read_ahead(endless(), depth=2)
    assert [next(items) for _ in range(5)] == [0, 1, 2, 3, 4]
    items.close()
    assert not any(t.name == "read-ahead" for t in threading.enumerate())
    assert len(fetched) <= 5 + 2 + 1  # what was read, what waited in the queue, one in hand
