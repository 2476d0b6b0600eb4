"""A store outage is waited out, never a crash.

While the store cannot be reached pymongo raises ``ConnectionFailure``
(``ServerSelectionTimeoutError``, ``AutoReconnect``, ``NetworkTimeout``, ...).
Every process treats that as temporary: a consumer holds its message, the
outbox relay and the timers pause, an RPC answers ``StoreUnavailable`` (503 at
the gateway) and readiness turns not-ready. This module names those errors,
keeps each process's view of the store (the ``samskab_store_available`` gauge
operators alert on) and the capped backoff every waiter uses.
"""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import eventlet
from pymongo.errors import ConnectionFailure

from .metrics import STORE_AVAILABLE, STORE_OUTAGE_WAITS

log = logging.getLogger(__name__)
T = TypeVar("T")
STORE_UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (ConnectionFailure,)
"""ConnectionFailure covers ServerSelectionTimeoutError, AutoReconnect (also a replica-set
failover's NotPrimaryError) and NetworkTimeout."""


def is_store_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, STORE_UNAVAILABLE_ERRORS)


@dataclass(frozen=True)
class Backoff:
    """Capped exponential delays with jitter: quick to notice the store's return, never a hot loop."""

    initial_s: float = 0.5
    cap_s: float = 5.0

    def delays(self) -> Iterator[float]:
        delay = self.initial_s
        while True:
            yield delay * random.uniform(0.8, 1.0)
            delay = min(delay * 2, self.cap_s)


class StoreAvailability:
    """One process's (one service's) view of the store: a gauge, a counter of waits, and
    one log line when an outage begins and one when it ends, however many parts wait."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.down_since: float | None = None
        STORE_AVAILABLE.labels(service).set(1)

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def lost(self, component: str, exc: BaseException, **log_extra: Any) -> None:
        """A part of the process found the store unreachable and will wait (or answer 503)."""
        self.waited(component)
        self._down(f"{type(exc).__name__} in {component}: {str(exc)[:300]}", log_extra)

    def waited(self, component: str) -> None:
        """Count one wait (a held event, a paused relay pass, a skipped tick, a 503)."""
        STORE_OUTAGE_WAITS.labels(self.service, component).inc()

    def regained(self) -> None:
        STORE_AVAILABLE.labels(self.service).set(1)
        if self.down_since is not None:
            log.info("store reachable again after %.1f s", time.monotonic() - self.down_since,
                     extra={"service": self.service})
            self.down_since = None

    def observe(self, reachable: bool) -> None:
        """A probe's answer (readiness): moves the gauge, counts no wait."""
        if reachable:
            self.regained()
        else:
            self._down("the readiness probe's ping failed", {})

    def _down(self, reason: str, log_extra: dict) -> None:
        STORE_AVAILABLE.labels(self.service).set(0)
        if self.down_since is None:
            self.down_since = time.monotonic()
            log.warning("store unreachable, waiting for it (%s)", reason,
                        extra={"service": self.service, **log_extra})


_AVAILABILITY: dict[str, StoreAvailability] = {}


def availability_of(service: str) -> StoreAvailability:
    """The one view per service in this process (tests run several containers in one)."""
    if service not in _AVAILABILITY:
        _AVAILABILITY[service] = StoreAvailability(service)
    return _AVAILABILITY[service]


class StoppedWaiting(Exception):
    """The process is stopping while the store is still away; leave the work undone
    (an unacked message comes back to another consumer or after the restart)."""


class StoreGate:
    """Runs store calls for one part of a process; while the store is unreachable it
    waits with capped backoff and tries again, until the call succeeds or the part stops."""

    def __init__(self, availability: StoreAvailability, ping: Callable[[], bool],
                 stopping: Callable[[], bool], sleep: Callable[[float], object] = eventlet.sleep,
                 backoff: Backoff | None = None) -> None:
        self.availability = availability
        self.ping = ping
        self.stopping = stopping
        self.sleep = sleep
        self.backoff = backoff or Backoff()

    def call(self, component: str, fn: Callable[[], T], **log_extra: Any) -> T:
        """``fn()``, repeated after a pause for as long as it fails because the store is away.
        ``fn`` must be safe to repeat (a read, or a write that tolerates its own duplicate)."""
        delays = self.backoff.delays()
        waited = False
        while True:
            try:
                result = fn()
            except STORE_UNAVAILABLE_ERRORS as exc:
                self.availability.lost(component, exc, **log_extra)
                if not waited:
                    log.warning("%s waits for the store", component,
                                extra={"service": self.availability.service, **log_extra})
                    waited = True
                self._pause(next(delays))
                continue
            self.availability.regained()
            if waited:
                log.info("%s goes on: the store answers again", component,
                         extra={"service": self.availability.service, **log_extra})
            return result

    def wait_until_reachable(self, delays: Iterator[float] | None = None) -> None:
        """Pause, then return once the store answers a ping; pass the same ``delays`` on
        every wait for one piece of work so that its pauses grow. Raises StoppedWaiting."""
        delays = delays or self.backoff.delays()
        while True:
            self._pause(next(delays))
            if self.ping():
                break
        self.availability.regained()

    def _pause(self, seconds: float) -> None:
        """Sleep in short slices so that a stopping process is not held up by the backoff."""
        remaining = seconds
        while remaining > 0:
            if self.stopping():
                raise StoppedWaiting()
            step = min(remaining, 0.2)
            self.sleep(step)
            remaining -= step
        if self.stopping():
            raise StoppedWaiting()
