"""nameko's timer, made to skip its ticks while the store is away.

A tick whose worker finds the store unreachable is counted and logged once per
outage (not as an error with a traceback every few seconds); while this process
knows the store is away, later ticks first ask the store with a short ping and
are skipped without starting a worker until it answers. The work is done by the
first tick after the store is back.
"""
from __future__ import annotations

import logging
from typing import Any

from nameko.timer import Timer

from .mongo import MongoConnection
from .nameko_types import ExcInfo, WorkerContext
from .store_outage import STORE_UNAVAILABLE_ERRORS, is_store_unavailable

log = logging.getLogger(__name__)
COMPONENT = "timer"


class StoreAwareTimer(Timer):
    connection = MongoConnection()

    def __init__(self, interval: float, eager: bool = False, **kwargs: Any) -> None:
        expected = kwargs.pop("expected_exceptions", ())
        expected = expected if isinstance(expected, tuple) else (expected,)
        super().__init__(interval, eager=eager, expected_exceptions=expected + STORE_UNAVAILABLE_ERRORS,
                         **kwargs)

    def handle_timer_tick(self) -> None:
        if self.connection.availability.down and not self.connection.ping():
            log.debug("store still unreachable; %s skips this tick", self.method_name)
            self.connection.availability.waited(COMPONENT)
            self.worker_complete.send()
            return
        super().handle_timer_tick()

    def handle_result(self, worker_ctx: WorkerContext, result: Any,
                      exc_info: ExcInfo | None) -> tuple[Any, ExcInfo | None]:
        if exc_info is not None and is_store_unavailable(exc_info[1]):
            self.connection.availability.lost(COMPONENT, exc_info[1], correlation_id=worker_ctx.call_id)
        return super().handle_result(worker_ctx, result, exc_info)


timer = StoreAwareTimer.decorator
