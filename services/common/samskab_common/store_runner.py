"""Start and stop the embedded MongoDB-compatible store (nx-27017) as a child process.

nx-27017 refuses to start while its pid file names a process that is gone
(after a kill -9); we remove such a stale pid file first.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")


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
        self.process: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    def start(self) -> EmbeddedStore:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        clear_stale_pid_file(self.pid_file)
        db_args = ["--data-dir", str(self.data_dir)] if self.data_dir else ["--db", "memory"]
        if self.data_dir:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [nx_executable(), *db_args, "--host", "127.0.0.1", "-p", str(self.port),
             "--pid-file", str(self.pid_file), "--log-file", str(self.log_file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent,
        )
        wait_for_port(self.port)
        return self

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
        self.pid_file.unlink(missing_ok=True)
        self.process = None
