"""Failed sign-ins counted in a real store: two web processes (two limits on one collection)
share the count, and the lockout is kept there."""
from __future__ import annotations

import pytest

from samskab_web.signin_limit import COLLECTION, Limits, SignInLimit, StoredFailureCounts

pytestmark = pytest.mark.integration
EMAIL = "anna@politi.dk"


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000.0

    def __call__(self) -> float:
        return self.now


def test_two_web_processes_share_the_count_and_the_lockout(mongo_client, db_prefix):
    collection = mongo_client[f"{db_prefix}_web"][COLLECTION]
    clock = Clock()
    limits = Limits(max_failures=4, window_s=600, lockout_s=300)
    first, second = (SignInLimit(StoredFailureCounts(collection), limits, clock) for _ in range(2))
    first.failed(EMAIL, "10.0.0.1")
    second.failed(EMAIL, "10.0.0.2")
    first.failed(EMAIL, "10.0.0.3")
    assert second.wait_s(EMAIL, "10.0.0.4") == 0
    second.failed(EMAIL, "10.0.0.4")
    assert first.wait_s(EMAIL, "10.0.0.5") == 300
    assert EMAIL not in str(list(collection.find()))

    clock.now += 700  # the lockout and the window are over: a new window starts
    assert second.wait_s(EMAIL, None) == 0
    first.failed(EMAIL, None)
    assert collection.find_one({"failures": 1, "window_ends": clock.now + 600}) is not None
    first.succeeded(EMAIL)
    assert second.wait_s(EMAIL, None) == 0
