"""The ops listener (metrics and health) of a real process binds OPS_HOST, 127.0.0.1
unless set, and the gateway serves metrics and health there, not on its public API port
(issue 12, finding 9)."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
import requests

from tests.harness import ServiceProcess, free_port, wait_until

pytestmark = pytest.mark.integration
LISTEN = "0A"


def listening_address(port: int) -> str:
    """The address a TCP listener on ``port`` is bound to, from the kernel's socket table."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        address, port_hex = fields[1].split(":")
        if int(port_hex, 16) == port and fields[3] == LISTEN:
            return socket.inet_ntoa(bytes.fromhex(address)[::-1])
    raise AssertionError(f"nothing listens on port {port}")


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


@pytest.mark.parametrize("ops_host, bound", [("", "127.0.0.1"), ("0.0.0.0", "0.0.0.0")])
def test_the_gateway_serves_metrics_and_health_on_its_ops_listener_only(service_config, ops_host, bound):
    api_port, ops_port = free_port(), free_port()
    env = {k: str(v) for k, v in service_config.items() if k.isupper()}
    env.update({"SAMSKAB_JWT_SECRET": "s" * 48, "WEB_SERVER_ADDRESS": f"127.0.0.1:{api_port}",
                "METRICS_PORT": str(ops_port), "OPS_HOST": ops_host})
    process = ServiceProcess("gateway.service:GatewayService", env, "gateway").start()
    try:
        ops = f"http://127.0.0.1:{ops_port}"
        wait_until(lambda: answers(f"{ops}/health/live") and answers(f"http://127.0.0.1:{api_port}/openapi.json"),
                   timeout=60, message="gateway up")
        assert listening_address(ops_port) == bound
        assert requests.get(f"{ops}/health/ready", timeout=10).json()["checks"] == {"broker": True, "store": True}
        assert "samskab_http_requests_total" in requests.get(f"{ops}/metrics", timeout=10).text
        for path in ("/metrics", "/health/live", "/health/ready"):
            assert requests.get(f"http://127.0.0.1:{api_port}{path}", timeout=10).status_code == 404, path
    finally:
        process.stop(timeout=10)
