"""The broker topology, declared before anything publishes.

One durable topic exchange carries every event. Each consuming service has
one durable queue bound to the event types it handles, a ladder of retry
queues (each holds a message for its delay, then dead-letters it straight
back to the service queue) and a dead-letter queue where messages that
failed every retry are parked with their error. Messages nobody is bound to
go to an alternate exchange so that nothing published is ever dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from kombu import Connection, Exchange, Queue, binding

UNROUTED = "samskab.unrouted"


def events_exchange(name: str) -> Exchange:
    return Exchange(
        name, type="topic", durable=True, arguments={"alternate-exchange": UNROUTED}
    )


def partner_exchange(name: str) -> Exchange:
    """Partner views only (see partner_stream). No alternate exchange: a view no partner
    queue is bound to has no reader, and the event itself is kept on the events exchange."""
    return Exchange(name, type="topic", durable=True)


def unrouted_exchange() -> Exchange:
    return Exchange(UNROUTED, type="fanout", durable=True)


def unrouted_queue() -> Queue:
    return Queue(UNROUTED, exchange=unrouted_exchange(), durable=True)


@dataclass(frozen=True)
class ConsumerTopology:
    """The queues of one consuming service (one queue, its retries, its DLQ)."""

    queue_name: str
    exchange_name: str
    event_types: tuple[str, ...]
    retry_delays_ms: tuple[int, ...]

    @property
    def exchange(self) -> Exchange:
        return events_exchange(self.exchange_name)

    @property
    def queue(self) -> Queue:
        bindings = [binding(self.exchange, routing_key=f"{t}.*") for t in sorted(self.event_types)]
        return Queue(self.queue_name, bindings=bindings, durable=True)

    def retry_queue_name(self, attempt: int) -> str:
        """Retry queue for the given attempt (1-based); names carry the delay,
        because a queue's TTL cannot change once it is declared."""
        return f"{self.queue_name}.retry.{self.delay_for(attempt)}ms"

    def delay_for(self, attempt: int) -> int:
        return self.retry_delays_ms[min(attempt, len(self.retry_delays_ms)) - 1]

    @property
    def max_attempts(self) -> int:
        """Deliveries before parking: the first plus one per retry delay."""
        return len(self.retry_delays_ms) + 1

    @property
    def dead_letter_queue_name(self) -> str:
        return f"{self.queue_name}.dlq"

    def retry_queues(self) -> list[Queue]:
        return [
            Queue(
                f"{self.queue_name}.retry.{delay}ms",
                durable=True,
                queue_arguments={
                    "x-message-ttl": delay,
                    "x-dead-letter-exchange": "",
                    "x-dead-letter-routing-key": self.queue_name,
                },
            )
            for delay in sorted(set(self.retry_delays_ms))
        ]

    def dead_letter_queue(self) -> Queue:
        return Queue(self.dead_letter_queue_name, durable=True)

    def entities(self) -> list:
        return [unrouted_exchange(), unrouted_queue(), self.exchange, self.queue,
                *self.retry_queues(), self.dead_letter_queue()]


def declare_exchanges(connection: Connection, exchange_name: str, partner_exchange_name: str | None = None) -> None:
    """What every producer needs before its first publish."""
    with connection.channel() as channel:
        unrouted_exchange().declare(channel=channel)
        unrouted_queue().bind(channel).declare()
        events_exchange(exchange_name).declare(channel=channel)
        if partner_exchange_name:
            partner_exchange(partner_exchange_name).declare(channel=channel)


def declare_consumer(connection: Connection, topology: ConsumerTopology) -> None:
    declare_exchanges(connection, topology.exchange_name)
    with connection.channel() as channel:
        for queue in [topology.queue, *topology.retry_queues(), topology.dead_letter_queue()]:
            queue.bind(channel).declare()
