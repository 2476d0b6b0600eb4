"""Start and stop the embedded MongoDB-compatible store (nx-27017) as a child process.

nx-27017 refuses to start while its pid file names a process that is gone
(after a kill -9); we remove such a stale pid file first.

A store is started only once it answers on its port *with its own process id*: when
the port is taken, nx-27017 exits, and a plain "something answers on the port" would
hand the caller another system's store (issue 12, failure 6).
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from pymongo import MongoClient
from pymongo.errors import PyMongoError

STARTUP_TIMEOUT_S = 20.0


class StoreStartError(RuntimeError):
    """The embedded store did not come up as the process we started; the message says why."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear_stale_pid_file(pid_file: Path) -> None:
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text().strip() or "0")
    except ValueError:
        pid = 0
    if pid <= 0 or not _alive(pid):
        pid_file.unlink(missing_ok=True)


def die_with_parent() -> None:
    """preexec_fn for child processes: the kernel sends SIGTERM when our process dies,
    so a killed test run or launcher leaves no orphans behind (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


LOWEST_FREE_PORT = 20000
_handed_out: set[int] = set()


def _ephemeral_range() -> tuple[int, int]:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def free_port() -> int:
    """A port on 127.0.0.1 that nothing uses now, for a process about to listen on it.

    Chosen outside the kernel's ephemeral range: a port from ``bind(0)`` is one the kernel
    also gives outgoing connections, so in the moment before the process listens, one of the
    many client connections of a test run could take it and the process fail to start (a
    service that never served in CI). Never the same port twice from one process, so ports
    chosen together for one system differ."""
    low, high = _ephemeral_range()
    below = range(LOWEST_FREE_PORT, low) if low - LOWEST_FREE_PORT >= 2000 else range(high + 1, 65536)
    for _ in range(500):
        port = random.choice(below)
        if port in _handed_out:
            continue
        with socket.socket() as probe:  # no SO_REUSEADDR: a port still in TIME_WAIT is not taken
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError(f"no free port between {below.start} and {below.stop - 1}")


def wait_for_port(port: int, timeout: float = 20.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")


def exit_reason(returncode: int) -> str:
    """"exit code 1" or "killed by SIGKILL", from a Popen returncode."""
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


def nx_executable() -> str:
    candidate = Path(sys.executable).with_name("nx-27017")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("nx-27017")
    if not found:
        raise FileNotFoundError("nx-27017 is not installed (pip install nx-27017)")
    return found


class EmbeddedStore:
    """One nx-27017 process. ``data_dir=None`` keeps everything in memory."""

    def __init__(self, port: int | None = None, data_dir: Path | None = None,
                 run_dir: Path | None = None):
        self.port = port or free_port()
        self.data_dir = data_dir
        self.run_dir = Path(run_dir or (data_dir or Path("/tmp")))
        self.pid_file = self.run_dir / f"nx-27017-{self.port}.pid"
        self.log_file = self.run_dir / f"nx-27017-{self.port}.log"
        # Its own log file misses what kills it at start-up (a traceback on stderr).
        self.stderr_file = self.run_dir / f"nx-27017-{self.port}.stderr"
        self.process: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    def start(self, timeout: float = STARTUP_TIMEOUT_S) -> EmbeddedStore:
        """Start nx-27017 and return once it answers; StoreStartError (with nothing left
        running) when it exits first or another process answers on its port."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        clear_stale_pid_file(self.pid_file)
        db_args = ["--data-dir", str(self.data_dir)] if self.data_dir else ["--db", "memory"]
        if self.data_dir:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.stderr_file, "wb") as stderr:
            self.process = subprocess.Popen(
                [nx_executable(), *db_args, "--host", "127.0.0.1", "-p", str(self.port),
                 "--pid-file", str(self.pid_file), "--log-file", str(self.log_file)],
                stdout=subprocess.DEVNULL, stderr=stderr, preexec_fn=die_with_parent,
                start_new_session=True,  # stopped by whoever started it, after what uses it
            )
        try:
            self._wait_until_serving(timeout)
        except StoreStartError:
            self.stop()
            raise
        return self

    def _wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise StoreStartError(f"the embedded store (nx-27017) on port {self.port} exited at start-up "
                                      f"({exit_reason(self.process.returncode)}): {self.last_error()}")
            pid = self._pid_answering()
            if pid == self.process.pid:
                return
            if pid is not None:
                raise StoreStartError(f"port {self.port} is answered by another store (pid {pid}), not by the "
                                      "nx-27017 started here")
            if time.monotonic() > deadline:
                raise StoreStartError(f"the embedded store (nx-27017) did not answer on port {self.port} "
                                      f"within {timeout:.0f} s")
            time.sleep(0.1)

    def _pid_answering(self) -> int | None:
        """The process id the store on our port reports (serverStatus), None while none answers."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                pass
        except OSError:
            return None
        client = MongoClient(self.uri, directConnection=True, serverSelectionTimeoutMS=1000,
                             connectTimeoutMS=1000, socketTimeoutMS=2000)
        try:
            return int(client.admin.command("serverStatus")["pid"])
        except (PyMongoError, KeyError, TypeError, ValueError):
            return None
        finally:
            client.close()

    def returncode(self) -> int | None:
        """None while the store runs (or was never started), else how it ended."""
        return None if self.process is None else self.process.poll()

    def last_error(self, lines: int = 1) -> str:
        """The last lines the store wrote to stderr: why it stopped, when it stopped."""
        try:
            text = self.stderr_file.read_text(errors="replace")
        except OSError:
            return "(no output)"
        tail = [line for line in text.splitlines() if line.strip()][-lines:]
        return " | ".join(tail) or "(no output)"

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        # Now stale if it names our process; kept if it names another live store.
        clear_stale_pid_file(self.pid_file)
        self.process = None
