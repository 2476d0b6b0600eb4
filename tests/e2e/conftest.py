"""One running system per test module (it takes seconds to start)."""
from __future__ import annotations

import pytest

from tests.system import System


@pytest.fixture(scope="module")
def system(embedded_store):
    # Partners' receivers in these tests listen on this machine: the address guard is
    # tested on its own (services/notifications/tests), so loopback is allowed here.
    running = System(embedded_store.uri, extra_env={"NOTIFY_DELIVERY_INTERVAL_S": "0.5",
                                                    "NOTIFY_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1"}).start()
    yield running
    unrouted = running.unrouted()
    running.stop()
    assert unrouted == 0, "events no service consumes were published (see samskab.unrouted)"
