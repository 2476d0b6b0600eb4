"""A consumer validates every event against its registered contract, and the registry is
filled by importing the contracts. Each service's entrypoint module must therefore import
them itself: in a process of its own (as `nameko run` starts it), every event type it
consumes is registered. The test suite's root conftest imports every contract, so this is
checked in a fresh interpreter."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
PATH = os.pathsep.join(str(ROOT / p) for p in ("lib", "services/initiatives", "services/actors",
                                               "services/notifications", "services/reporting", "gateway"))
SERVICES = ["gateway.service", "initiatives.service", "actors.service", "notifications.service",
            "reporting.service"]
PROBE = """
import json, sys, warnings
warnings.simplefilter("ignore")
import eventlet
eventlet.monkey_patch()
import importlib
module = importlib.import_module(sys.argv[1])
from samskab_infra.event_types import REGISTRY
print(json.dumps({"handled": sorted(module.HANDLED_EVENTS), "registered": sorted(REGISTRY)}))
"""


@pytest.mark.parametrize("module", SERVICES)
def test_a_service_process_registers_every_event_type_it_consumes(module):
    done = subprocess.run([sys.executable, "-c", PROBE, module], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": PATH}, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["handled"], "the service consumes events"
    assert set(seen["handled"]) - set(seen["registered"]) == set()
