"""One event's way through a reliable consumer, apart from nameko so that unit tests
drive it with fakes: skip a duplicate, run the handler, record the event id, ack.

A store outage at any step holds the message: it is not acked, not sent to a retry
queue and not parked, and nothing raises into nameko (an exception in a consumer's
green thread kills the whole service). The step is repeated once the store answers,
so the event is still applied once. Waits run in their own green threads, never in
a worker, so held messages cannot starve the worker pool; the broker's prefetch
bounds how many are held at once.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pymongo.errors import InvalidOperation

from .envelope import Envelope
from .ports import ProcessedLog
from .store_outage import STORE_UNAVAILABLE_ERRORS, StoppedWaiting, StoreGate, is_store_unavailable

log = logging.getLogger(__name__)
COMPONENT = "consumer"
HandlerDone = Callable[[BaseException | None], None]


@dataclass(frozen=True)
class DeliveryPorts:
    """What every delivery of one consumer shares."""

    processed: ProcessedLog
    gate: StoreGate
    run_handler: Callable[[Envelope, HandlerDone], None]
    """Start the handler on an envelope; it calls back with its exception, or None."""
    in_background: Callable[[Callable[[], None]], None]
    """Run a function in its own green thread."""
    deduplicated_in_document: frozenset[str] = frozenset()
    """Event types whose handler remembers the events it applied in the documents it changes,
    in the same write (samskab_infra.applied_events), and whose other writes are idempotent:
    a redelivery changes nothing there, so the de-duplication log is not asked first (one
    store operation fewer per event). It is still written: the record that the event was
    handled, which operations and tests read."""
    recorded_by_handler: bool = False
    """For the types deduplicated in document: the handler's own last write records the
    event as handled (reporting's event log), so the de-duplication log is not written
    either."""

    def asked(self, envelope: Envelope) -> bool:
        """Whether the de-duplication log is asked before the handler runs."""
        return envelope.type not in self.deduplicated_in_document

    def records(self, envelope: Envelope) -> bool:
        """Whether the de-duplication log records the event once its handler is done."""
        return not (self.recorded_by_handler and envelope.type in self.deduplicated_in_document)


class Delivery:
    """One received message. ``ack(outcome)`` acknowledges it ("ok" or "duplicate");
    ``fail(exc)`` hands a failure that is not an outage to the retry/dead-letter path."""

    def __init__(self, envelope: Envelope, ports: DeliveryPorts, ack: Callable[[str], None],
                 fail: Callable[[BaseException], None]) -> None:
        self.envelope = envelope
        self.ports = ports
        self.ack = ack
        self.fail = fail
        self.log_extra = {"correlation_id": envelope.correlation_id, "event_id": envelope.event_id,
                          "event_type": envelope.type}
        self._outage_delays: Iterator[float] | None = None

    def start(self) -> None:
        """Skip a duplicate or run the handler; waits while the store is away."""
        if not self.ports.asked(self.envelope):
            self.proceed(False)
            return
        try:
            duplicate = self.ports.gate.call(
                COMPONENT, lambda: self.ports.processed.already_processed(self.envelope.event_id),
                **self.log_extra)
        except (StoppedWaiting, InvalidOperation):
            return  # stopping (and the store client closed): the unacked message comes back
        except Exception as exc:  # noqa: BLE001 - any other store error is retried like a failed handler
            self.fail(exc)
            return
        self.proceed(duplicate)

    def proceed(self, duplicate: bool) -> None:
        """Ack a duplicate, else run the handler (the de-duplication log was asked already)."""
        if duplicate:
            self.ack("duplicate")
            return
        self.ports.run_handler(self.envelope, self.handled)

    def handled(self, exc: BaseException | None) -> None:
        """The handler's outcome; runs in the worker, so it never waits itself."""
        if exc is None:
            self._record()
        elif is_store_unavailable(exc):
            self.ports.gate.availability.lost(COMPONENT, exc, **self.log_extra)
            log.warning("the handler of %s met a store outage; the event waits for the store (held, not retried)",
                        self.envelope.type, extra=self.log_extra)
            self.ports.in_background(self._start_after_outage)
        else:
            self.fail(exc)

    def _record(self) -> None:
        if not self.ports.records(self.envelope):
            self.ack("ok")
            return
        try:
            self._mark()
        except STORE_UNAVAILABLE_ERRORS as exc:
            self.ports.gate.availability.lost(COMPONENT, exc, **self.log_extra)
            self.ports.in_background(self._record_after_outage)
            return
        except InvalidOperation:
            return
        except Exception as exc:  # noqa: BLE001 - the handler runs again (it is idempotent) and records again
            self.fail(exc)
            return
        self.ack("ok")

    def _record_after_outage(self) -> None:
        try:
            self.ports.gate.call(COMPONENT, self._mark, **self.log_extra)
        except (StoppedWaiting, InvalidOperation):
            return
        except Exception as exc:  # noqa: BLE001 - see _record
            self.fail(exc)
            return
        self.ack("ok")

    def _start_after_outage(self) -> None:
        """The handler met the outage: run it again once the store answers (its effects are
        idempotent, as for any redelivery); pauses grow if it keeps meeting one."""
        if self._outage_delays is None:
            self._outage_delays = self.ports.gate.backoff.delays()
        try:
            self.ports.gate.wait_until_reachable(self._outage_delays)
        except StoppedWaiting:
            return
        self.start()

    def _mark(self) -> bool:
        return self.ports.processed.mark_processed(self.envelope.event_id, self.envelope.type)


def start_deliveries(deliveries: Sequence[Delivery], ports: DeliveryPorts) -> None:
    """The messages that arrived together: one question to the de-duplication log for all of
    them that it keeps (held while the store is away, like ``Delivery.start``), then each
    acked as a duplicate or handed to its handler, in the order they arrived."""
    asked = [delivery for delivery in deliveries if ports.asked(delivery.envelope)]
    if not asked:
        for delivery in deliveries:
            delivery.proceed(False)
        return
    event_ids = [delivery.envelope.event_id for delivery in asked]
    # A wait is logged with the correlation ids of every message it holds.
    log_extra = asked[0].log_extra if len(asked) == 1 else {
        "correlation_id": " ".join(sorted({str(d.envelope.correlation_id) for d in asked}))}
    try:
        processed = ports.gate.call(COMPONENT, lambda: ports.processed.processed_among(event_ids), **log_extra)
    except (StoppedWaiting, InvalidOperation):
        return  # stopping: the unacked messages come back
    except Exception as exc:  # noqa: BLE001 - any other store error is retried like a failed handler
        for delivery in deliveries:
            if ports.asked(delivery.envelope):
                delivery.fail(exc)
            else:
                delivery.proceed(False)
        return
    for delivery in deliveries:
        delivery.proceed(delivery.envelope.event_id in processed)
