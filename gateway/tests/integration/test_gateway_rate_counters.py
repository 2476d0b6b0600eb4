"""The shared rate counters against the real store: limits, the sliding previous window,
refusals that do not count, failed-authentication blocking and the purge."""
from __future__ import annotations

import pytest

from gateway.auth_failures import FailedAuthentications
from gateway.ratelimit import BatchedCounters, SlidingWindowCounters, Window, purge_expired
from samskab_infra.errors import TooManyRequests

pytestmark = pytest.mark.integration


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collection(mongo_client, db_prefix):
    return mongo_client[f"{db_prefix}_gateway"]["rate_counters"]


def test_two_counters_over_one_collection_share_the_limit_and_refusals_do_not_count(collection):
    clock = Clock()
    window = Window(limit=4, seconds=10)
    replicas = [SlidingWindowCounters(collection, clock), SlidingWindowCounters(collection, clock)]
    waits = [replicas[i % 2].hit("caller", window) for i in range(7)]
    assert waits[:4] == [0.0] * 4 and all(w > 0 for w in waits[4:])
    assert collection.find_one({"_id": "caller|100000"})["count"] == 4
    assert replicas[0].hit("someone-else", window) == 0.0


def test_a_full_previous_window_still_counts_just_after_the_edge(collection):
    clock = Clock()
    window = Window(limit=4, seconds=10)
    counters = SlidingWindowCounters(collection, clock)
    assert [counters.hit("c", window) for _ in range(4)] == [0.0] * 4
    clock.now += 10.5
    assert counters.hit("c", window) == pytest.approx(2)
    clock.now += 2.5
    assert counters.hit("c", window) == 0.0


class CountersCheckedMidFlush(SlidingWindowCounters):
    """Another request of the caller is checked while a flush's addition is on its way to the
    store, as happens when the gateway's green thread waits for the store's answer."""

    def __init__(self, collection, clock):
        super().__init__(collection, clock)
        self.meanwhile = None
        self.seen: list[float] = []

    def _add(self, key, window, index, amount):
        if self.meanwhile is not None:
            check, self.meanwhile = self.meanwhile, None
            self.seen.append(check())
        return super()._add(key, window, index, amount)


def test_batched_counts_still_count_while_their_flush_is_under_way(collection):
    clock = Clock(1_000_000.5)
    window = Window(limit=3, seconds=15)
    counters = CountersCheckedMidFlush(collection, clock)
    batched = BatchedCounters(counters, flush_s=0.1)
    assert [batched.hit("c", window) for _ in range(3)] == [0.0] * 3
    counters.meanwhile = lambda: batched.hit("c", window)
    batched.flush()
    assert counters.seen[0] > 0, "the fourth request passed while the flush was under way"
    assert batched.hit("c", window) > 0
    assert collection.find_one({"_id": "c|66666"})["count"] == 3


def test_an_address_with_too_many_failures_is_refused_then_forgiven(collection):
    wall, local = Clock(), Clock(0.0)
    failures = FailedAuthentications(SlidingWindowCounters(collection, wall), Window(3, 60), local)
    for _ in range(3):
        failures.refuse_if_blocked("10.0.0.1")
        failures.record("10.0.0.1", "auth.key_invalid")
    failures.record("10.0.0.2", "auth.missing")
    failures.refuse_if_blocked("10.0.0.2")
    with pytest.raises(TooManyRequests) as refused:
        failures.refuse_if_blocked("10.0.0.1")
    assert refused.value.code == "auth.too_many_failures" and refused.value.details["retry_after"] >= 1
    wall.now += 120
    local.now += 120
    failures.refuse_if_blocked("10.0.0.1")


def test_counters_of_past_windows_are_purged(collection):
    clock = Clock()
    counters = SlidingWindowCounters(collection, clock)
    counters.add("c", Window(1, 10))
    assert purge_expired(collection, clock.now) == 0
    assert purge_expired(collection, clock.now + 30) == 1
