"""A consumer holds a message while the store is away (issue 12, failure 1): no ack, no
retry queue, no dead letter and nothing raised into nameko, then the event is applied
once when the store answers. Driven through Delivery with fakes of our own ports."""
from __future__ import annotations

import pytest
from prometheus_client import REGISTRY
from pymongo.errors import AutoReconnect, NetworkTimeout, OperationFailure, ServerSelectionTimeoutError

from samskab_infra.delivery import Delivery, DeliveryPorts, start_deliveries
from samskab_infra.envelope import Envelope
from samskab_infra.store_outage import Backoff, StoppedWaiting, StoreAvailability, StoreGate
from tests.integration.plumbing import ledger_envelope

pytestmark = pytest.mark.unit


class Store:
    """Whether the store answers: ``outage`` store calls fail before it answers again."""

    def __init__(self, outage: int = 0, error: type[Exception] = ServerSelectionTimeoutError):
        self.outage = outage
        self.error = error
        self.calls = 0

    def touch(self) -> None:
        self.calls += 1
        if self.outage > 0:
            self.outage -= 1
            raise self.error("127.0.0.1:27017: [Errno 111] Connection refused")

    def ping(self) -> bool:
        try:
            self.touch()
        except self.error:
            return False
        return True


class FakeProcessedLog:
    def __init__(self, store: Store):
        self.store = store
        self.marked: list[str] = []
        self.lookups = 0

    def already_processed(self, event_id: str) -> bool:
        self.store.touch()
        return event_id in self.marked

    def processed_among(self, event_ids) -> set[str]:
        self.store.touch()
        self.lookups += 1
        return set(event_ids) & set(self.marked)

    def mark_processed(self, event_id: str, event_type: str) -> bool:
        self.store.touch()
        if event_id in self.marked:
            return False
        self.marked.append(event_id)
        return True


class Consumer:
    """What the nameko entrypoint does around a delivery, recorded: handler runs (each one
    touching the store ``handler_outage`` times failing first), acks, failures, pauses."""

    def __init__(self, store: Store, processed: FakeProcessedLog | None = None, handler_outage: int = 0):
        self.store = store
        self.processed = processed or FakeProcessedLog(store)
        self.handler_store = Store(handler_outage)
        self.applied: list[str] = []
        self.acks: list[str] = []
        self.failures: list[BaseException] = []
        self.pauses: list[float] = []
        self.background: list = []
        self.stopping = False
        self.availability = StoreAvailability("unit-consumer")
        self.gate = StoreGate(self.availability, store.ping, lambda: self.stopping,
                              sleep=self.pauses.append, backoff=Backoff(initial_s=0.5, cap_s=2.0))
        self.ports = DeliveryPorts(processed=self.processed, gate=self.gate, run_handler=self.run_handler,
                                   in_background=self.background.append)

    def run_handler(self, envelope: Envelope, done) -> None:
        try:
            self.handler_store.touch()
        except Exception as exc:  # noqa: BLE001 - handed to the delivery as nameko would
            done(exc)
            return
        self.applied.append(envelope.event_id)
        done(None)

    def deliver(self, *envelopes: Envelope) -> list[Delivery]:
        """The messages arrived together, as the consumer starts them."""
        deliveries = [Delivery(envelope, self.ports, ack=self.acks.append, fail=self.failures.append)
                      for envelope in envelopes]
        start_deliveries(deliveries, self.ports)
        return deliveries

    def run_background(self) -> None:
        while self.background:
            self.background.pop(0)()


def gauge(service: str) -> float | None:
    return REGISTRY.get_sample_value("samskab_store_available", {"service": service})


@pytest.mark.parametrize("error", [ServerSelectionTimeoutError, AutoReconnect, NetworkTimeout])
def test_an_event_arriving_during_an_outage_is_held_then_applied_once(error):
    store = Store(outage=4, error=error)
    consumer = Consumer(store)
    envelope = ledger_envelope("e1", 1)
    consumer.deliver(envelope)
    assert consumer.applied == [envelope.event_id]
    assert consumer.acks == ["ok"] and consumer.failures == []
    assert consumer.processed.marked == [envelope.event_id]
    assert consumer.availability.down is False


def test_the_wait_backs_off_up_to_a_cap_and_never_spins():
    consumer = Consumer(Store(outage=8))
    consumer.deliver(ledger_envelope("e1", 1))
    assert consumer.pauses and all(0 < p <= 0.2 for p in consumer.pauses)  # slices, to notice a stop
    assert 0.4 * 8 <= sum(consumer.pauses) <= 2.0 * 8


def test_the_availability_gauge_is_down_during_the_outage_and_up_after_it():
    store = Store(outage=2)
    consumer = Consumer(store)
    seen: list[float] = []
    consumer.gate.sleep = lambda s: seen.append(gauge("unit-consumer"))
    consumer.deliver(ledger_envelope("e1", 1))
    assert set(seen) == {0.0}
    assert gauge("unit-consumer") == 1.0


def test_a_handler_that_meets_the_outage_runs_again_once_the_store_answers_and_is_not_retried():
    consumer = Consumer(Store(outage=0), handler_outage=1)
    envelope = ledger_envelope("e1", 1)
    consumer.deliver(envelope)
    assert consumer.acks == [] and consumer.failures == []  # held, not sent to a retry queue
    assert len(consumer.background) == 1  # the wait runs in its own green thread, not the worker
    consumer.store.outage = 3  # the store is still away when the wait begins
    consumer.run_background()
    assert consumer.applied == [envelope.event_id]
    assert consumer.acks == ["ok"] and consumer.failures == []


