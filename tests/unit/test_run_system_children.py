"""`make run` says which of its processes stopped and why."""
from __future__ import annotations

import sys

import pytest

from scripts.launcher.children import Child, first_stopped
from tests.harness import ROOT, wait_until

pytestmark = pytest.mark.unit


def child(code: str) -> Child:
    return Child([sys.executable, "-c", code], {}, ROOT)


def test_a_stopped_process_is_named_with_its_exit_code_and_last_output():
    running = child("import time; time.sleep(30)")
    failing = child("import sys; print('starting', file=sys.stderr); sys.exit('port 8080 is taken')")
    try:
        stopped = wait_until(lambda: first_stopped({"reporting": running, "gateway": failing}),
                             timeout=20, message="the failing child stopped")
        assert stopped == "gateway stopped (exit code 1); its last output: port 8080 is taken"
    finally:
        running.terminate()
        running.wait_or_kill(5)


def test_a_killed_process_is_named_with_its_signal():
    victim = child("import time; time.sleep(30)")
    victim.process.kill()
    stopped = wait_until(lambda: first_stopped({"actors": victim}), timeout=20, message="killed")
    assert stopped == "actors stopped (killed by SIGKILL); its last output: (no output)"
