import pytest

from notifications.domain.deliveries import CANCELLED, DEAD, DELIVERED, FAILED, IN_FLIGHT, PENDING, Delivery
from notifications.domain.digest import group_by_recipient, next_digest_at
from notifications.domain.retry import (
    RETRY_SCHEDULE_S,
    max_attempts,
    next_delay,
    parse_retry_after,
    retry_delay,
)
from samskab_infra.errors import DomainRuleViolation

pytestmark = pytest.mark.unit

T0 = "2024-03-01T08:00:00.000000Z"


def new(**kw) -> Delivery:
    return Delivery.new(event_id="e1", event_type="ActorJoined", channel="webhook",
                        recipient_id="we_1", now=T0, **kw)


def test_the_schedule_retries_for_more_than_a_day_then_gives_up():
    delays = [retry_delay(n, rand=lambda: 0.5) for n in range(1, max_attempts())]
    assert delays == list(RETRY_SCHEDULE_S)
    assert delays[:4] == [5, 300, 1800, 7200]
    assert sum(delays) >= 24 * 3600
    assert retry_delay(max_attempts(), rand=lambda: 0.5) is None


def test_jitter_stays_within_twenty_percent_and_scale_shrinks_for_tests():
    assert retry_delay(2, rand=lambda: 0.0) == pytest.approx(240)
    assert retry_delay(2, rand=lambda: 1.0) == pytest.approx(360)
    assert retry_delay(2, scale=0.001, rand=lambda: 0.5) == pytest.approx(0.3)


def test_retry_after_is_honoured_but_never_shortens_the_schedule():
    assert next_delay(1, retry_after_s=120, rand=lambda: 0.5) == 120
    assert next_delay(3, retry_after_s=1, rand=lambda: 0.5) == 1800
    assert next_delay(1, retry_after_s=10 ** 9, rand=lambda: 0.5) == 24 * 3600
    assert next_delay(max_attempts(), retry_after_s=5) is None


def test_parse_retry_after_reads_seconds_and_http_dates():
    assert parse_retry_after("30", T0) == 30
    assert parse_retry_after("Fri, 01 Mar 2024 08:02:00 GMT", T0) == 120
    assert parse_retry_after("soon", T0) is None
    assert parse_retry_after(None, T0) is None


def test_lifecycle_claim_fail_retry_deliver():
    d = new()
    assert d.status == PENDING and d.is_due(T0) and d.delivery_id == "e1|webhook|we_1"
    claimed = d.claim(T0, lease_s=60)
    assert claimed.status == IN_FLIGHT and claimed.lease_until == "2024-03-01T08:01:00.000000Z"
    with pytest.raises(DomainRuleViolation):
        claimed.claim(T0, 60)
    failed = claimed.failed(T0, "HTTP 500", retry_in_s=5, status_code=500)
    assert (failed.status, failed.attempts, failed.next_attempt_at) == (
        FAILED, 1, "2024-03-01T08:00:05.000000Z")
    assert not failed.is_due(T0) and failed.is_due("2024-03-01T08:00:05.000000Z")
    done = failed.claim("2024-03-01T08:00:06.000000Z", 60).succeeded("2024-03-01T08:00:06.000000Z", 200)
    assert (done.status, done.attempts, done.last_error) == (DELIVERED, 2, None)


def test_giving_up_is_dead_and_dead_or_delivered_can_be_replayed():
    dead = new().claim(T0, 60).failed(T0, "x" * 900, retry_in_s=None)
    assert dead.status == DEAD and len(dead.last_error) == 500
    replayed = dead.replay("2024-03-02T00:00:00.000000Z")
    assert (replayed.status, replayed.attempts, replayed.replays) == (PENDING, 0, 1)
    assert replayed.attempt_key != dead.attempt_key
    with pytest.raises(DomainRuleViolation):
        new().replay(T0)
    with pytest.raises(DomainRuleViolation):
        new().cancel(T0, "consent").replay(T0)


def test_cancel_defer_and_release():
    assert new().cancel(T0, "consent withdrawn").status == CANCELLED
    deferred = new().defer("2024-03-01T09:00:00.000000Z", T0)
    assert deferred.status == PENDING and deferred.attempts == 0 and not deferred.is_due(T0)
    released = new().claim(T0, 60).released("2024-03-01T08:05:00.000000Z", retry_in_s=5)
    assert (released.status, released.attempts) == (FAILED, 1)
    assert released.is_due("2024-03-01T08:05:05.000000Z") and "lease" in released.last_error
    assert new().claim(T0, 60).released(T0, retry_in_s=None).status == DEAD


def test_document_round_trip():
    d = new(digest=True, send_at="2024-03-02T06:00:00.000000Z")
    assert Delivery.from_document(d.to_document()) == d


def test_next_digest_time_and_grouping():
    assert next_digest_at("2024-03-01T05:59:00Z", 6) == "2024-03-01T06:00:00.000000Z"
    assert next_digest_at("2024-03-01T06:00:00Z", 6) == "2024-03-02T06:00:00.000000Z"
    a = Delivery.new(event_id="1", event_type="X", channel="email", recipient_id="p", now=T0)
    b = Delivery.new(event_id="2", event_type="X", channel="email", recipient_id="q", now=T0)
    c = Delivery.new(event_id="3", event_type="X", channel="email", recipient_id="p", now=T0)
    assert group_by_recipient([a, b, c]) == {"p": [a, c], "q": [b]}
