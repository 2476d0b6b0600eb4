"""One running system per test module (it takes seconds to start)."""
from __future__ import annotations

import pytest

from tests.system import System


@pytest.fixture(scope="module")
def system(embedded_store):
    running = System(embedded_store.uri, extra_env={"NOTIFY_DELIVERY_INTERVAL_S": "0.5"}).start()
    yield running
    unrouted = running.unrouted()
    running.stop()
    assert unrouted == 0, "events no service consumes were published (see samskab.unrouted)"
