"""Publishing envelopes in batches with publisher confirms and mandatory routing.

One confirm round trip per batch, not per message: every message of a batch
is sent, then we wait until the broker has acknowledged the highest delivery
tag. A nack or a basic.return fails the whole batch, which the outbox relay
then retries; consumers are idempotent, so a re-sent message is harmless.
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence

import amqp
from kombu import Connection

from .envelope import Envelope
from .partner_stream import PartnerStream
from .topology import declare_exchanges


class PublishFailed(RuntimeError):
    pass


class ConfirmingPublisher:
    def __init__(self, amqp_uri: str, exchange: str, confirm_timeout: float = 10.0,
                 partner: PartnerStream | None = None) -> None:
        self.amqp_uri = amqp_uri
        self.exchange = exchange
        self.partner = partner
        self.confirm_timeout = confirm_timeout
        self._connection: Connection | None = None
        self._channel = None
        self._next_tag = 0
        self._acked = 0
        self._failed: str | None = None
        self._lock = threading.Lock()

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        self._acked = max(self._acked, delivery_tag)

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self._failed = f"broker nacked delivery {delivery_tag}"

    def _on_return(self, exc: Exception, exchange: str, routing_key: str, message: amqp.Message) -> None:
        self._failed = f"unroutable: {routing_key} ({exc})"

    def _ensure_channel(self) -> amqp.Channel:
        if self._channel is not None and self._connection is not None and self._connection.connected:
            return self._channel
        self.close()
        connection = Connection(self.amqp_uri, heartbeat=0, connect_timeout=5)
        connection.ensure_connection(max_retries=1)
        declare_exchanges(connection, self.exchange, self.partner.exchange if self.partner else None)
        channel: amqp.Channel = connection.connection.channel()
        channel.confirm_select()
        channel.events["basic_ack"].add(self._on_ack)
        channel.events["basic_nack"].add(self._on_nack)
        channel.events["basic_return"].add(self._on_return)
        self._connection, self._channel = connection, channel
        self._next_tag = 0
        self._acked = 0
        return channel

    def publish_batch(self, envelopes: Sequence[Envelope]) -> None:
        """Send every envelope to the events exchange, and its partner view to the partner
        exchange, and block until all are confirmed. Partner views are not mandatory: one
        that no partner queue is bound to has no reader, while the event itself is kept."""
        outgoing = [(self.exchange, e.routing_key, envelope_message(e), True) for e in envelopes]
        if self.partner is not None:
            outgoing += [(self.partner.exchange, view.routing_key, envelope_message(view), False)
                         for view in self.partner.views(envelopes)]
        self._send(outgoing)

    def publish_messages(self, messages: Sequence[tuple[str, str, amqp.Message]]) -> None:
        """Send (exchange, routing key, message) triples; raise PublishFailed unless
        the broker confirmed every one of them."""
        self._send([(exchange, key, message, True) for exchange, key, message in messages])

    def _send(self, messages: Sequence[tuple[str, str, amqp.Message, bool]]) -> None:
        if not messages:
            return
        with self._lock:
            try:
                channel = self._ensure_channel()
                self._failed = None
                for exchange, key, message, mandatory in messages:
                    channel.basic_publish(message, exchange=exchange, routing_key=key, mandatory=mandatory)
                    self._next_tag += 1
                self._wait_for_confirms()
            except PublishFailed:
                self.close()
                raise
            except Exception as exc:  # connection lost, broker down, ...
                self.close()
                raise PublishFailed(str(exc) or type(exc).__name__) from exc

    def _wait_for_confirms(self) -> None:
        deadline = time.monotonic() + self.confirm_timeout
        assert self._connection is not None
        while self._acked < self._next_tag and self._failed is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PublishFailed("timed out waiting for publisher confirms")
            try:
                self._connection.connection.drain_events(timeout=min(remaining, 1.0))
            except TimeoutError:
                continue
        if self._failed:
            raise PublishFailed(self._failed)

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # noqa: BLE001 - closing a dead connection may fail in many ways
                pass
        self._connection = None
        self._channel = None


def envelope_message(envelope: Envelope, headers: dict | None = None) -> amqp.Message:
    body = json.dumps(envelope.to_dict(), ensure_ascii=False).encode("utf-8")
    return amqp.Message(
        body,
        content_type="application/json",
        content_encoding="utf-8",
        delivery_mode=2,
        message_id=envelope.event_id,
        type=envelope.type,
        application_headers={
            "nameko.correlation_id": envelope.correlation_id,
            "event_version": envelope.version,
            **(headers or {}),
        },
    )
