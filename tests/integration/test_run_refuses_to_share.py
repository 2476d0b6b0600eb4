"""A second system never joins the first (issue 12, failure 6): a taken port stops the
gateway, a service's ops listener and ``make run`` with a message naming the port and the
setting that moves it; a store that fails to start stops ``make run`` with nothing left
running; and the embedded store runner never hands back a store it did not start."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from samskab_dev.store_runner import EmbeddedStore, StoreStartError
from tests.harness import ROOT, ServiceProcess, free_port, wait_until

pytestmark = pytest.mark.integration

RUN_SYSTEM = ROOT / "scripts/run_system.py"
METRICS_SETTINGS = ("INITIATIVES_METRICS_PORT", "ACTORS_METRICS_PORT", "NOTIFICATIONS_METRICS_PORT",
                    "REPORTING_METRICS_PORT", "GATEWAY_METRICS_PORT", "WEB_METRICS_PORT")


def listener_like_another_system(port: int = 0) -> socket.socket:
    """A listener as the first system's gateway opened it before the fix: with
    SO_REUSEPORT, which let a second one bind beside it."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen()
    return sock


def processes_with(var_dir: Path) -> list[int]:
    """Every process started for a `make run` that uses ``var_dir`` (it and its children
    inherit SAMSKAB_VAR_DIR)."""
    marker = f"SAMSKAB_VAR_DIR={var_dir}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def run_system(env: dict[str, str], timeout: float = 60) -> tuple[subprocess.CompletedProcess, list[int]]:
    """`make run` until it exits by itself, and the processes it left running (stopped here by PID)."""
    process = subprocess.Popen([sys.executable, str(RUN_SYSTEM)], env=env, cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        leftovers = processes_with(Path(env["SAMSKAB_VAR_DIR"]))
        for pid in leftovers:
            os.kill(pid, signal.SIGKILL)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), leftovers


@pytest.fixture
def run_env(tmp_path, rabbit_config) -> dict[str, str]:
    """`make run` on free ports, in its own directory and vhost, with the embedded store."""
    env = {k: v for k, v in os.environ.items() if k not in ("MONGO_URI", "PYTHONPATH")}
    return {**env, "SAMSKAB_VAR_DIR": str(tmp_path), "AMQP_URI": rabbit_config["AMQP_URI"],
            "SAMSKAB_JWT_SECRET": "s" * 48, "GATEWAY_ADDRESS": f"127.0.0.1:{free_port()}",
            "WEB_ADDRESS": f"127.0.0.1:{free_port()}",
            "SAMSKAB_STORE_PORT": str(free_port()), **{name: str(free_port()) for name in METRICS_SETTINGS}}


@pytest.mark.parametrize("setting", ["GATEWAY_ADDRESS", "SAMSKAB_STORE_PORT", "ACTORS_METRICS_PORT"])
def test_make_run_refuses_a_taken_port_before_starting_anything(run_env, tmp_path, setting):
    with closing(listener_like_another_system()) as other:
        port = other.getsockname()[1]
        run_env[setting] = f"127.0.0.1:{port}" if setting == "GATEWAY_ADDRESS" else str(port)
        result, leftovers = run_system(run_env)
    assert result.returncode == 2
    taken = [line for line in result.stderr.splitlines() if f":{port} " in line]
    assert len(taken) == 1 and f"set {setting}" in taken[0], result.stderr
    assert "nothing was started" in result.stderr
    assert not list(tmp_path.glob("nx-27017-*")), "the store was started"
    assert result.stdout == ""
    assert leftovers == []


def test_make_run_refuses_a_store_directory_another_make_run_uses(run_env, tmp_path):
    other = EmbeddedStore(data_dir=tmp_path / "store", run_dir=tmp_path).start()
    try:
        result, leftovers = run_system(run_env)
        assert other.returncode() is None
        assert result.returncode == 2
        assert f"is the store of another make run (nx-27017, pid {other.process.pid})" in result.stderr
        assert "set SAMSKAB_VAR_DIR" in result.stderr
        assert leftovers == []
    finally:
        other.stop()


def test_make_run_stops_when_its_store_fails_to_start_and_leaves_nothing_running(run_env, tmp_path):
    # The store crashes at start-up: its log file cannot be opened.
    (tmp_path / f"nx-27017-{run_env['SAMSKAB_STORE_PORT']}.log").mkdir()
    result, leftovers = run_system(run_env)
    assert result.returncode == 1
    assert "the embedded store (nx-27017)" in result.stderr and "exited at start-up" in result.stderr
    assert "IsADirectoryError" in result.stderr, result.stderr
    assert "declared" not in result.stdout, "went on to the broker topology"
    assert "Samskab gateway" not in result.stdout
    assert leftovers == []


@pytest.mark.parametrize("name, target, setting", [
    ("gateway", "gateway.service:GatewayService", "WEB_SERVER_ADDRESS"),
    ("actors", "actors.service:ActorsService", "METRICS_PORT"),
])
def test_a_process_refuses_to_listen_beside_another_system(service_config, name, target, setting):
    with closing(listener_like_another_system()) as other:
        port = other.getsockname()[1]
        env = {k: str(v) for k, v in service_config.items() if k.isupper()}
        env.update({"SAMSKAB_JWT_SECRET": "s" * 48, "WEB_SERVER_ADDRESS": f"127.0.0.1:{free_port()}",
                    setting: f"127.0.0.1:{port}" if setting == "WEB_SERVER_ADDRESS" else str(port)})
        process = ServiceProcess(target, env, name).start()
        try:
            wait_until(lambda: process.process.poll() is not None, timeout=60,
                       message=f"{name} refused port {port}")
        finally:
            process.stop(timeout=5)
    assert process.process.returncode != 0
    assert f":{port} is already in use by another process; set {setting} to a free port" in process.log()


def test_the_store_runner_never_hands_back_a_store_it_did_not_start(tmp_path):
    first = EmbeddedStore(run_dir=tmp_path / "first").start()
    try:
        second = EmbeddedStore(port=first.port, run_dir=tmp_path / "second")
        with pytest.raises(StoreStartError, match=str(first.port)):
            second.start()
        assert second.process is None
        assert first.returncode() is None
        assert first.pid_file.exists()
    finally:
        first.stop()
