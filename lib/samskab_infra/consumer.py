"""The reliable event consumer: one durable queue per service, idempotent by
event id, retried with growing delays, parked in a dead-letter queue at last.

nameko 2.14's own ``event_handler`` acks a failing message (and the event is
lost) or, with ``requeue_on_error``, loops on it without pause; it also
declares its queue only when the handler starts. This entrypoint declares the
whole topology at set-up and handles failure explicitly; a store outage holds the
message until the store is back (see delivery.py).
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import amqp
import eventlet
from kombu import Connection
from nameko.extensions import Entrypoint
from nameko.messaging import QueueConsumer

from .delivery import Delivery, DeliveryPorts, HandlerDone, start_deliveries
from .envelope import Envelope
from .metrics import EVENTS_CONSUMED, EVENTS_DEAD_LETTERED, EVENTS_RETRIED, HANDLER_SECONDS
from .mongo import MongoConnection
from .nameko_types import ExcInfo, Message, WorkerContext
from .processed_batches import BatchedProcessedEvents
from .publisher import ConfirmingPublisher, PublishFailed
from .settings import load_settings
from .store_outage import STORE_UNAVAILABLE_ERRORS, StoreGate
from .topology import ConsumerTopology, declare_consumer

log = logging.getLogger(__name__)
ATTEMPT_HEADER = "x-samskab-attempt"
ERROR_HEADER = "x-samskab-error"
REASON_HEADER = "x-samskab-reason"
MAX_ERROR_CHARS = 2000


class SafeQueueConsumer(QueueConsumer):
    """nameko's queue consumer, except that a body that cannot be decoded is
    handed to its entrypoint (to be dead-lettered) instead of killing the loop."""

    def get_consumers(self, consumer_cls: Any, channel: Any) -> list:
        consumers = super().get_consumers(consumer_cls, channel)
        for provider, consumer in self._consumers.items():
            consumer.on_decode_error = partial(provider.handle_undecodable)
        return consumers


class ReliableEventHandler(Entrypoint):
    queue_consumer = SafeQueueConsumer()
    connection = MongoConnection()

    def __init__(self, event_types: Iterable[str], deduplicated_in_document: Iterable[str] = (),
                 unchanging: Callable[[dict], bool] | None = None, recorded_by_handler: bool = False,
                 **kwargs: Any) -> None:
        """``deduplicated_in_document``, ``recorded_by_handler``: see DeliveryPorts
        (samskab_infra.delivery).

        ``unchanging``, if given, names the messages the handler would change nothing for
        (judged on the raw body, e.g. the gateway and an initiative created without
        co-owners): they are acknowledged at once, without being parsed, de-duplicated or
        handled, so they cost no store operation. Only for handlers for which such a
        message is a no-op whatever its validity; any other message takes the full path."""
        self.event_types = tuple(event_types)
        self.deduplicated_in_document = frozenset(deduplicated_in_document)
        self.unchanging = unchanging
        self.recorded_by_handler = recorded_by_handler
        # nameko logs an expected exception as a warning, not as an error: a handler that
        # meets a store outage is held, not failed.
        super().__init__(expected_exceptions=STORE_UNAVAILABLE_ERRORS, **kwargs)

    def setup(self) -> None:
        settings = load_settings(self.container.config)
        self.consumer_name = self.container.service_name
        self.topology = ConsumerTopology(
            queue_name=f"{self.consumer_name}.events",
            exchange_name=settings.events_exchange,
            event_types=self.event_types,
            retry_delays_ms=settings.retry_delays_ms,
        )
        with Connection(settings.amqp_uri, connect_timeout=5) as connection:
            connection.ensure_connection(max_retries=30, interval_start=1, interval_step=1,
                                         interval_max=5)
            declare_consumer(connection, self.topology)
        self.queue = self.topology.queue
        self.publisher = ConfirmingPublisher(settings.amqp_uri, settings.events_exchange)
        self._stopping = False
        self._arrived: list[Delivery] = []
        self._starting = False
        self.ports = DeliveryPorts(
            processed=BatchedProcessedEvents(self.connection.database, self.consumer_name),
            gate=StoreGate(self.connection.availability, self.connection.ping, lambda: self._stopping),
            run_handler=self._run_handler,
            in_background=lambda fn: self.container.spawn_managed_thread(fn, identifier="held-event"),
            deduplicated_in_document=self.deduplicated_in_document,
            recorded_by_handler=self.recorded_by_handler,
        )
        self.queue_consumer.register_provider(self)

    def stop(self) -> None:
        self._stopping = True  # held messages stop waiting and stay unacked
        self.queue_consumer.unregister_provider(self)
        self.publisher.close()

    def kill(self) -> None:
        self._stopping = True
        self.publisher.close()

    # -- receiving -------------------------------------------------------

    def handle_undecodable(self, message: Message, exc: Exception) -> None:
        self._park(message, message.body if isinstance(message.body, bytes) else b"",
                   "undecodable", f"cannot decode body: {exc}", "?")

    def handle_message(self, body: Any, message: Message) -> None:
        if self.unchanging is not None and isinstance(body, dict) and self.unchanging(body):
            EVENTS_CONSUMED.labels(self.consumer_name, str(body.get("type")), "unchanging").inc()
            self.queue_consumer.ack_message(message)
            return
        try:
            envelope = Envelope.parse(body)
        except Exception as exc:  # noqa: BLE001 - any invalid payload is parked, never retried
            raw = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
            event_type = body.get("type", "?") if isinstance(body, dict) else "?"
            self._park(message, raw, "invalid", f"{type(exc).__name__}: {exc}", str(event_type))
            return
        self._arrived.append(Delivery(envelope, self.ports, ack=partial(self._acknowledge, message, envelope),
                                      fail=partial(self._retry_or_park, message, envelope)))
        if not self._starting:
            self._starting = True
            self.container.spawn_managed_thread(self._start_arrived, identifier="deliveries")

    def _start_arrived(self) -> None:
        """Start what arrived, a burst at a time: the queue consumer's thread only collects
        messages, so those the broker sent together (up to the prefetch) share one
        de-duplication read, and a store outage holds them here, not the queue consumer."""
        try:
            while self._arrived:
                eventlet.sleep(0)  # let the rest of a burst arrive
                arrived, self._arrived = self._arrived, []
                start_deliveries(arrived, self.ports)
        finally:
            self._starting = False

    def _run_handler(self, envelope: Envelope, done: HandlerDone) -> None:
        context_data = {"correlation_id": envelope.correlation_id, "causation_id": envelope.event_id}
        self.container.spawn_worker(
            self, (envelope,), {}, context_data=context_data,
            handle_result=partial(self.handle_result, envelope, time.monotonic(), done),
        )

    def handle_result(self, envelope: Envelope, started: float, done: HandlerDone, worker_ctx: WorkerContext,
                      result: Any = None, exc_info: ExcInfo | None = None) -> tuple[Any, ExcInfo | None]:
        HANDLER_SECONDS.labels(self.consumer_name, envelope.type).observe(time.monotonic() - started)
        done(None if exc_info is None else exc_info[1])
        return result, exc_info

    def _acknowledge(self, message: Message, envelope: Envelope, outcome: str) -> None:
        EVENTS_CONSUMED.labels(self.consumer_name, envelope.type, outcome).inc()
        self.queue_consumer.ack_message(message)
        if outcome == "ok":
            log.info("handled %s", envelope.type, extra={
                "correlation_id": envelope.correlation_id, "event_id": envelope.event_id,
                "event_type": envelope.type, "service": self.consumer_name})

    # -- failure paths ---------------------------------------------------

    def _retry_or_park(self, message: Message, envelope: Envelope, exc: BaseException) -> None:
        """A failure that is not a store outage: the next retry queue, or at last the dead letters."""
        attempt = int((message.headers or {}).get(ATTEMPT_HEADER, 1))
        error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
        EVENTS_CONSUMED.labels(self.consumer_name, envelope.type, "failed").inc()
        if attempt < self.topology.max_attempts:
            target = self.topology.retry_queue_name(attempt)
            headers = {**(message.headers or {}), ATTEMPT_HEADER: attempt + 1, ERROR_HEADER: error}
            if self._republish(message, target, headers):
                EVENTS_RETRIED.labels(self.consumer_name, envelope.type).inc()
                log.warning("event %s failed (attempt %s), retrying in %sms: %s", envelope.event_id,
                            attempt, self.topology.delay_for(attempt), error)
        else:
            self._park(message, message.body, "handler-failed", error, envelope.type, attempt)

    def _park(self, message: Message, body: bytes, reason: str, error: str, event_type: str,
              attempt: int | None = None) -> None:
        headers = {**(message.headers or {}), REASON_HEADER: reason, ERROR_HEADER: error[:MAX_ERROR_CHARS]}
        if attempt is not None:
            headers[ATTEMPT_HEADER] = attempt
        if self._republish(message, self.topology.dead_letter_queue_name, headers, body):
            EVENTS_DEAD_LETTERED.labels(self.consumer_name, event_type, reason).inc()
            log.error("parked a message in %s (%s): %s", self.topology.dead_letter_queue_name,
                      reason, error)

    def _republish(self, message: Message, queue_name: str, headers: dict, body: bytes | None = None) -> bool:
        """Copy the message to a queue (confirmed), then ack the original. If the
        copy cannot be confirmed the original is requeued after a pause instead,
        so nothing is lost and nothing spins."""
        props = message.properties or {}
        copy = amqp.Message(
            body if body is not None else message.body,
            content_type=props.get("content_type", "application/json"),
            content_encoding=props.get("content_encoding", "utf-8"),
            delivery_mode=2,
            message_id=props.get("message_id"),
            type=props.get("type"),
            application_headers=headers,
        )
        try:
            self.publisher.publish_messages([("", queue_name, copy)])
        except PublishFailed as exc:
            log.warning("could not move a message to %s (%s); requeueing it", queue_name, exc)
            time.sleep(1.0)
            self.queue_consumer.requeue_message(message)
            return False
        self.queue_consumer.ack_message(message)
        return True


reliable_event_handler = ReliableEventHandler.decorator
