"""Start the naive peer on a given broker and store: ``start_peer(mongo_uri, amqp_uri)``.

One OS process per service (``python -m samskab_infra.nameko_run run``, i.e. ``nameko
run``), so a benchmark reads each one's CPU time from ``/proc/<pid>/stat``. The caller
owns the broker's vhost (named in ``amqp_uri``) and the store; the peer uses databases
of its own (``PeerSystem.databases``) and a free port for its gateway.

The caller needs ``lib``, ``dev`` and the repository root on ``sys.path`` (the
benchmarks in bench/ put them there).
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from amqp.exceptions import NotFound
from kombu import Connection
from kombu.exceptions import OperationalError

from samskab_dev.store_runner import die_with_parent, free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).resolve().parent / "config.yaml"
SERVICES = {
    "initiatives": "bench.peer.initiatives:InitiativesService",
    "reporting": "bench.peer.reporting:ReportingService",
    "notifications": "bench.peer.notifications:NotificationsService",
    "actors": "bench.peer.actors:ActorsService",
    "gateway": "bench.peer.gateway:GatewayService",
}
# Queues that must have a consumer before a command is sent: an event dispatched before
# its handler's queue exists is dropped by the broker (nameko declares them on start).
READY_QUEUES = (
    "rpc-peer_initiatives",
    "evt-peer_initiatives-InitiativeCreated--peer_reporting.on_initiative_created",
    "evt-peer_initiatives-InitiativeCreated--peer_notifications.on_initiative_created",
    "evt-peer_initiatives-InitiativeCreated--peer_actors.on_initiative_created",
)
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0


@dataclass
class PeerSystem:
    """The running peer: where to send commands, and what to watch."""

    url: str
    token: str
    pids: dict[str, int]
    read_model: tuple[str, str]
    databases: list[str]
    _processes: dict[str, subprocess.Popen] = field(default_factory=dict, repr=False)
    _logs: dict[str, Path] = field(default_factory=dict, repr=False)

    def logs(self, tail: int = 3000) -> str:
        return "\n".join(f"== peer {name}\n{path.read_text(errors='replace')[-tail:]}"
                         for name, path in self._logs.items() if path.exists())

    def stop(self) -> None:
        """SIGTERM to each process by its PID; SIGKILL to any still running after the timeout."""
        for process in self._processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self._processes.values():
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_peer(mongo_uri: str, amqp_uri: str) -> PeerSystem:
    """Start the five services and return once the gateway listens and every consumer is up."""
    port = free_port()
    prefix = f"peer{uuid.uuid4().hex[:8]}"
    token = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(ROOT / part) for part in ("lib", ".")),
        "AMQP_URI": amqp_uri, "MONGO_URI": mongo_uri, "PEER_DB_PREFIX": prefix, "PEER_TOKEN": token,
        "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
    }
    system = PeerSystem(
        url=f"http://127.0.0.1:{port}", token=token, pids={},
        read_model=(f"{prefix}_peer_reporting", "initiatives"),
        databases=[f"{prefix}_peer_{name}" for name in SERVICES if name != "gateway"],
    )
    try:
        for name, target in SERVICES.items():
            log_path = Path("/tmp") / f"samskab-peer-{prefix}-{name}.log"
            with open(log_path, "ab") as log:
                process = subprocess.Popen(
                    [sys.executable, "-m", "samskab_infra.nameko_run", "run", "--config", str(CONFIG), target],
                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent,
                )
            system._processes[name] = process
            system._logs[name] = log_path
            system.pids[name] = process.pid
        _wait_until_ready(system, amqp_uri, port)
    except BaseException:
        system.stop()
        raise
    return system


def _wait_until_ready(system: PeerSystem, amqp_uri: str, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    waiting = list(READY_QUEUES)
    with Connection(amqp_uri) as connection:
        while waiting:
            _check_running(system)
            if time.monotonic() > deadline:
                raise TimeoutError(f"the peer's consumers did not start: {waiting}\n{system.logs()}")
            if _consumers(connection, waiting[0]) > 0:
                waiting.pop(0)
            else:
                time.sleep(0.2)
    _check_running(system)
    wait_for_port(port, timeout=max(1.0, deadline - time.monotonic()))


def _consumers(connection: Connection, queue: str) -> int:
    """Consumers on ``queue`` by a passive declare (exact, unlike the management API's
    sampled figure); 0 while the queue does not exist."""
    channel = connection.channel()
    try:
        return channel.queue_declare(queue, passive=True).consumer_count
    except (NotFound, OperationalError):
        return 0
    finally:
        try:
            channel.close()
        except Exception:  # noqa: BLE001 - a NotFound already closed it on the broker's side
            pass


def _check_running(system: PeerSystem) -> None:
    for name, process in system._processes.items():
        if process.poll() is not None:
            raise RuntimeError(f"the peer's {name} exited at start-up (code {process.returncode})\n"
                               f"{system.logs()}")
