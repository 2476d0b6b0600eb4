"""Real processes for tests: the embedded store, nameko services, the broker's vhosts.

Every process a test starts is stopped by its PID; ports are free ports.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

from samskab_dev.store_runner import EmbeddedStore, die_with_parent, free_port, wait_for_port  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
PYTHONPATH = os.pathsep.join(
    str(ROOT / p) for p in ("lib", "dev", "services/initiatives", "services/actors",
                            "services/notifications", "services/reporting", "gateway", ".")
)
RABBIT_API = os.environ.get("RABBIT_API_URI", "http://127.0.0.1:15672")
RABBIT_AUTH = ("guest", "guest")


class ServiceProcess:
    """``nameko run`` of one service class in its own process."""

    def __init__(self, target: str, env: dict[str, str], name: str | None = None):
        self.target = target
        self.env = env
        self.name = name or target
        self.process: subprocess.Popen | None = None
        self.log_path = Path("/tmp") / f"samskab-test-{uuid.uuid4().hex[:8]}.log"

    def start(self) -> ServiceProcess:
        env = {**os.environ, "PYTHONPATH": PYTHONPATH, **self.env}
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "samskab_infra.nameko_run", "run", "--config", str(ROOT / "config.yaml"),
             self.target],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent,
        )
        return self

    def terminate(self) -> None:
        """Ask the process to stop (SIGTERM) without waiting; ``stop`` waits."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def pause(self) -> None:
        """Stop the process in its tracks (SIGSTOP): it holds its connections and the
        messages it was sent, and carries on with them on ``resume``, as a stalled
        service would."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)

    def kill9(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout: float = 15) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill9()
        self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def wait_until(predicate, timeout: float = 30.0, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"{message} not met within {timeout}s (last: {last!r})")


def _queue_info(vhost: str, queue: str) -> dict:
    """The management API's view of one queue; {} while it does not exist."""
    response = requests.get(f"{RABBIT_API}/api/queues/{requests.utils.quote(vhost, safe='')}/{queue}",
                            auth=RABBIT_AUTH, timeout=5)
    if response.status_code == 404:
        return {}
    response.raise_for_status()
    return response.json()


def queue_depth(vhost: str, queue: str) -> int:
    return int(_queue_info(vhost, queue).get("messages", 0))


def queue_consumers(vhost: str, queue: str) -> int:
    return int(_queue_info(vhost, queue).get("consumers", 0))


def wait_for_rpc(vhost: str, service: str, timeout: float = 60.0,
                 process: ServiceProcess | None = None) -> None:
    """A nameko service is up once its RPC queue has a consumer. Given its ``process``, one
    that exited (a port taken, a bad setting) is reported at once with its code and the end
    of its log, instead of after the whole timeout as a bare "not met"."""
    def serving() -> bool:
        if process is not None and process.process is not None and process.process.poll() is not None:
            raise RuntimeError(f"{service} exited at start-up (code {process.process.returncode}):\n"
                               f"{process.log()[-3000:]}")
        return queue_consumers(vhost, f"rpc-{service}") > 0

    wait_until(serving, timeout=timeout, interval=0.2, message=f"{service} serving RPC")


def handled_count(db, service: str, event_id: str | None = None) -> int:
    """How many events ``service``'s consumer has recorded as handled (of ``event_id`` only,
    if given). Reporting's record is its event log, written last by its handler; every other
    consumer's is its de-duplication log."""
    if service == "reporting":
        return db["event_log"].count_documents({} if event_id is None else {"_id": event_id})
    wanted = {"consumer": service, **({} if event_id is None else {"event_id": event_id})}
    return db["processed_events"].count_documents(wanted)