def test_an_outage_while_recording_the_event_holds_the_ack_and_does_not_run_the_handler_again():
    store = Store()
    processed = FakeProcessedLog(store)
    consumer = Consumer(store, processed)
    envelope = ledger_envelope("e1", 1)
    original_mark = processed.mark_processed

    def mark_during_outage(event_id: str, event_type: str) -> bool:
        processed.mark_processed = original_mark
        store.outage = 3
        return original_mark(event_id, event_type)

    processed.mark_processed = mark_during_outage
    consumer.deliver(envelope)
    assert consumer.acks == [] and consumer.failures == []
    consumer.run_background()
    assert consumer.applied == [envelope.event_id]
    assert processed.marked == [envelope.event_id]
    assert consumer.acks == ["ok"]


def test_a_held_message_is_left_unacked_when_the_service_stops():
    consumer = Consumer(Store(outage=1000))
    consumer.gate.sleep = lambda s: setattr(consumer, "stopping", True)
    consumer.deliver(ledger_envelope("e1", 1))
    assert consumer.acks == [] and consumer.failures == [] and consumer.applied == []


def test_a_duplicate_found_after_the_outage_is_acked_without_running_the_handler():
    store = Store()
    consumer = Consumer(store)
    envelope = ledger_envelope("e1", 1)
    consumer.processed.marked.append(envelope.event_id)
    store.outage = 2
    consumer.deliver(envelope)
    assert consumer.acks == ["duplicate"] and consumer.applied == []


def test_a_store_error_that_is_no_outage_goes_the_retry_way():
    store = Store(outage=1, error=OperationFailure)
    consumer = Consumer(store)
    consumer.deliver(ledger_envelope("e1", 1))
    assert [type(e) for e in consumer.failures] == [OperationFailure]
    assert consumer.acks == [] and consumer.pauses == []


def test_a_stopping_gate_raises_instead_of_waiting():
    gate = StoreGate(StoreAvailability("unit-gate"), lambda: False, lambda: True, sleep=lambda s: None)
    with pytest.raises(StoppedWaiting):
        gate.call("consumer", Store(outage=1).touch)


def test_messages_that_arrive_together_share_one_lookup_and_keep_their_order():
    store = Store()
    consumer = Consumer(store)
    envelopes = [ledger_envelope(f"e{i}", i) for i in range(1, 6)]
    consumer.processed.marked.append(envelopes[2].event_id)  # the third was handled before
    consumer.deliver(*envelopes)
    assert consumer.processed.lookups == 1
    assert consumer.applied == [e.event_id for i, e in enumerate(envelopes) if i != 2]
    assert sorted(consumer.acks) == ["duplicate", "ok", "ok", "ok", "ok"]


def test_a_burst_arriving_during_an_outage_is_held_together_then_applied_once_each():
    store = Store(outage=3)
    consumer = Consumer(store)
    envelopes = [ledger_envelope(f"e{i}", i) for i in range(1, 4)]
    consumer.deliver(*envelopes)
    assert consumer.applied == [e.event_id for e in envelopes]
    assert consumer.acks == ["ok"] * 3 and consumer.failures == []


def test_a_store_error_that_is_no_outage_sends_the_whole_burst_the_retry_way():
    consumer = Consumer(Store(outage=1, error=OperationFailure))
    consumer.deliver(ledger_envelope("e1", 1), ledger_envelope("e2", 2))
    assert [type(e) for e in consumer.failures] == [OperationFailure, OperationFailure]
    assert consumer.applied == [] and consumer.acks == []


def test_event_types_deduplicated_in_their_documents_are_not_looked_up_but_still_recorded():
    store = Store()
    consumer = Consumer(store)
    consumer.ports = DeliveryPorts(processed=consumer.processed, gate=consumer.gate,
                                   run_handler=consumer.run_handler, in_background=consumer.background.append,
                                   deduplicated_in_document=frozenset({"LedgerEntryRecorded"}))
    in_document = ledger_envelope("e1", 1)
    logged = Envelope(**{**in_document.to_dict(), "event_id": "7d9f6f0e-8a55-4c1e-9b61-1f2a6f0c3e12",
                         "type": "SomethingElse"})
    consumer.deliver(in_document, logged)
    assert consumer.applied == [in_document.event_id, logged.event_id]
    assert consumer.processed.lookups == 1  # asked only about the other one ...
    assert consumer.processed.marked == [in_document.event_id, logged.event_id]  # ... both recorded
    # Delivered again: the handler runs again for the one that keeps its own record.
    consumer.deliver(in_document, logged)
    assert consumer.applied == [in_document.event_id, logged.event_id, in_document.event_id]
    assert sorted(consumer.acks) == ["duplicate", "ok", "ok", "ok"]


def test_a_handler_that_records_its_events_itself_gets_no_mark_from_the_consumer():
    store = Store()
    consumer = Consumer(store)
    consumer.ports = DeliveryPorts(processed=consumer.processed, gate=consumer.gate,
                                   run_handler=consumer.run_handler, in_background=consumer.background.append,
                                   deduplicated_in_document=frozenset({"LedgerEntryRecorded"}),
                                   recorded_by_handler=True)
    in_document = ledger_envelope("e1", 1)
    logged = Envelope(**{**in_document.to_dict(), "event_id": "7d9f6f0e-8a55-4c1e-9b61-1f2a6f0c3e12",
                         "type": "SomethingElse"})
    consumer.deliver(in_document, logged)
    assert consumer.applied == [in_document.event_id, logged.event_id]
    assert consumer.processed.lookups == 1  # the other type is still asked about ...
    assert consumer.processed.marked == [logged.event_id]  # ... and recorded; the first is not
    assert consumer.acks == ["ok", "ok"]
