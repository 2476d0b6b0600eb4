"""The processes ``make run`` starts and watches. A service's stderr is passed through to
ours and its last line kept, so when one stops we can say which and why."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from samskab_dev.store_runner import die_with_parent, exit_reason


class Watched(Protocol):
    def returncode(self) -> int | None: ...

    def last_error(self) -> str: ...


class Child:
    """One ``nameko run`` (or any command) started by ``make run``."""

    def __init__(self, argv: list[str], env: Mapping[str, str], cwd: Path):
        # Its own session: a Ctrl-C in the terminal reaches only the launcher, which stops the
        # services first and the store last (a store gone first leaves them waiting for it).
        self.process = subprocess.Popen(argv, env=dict(env), cwd=cwd, stderr=subprocess.PIPE,
                                        preexec_fn=die_with_parent, start_new_session=True)
        self._tail: deque[str] = deque(maxlen=5)
        self._reader = threading.Thread(target=self._pass_through, daemon=True)
        self._reader.start()

    def _pass_through(self) -> None:
        for line in self.process.stderr:
            sys.stderr.buffer.write(line)
            sys.stderr.buffer.flush()
            if line.strip():
                self._tail.append(line.decode(errors="replace").rstrip())

    def returncode(self) -> int | None:
        return self.process.poll()

    def last_error(self) -> str:
        self._reader.join(timeout=2)
        return self._tail[-1] if self._tail else "(no output)"

    def terminate(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait_or_kill(self, timeout: float) -> None:
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def first_stopped(watched: Mapping[str, Watched]) -> str | None:
    """"<name> stopped (<exit reason>); its last output: ..." for the first that stopped, else None."""
    for name, process in watched.items():
        code = process.returncode()
        if code is not None:
            return f"{name} stopped ({exit_reason(code)}); its last output: {process.last_error()}"
    return None
