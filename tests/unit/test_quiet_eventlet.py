"""Operators see only our own output: no entry point of ours prints eventlet's
deprecation notice (issue 12, finding 9). Each command runs as a real process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
PYTHONPATH = os.pathsep.join(str(ROOT / p) for p in (
    "lib", "dev", "services/initiatives", "services/actors", "services/notifications",
    "services/reporting", "gateway", "."))
NOTICE = "Eventlet is deprecated"
# Every command gets as far as importing eventlet, then stops without needing a broker.
NO_SUCH_SERVICE = ["run", "--config", str(ROOT / "config.yaml"), "no_such_module:NoService"]


def stderr_of(*args: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONWARNINGS", "EVENTLET_TESTS")}
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**clean, "PYTHONPATH": PYTHONPATH, **env})
    return done.stderr


def test_plain_nameko_run_does_print_the_notice():
    """The control: without our entry point the notice is there to be silenced."""
    assert NOTICE in stderr_of("-m", "nameko", *NO_SUCH_SERVICE)


@pytest.mark.parametrize("command", [
    ["-m", "samskab_infra.nameko_run", *NO_SUCH_SERVICE],
    ["-m", "gateway.cli", "--help"],
    ["-m", "samskab_dev.topology_cli", "definitions"],
    ["scripts/run_system.py"],
], ids=["nameko_run", "gateway.cli", "topology_cli", "run_system"])
def test_our_entry_points_do_not_print_eventlets_deprecation_notice(command):
    # run_system stops at its preflight (a bad address) after importing everything.
    stderr = stderr_of(*command, GATEWAY_ADDRESS="not-an-address")
    assert NOTICE not in stderr, stderr[-2000:]


def test_other_warnings_are_still_shown():
    stderr = stderr_of("-c", "import samskab_infra.quiet_eventlet, warnings; "
                             "warnings.warn('ours', UserWarning)")
    assert "UserWarning: ours" in stderr
