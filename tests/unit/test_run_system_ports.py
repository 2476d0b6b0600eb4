"""The ports `make run` plans to use, and the settings that move them."""
from __future__ import annotations

import pytest

from samskab_infra.settings import load_settings
from scripts.launcher.ports import LaunchError, plan_ports, plan_web

pytestmark = pytest.mark.unit


def test_defaults_name_every_port_with_the_setting_that_moves_it():
    plan = plan_ports({})
    assert [(p.address, p.setting) for p in plan.all()] == [
        ("127.0.0.1:8080", "GATEWAY_ADDRESS"), ("127.0.0.1:27017", "SAMSKAB_STORE_PORT"),
        ("127.0.0.1:9101", "INITIATIVES_METRICS_PORT"), ("127.0.0.1:9102", "ACTORS_METRICS_PORT"),
        ("127.0.0.1:9103", "NOTIFICATIONS_METRICS_PORT"), ("127.0.0.1:9104", "REPORTING_METRICS_PORT"),
        ("127.0.0.1:9105", "GATEWAY_METRICS_PORT")]


@pytest.mark.parametrize("environ, host", [({}, "127.0.0.1"), ({"OPS_HOST": "0.0.0.0"}, "0.0.0.0")])
def test_the_ops_listeners_are_planned_where_the_processes_bind_them(environ, host, monkeypatch):
    """The preflight probes the address the processes bind: OPS_HOST, read the same way."""
    monkeypatch.delenv("OPS_HOST", raising=False)
    plan = plan_ports(environ)
    assert {p.host for p in plan.metrics.values()} == {host} == {load_settings(environ).ops_host}
    assert plan.gateway.host == "127.0.0.1"


def test_a_store_named_by_mongo_uri_needs_no_port():
    assert plan_ports({"MONGO_URI": "mongodb://db.example:27017/"}).store is None


@pytest.mark.parametrize("environ, message", [
    ({"GATEWAY_ADDRESS": "8080"}, "GATEWAY_ADDRESS must be host:port"),
    ({"SAMSKAB_STORE_PORT": "70000"}, "SAMSKAB_STORE_PORT must be a port number"),
    ({"ACTORS_METRICS_PORT": "9101"}, "ACTORS_METRICS_PORT and INITIATIVES_METRICS_PORT both choose port 9101"),
])
def test_a_bad_or_clashing_setting_is_refused(environ, message):
    with pytest.raises(LaunchError, match=message):
        plan_ports(environ)


def test_the_web_pages_ports_are_planned_with_the_settings_that_move_them():
    plan = plan_ports({})
    assert [(p.address, p.setting) for p in plan_web({}, plan)] == [
        ("127.0.0.1:8081", "WEB_ADDRESS"), ("127.0.0.1:9106", "WEB_METRICS_PORT")]
    with pytest.raises(LaunchError, match="WEB_METRICS_PORT and GATEWAY_METRICS_PORT both choose port 9105"):
        plan_web({"WEB_METRICS_PORT": "9105"}, plan)
    with pytest.raises(LaunchError, match="WEB_ADDRESS must be host:port"):
        plan_web({"WEB_ADDRESS": "8081"}, plan)
