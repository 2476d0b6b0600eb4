"""Rate limits per caller, the gateway's settings and metric labels."""
from __future__ import annotations

import pytest

from gateway.metrics import HTTP_REQUESTS, observe, route_template
from gateway.ratelimit import RateLimiter
from gateway.settings import GatewaySettings, load_gateway_settings
from samskab_common.settings import SettingsError

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_caller_gets_its_burst_then_the_steady_rate_and_others_are_not_affected():
    clock = Clock()
    limiter = RateLimiter(rate_per_s=2, burst=3, clock=clock)
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(0.5)
    assert limiter.take("b") == 0.0
    clock.now += 0.5
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0
    clock.now += 60
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]


def test_settings_come_from_config_or_environment_and_bad_values_stop_the_start(monkeypatch):
    assert load_gateway_settings({}) == GatewaySettings()
    monkeypatch.setenv("GATEWAY_RATE_BURST", "7")
    settings = load_gateway_settings({"GATEWAY_RPC_TIMEOUT_S": "0.5"})
    assert (settings.rate_burst, settings.rpc_timeout_s) == (7, 0.5)
    for name, value in (("GATEWAY_RATE_BURST", "many"), ("GATEWAY_MAX_BODY_BYTES", "0"),
                        ("GATEWAY_RATE_PER_S", "-1")):
        with pytest.raises(SettingsError):
            load_gateway_settings({name: value})


def test_metric_labels_are_route_templates_and_known_methods():
    assert route_template("/initiatives/<string:initiative_id>/goals/<goal_id>") == \
        "/initiatives/{initiative_id}/goals/{goal_id}"
    assert route_template("/me/feed/<path:item_id>/read") == "/me/feed/{item_id}/read"
    observe("/x/{x_id}", "BREW", 405, 0.01)
    assert HTTP_REQUESTS.labels("/x/{x_id}", "OTHER", "405")._value.get() == 1
