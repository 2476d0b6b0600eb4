"""Rate limits per caller, the gateway's settings and metric labels."""
from __future__ import annotations

import pytest
from pymongo.errors import ServerSelectionTimeoutError

from gateway.metrics import HTTP_REQUESTS, RATE_LIMITER_SKIPPED, observe, route_template
from gateway.ratelimit import FailOpen, Window, _wait, seconds_to_retry
from gateway.settings import GatewaySettings, load_gateway_settings, rate_window
from samskab_infra.settings import SettingsError

pytestmark = pytest.mark.unit


def test_a_window_admits_its_limit_then_says_how_long_to_wait():
    window = Window(limit=3, seconds=10)
    assert [_wait(window, previous=0, current=n, elapsed=2) for n in range(3)] == [0.0, 0.0, 0.0]
    # Full: the next window starts in 8 s, and a third of it must pass before 3 weigh only 2.
    assert _wait(window, previous=0, current=3, elapsed=2) == pytest.approx(8 + 10 / 3)


def test_the_previous_window_counts_by_the_part_still_inside_the_sliding_window():
    window = Window(limit=4, seconds=10)
    # 4 admitted just before the edge: right after it they still fill the sliding window.
    assert _wait(window, previous=4, current=0, elapsed=0.5) == pytest.approx(2)
    assert _wait(window, previous=4, current=0, elapsed=2.5) == 0.0
    # The current window is full: wait for the next one, then for its weight to fall.
    assert _wait(window, previous=0, current=4, elapsed=5) == pytest.approx(5 + 2.5)


def test_retry_after_is_a_whole_second_at_least():
    assert seconds_to_retry(0.001) == 1 and seconds_to_retry(2.1) == 3


def test_the_caller_limit_is_the_burst_refilled_at_the_steady_rate():
    assert rate_window(GatewaySettings(rate_per_s=50, rate_burst=100)) == (100, 2.0)
    assert rate_window(GatewaySettings(rate_per_s=0, rate_burst=5)) == (5, 24 * 3600.0)


def test_settings_come_from_config_or_environment_and_bad_values_stop_the_start(monkeypatch):
    assert load_gateway_settings({}) == GatewaySettings()
    monkeypatch.setenv("GATEWAY_RATE_BURST", "7")
    settings = load_gateway_settings({"GATEWAY_RPC_TIMEOUT_S": "0.5"})
    assert (settings.rate_burst, settings.rpc_timeout_s) == (7, 0.5)
    assert load_gateway_settings({"GATEWAY_JWT_ISSUER": "politi", "GATEWAY_JWT_LEEWAY_S": "0"}).jwt_issuer == "politi"
    for name, value in (("GATEWAY_RATE_BURST", "many"), ("GATEWAY_MAX_BODY_BYTES", "0"),
                        ("GATEWAY_RATE_PER_S", "-1"), ("GATEWAY_JWT_ISSUER", " "),
                        ("GATEWAY_AUTH_FAILURES", "0")):
        with pytest.raises(SettingsError):
            load_gateway_settings({name: value})


def test_metric_labels_are_route_templates_and_known_methods():
    assert route_template("/initiatives/<string:initiative_id>/goals/<goal_id>") == \
        "/initiatives/{initiative_id}/goals/{goal_id}"
    assert route_template("/me/feed/<path:item_id>/read") == "/me/feed/{item_id}/read"
    observe("/x/{x_id}", "BREW", 405, 0.01)
    assert HTTP_REQUESTS.labels("/x/{x_id}", "OTHER", "405")._value.get() == 1


def test_a_store_that_does_not_answer_lets_the_request_through_and_is_counted():
    def unreachable() -> float:
        raise ServerSelectionTimeoutError("store down")

    skipped = RATE_LIMITER_SKIPPED.labels("caller")
    before = skipped._value.get()
    fail_open = FailOpen()
    assert fail_open(unreachable, "caller") == 0.0 and fail_open(unreachable, "caller") == 0.0
    assert skipped._value.get() == before + 2
    assert fail_open(lambda: 3.0, "caller") == 3.0 and not fail_open.failing
