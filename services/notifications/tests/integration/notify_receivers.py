"""How the HTTP receivers of webhook tests answer (the receiver: samskab_dev.receivers)."""
from __future__ import annotations

import time
from collections.abc import Callable

from samskab_dev.receivers import Answer


def ok(_request: dict) -> Answer:
    return 200, {}, b"ok"


def failing_then_ok(failures: int) -> Callable[[dict], Answer]:
    state = {"left": failures}

    def respond(_request: dict) -> Answer:
        if state["left"] > 0:
            state["left"] -= 1
            return 503, {}, b"database is down " * 100
        return 200, {}, b"thanks"
    return respond


def slow(seconds: float) -> Callable[[dict], Answer]:
    def respond(_request: dict) -> Answer:
        time.sleep(seconds)
        return 200, {}, b"late"
    return respond
