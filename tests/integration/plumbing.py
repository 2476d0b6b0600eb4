"""Two tiny services that exercise the shared plumbing and nothing else:
``ledger`` writes entries through the outbox; ``tally`` consumes the events
with a deliberately non-idempotent effect (a counter) guarded by apply_once."""
from __future__ import annotations

import eventlet
from marshmallow import fields
from nameko.rpc import rpc

from samskab_dev.apply_once import apply_once
from samskab_infra.consumer import reliable_event_handler
from samskab_infra.envelope import Envelope
from samskab_infra.event_types import Event, EventSchema
from samskab_infra.logs import CorrelationContext
from samskab_infra.metrics import STORE_OPERATIONS
from samskab_infra.mongo import MongoDatabase
from samskab_infra.publisher import PublishFailed
from samskab_infra.stores_provider import StoresProvider


class LedgerEntryRecorded(Event):
    producer = "ledger"
    description = "Test-only event used by the plumbing tests."

    class Schema(EventSchema):
        entry_id = fields.Str(required=True)
        amount = fields.Int(required=True)
        fail = fields.Bool(load_default=False)

    example = {"entry_id": "e1", "amount": 1}


HANDLED = ("LedgerEntryRecorded",)


def ledger_envelope(entry_id: str, amount: int, fail: bool = False,
                    correlation_id: str | None = None) -> Envelope:
    event = LedgerEntryRecorded(entry_id=entry_id, amount=amount, fail=fail)
    return Envelope.wrap(event, producer="ledger", correlation_id=correlation_id,
                         district="nordjylland")


class LedgerService:
    name = "ledger"
    stores = StoresProvider("entries")
    ids = CorrelationContext()

    @rpc
    def record(self, entry_id: str, amount: int, fail: bool = False) -> int:
        envelope = ledger_envelope(entry_id, amount, fail, self.ids.correlation_id)
        return self.stores["entries"].create(entry_id, {"amount": amount}, [envelope])

    @rpc
    def record_many(self, prefix: str, count: int) -> int:
        for i in range(count):
            self.stores["entries"].create(f"{prefix}-{i}", {"amount": i}, [ledger_envelope(f"{prefix}-{i}", i)])
        return count


def count_once(db, envelope: Envelope) -> None:
    def bump(doc: dict) -> dict:
        doc["count"] = doc.get("count", 0) + 1
        doc["amount"] = envelope.data["amount"]
        doc["correlation_id"] = envelope.correlation_id
        return doc

    apply_once(db["tally"], envelope.data["entry_id"], envelope.event_id, bump, default=dict)


class TallyService:
    name = "tally"
    db = MongoDatabase()

    @reliable_event_handler(HANDLED)
    def on_event(self, envelope: Envelope) -> None:
        if envelope.data.get("fail"):
            raise RuntimeError(f"poison entry {envelope.data['entry_id']}")
        count_once(self.db, envelope)


class RecordingPublisher:
    """The relay's publisher, recording each batch (or failing like a broker that is away)."""

    def __init__(self, fail: bool = False):
        self.fail = fail
        self.batches: list[list[Envelope]] = []

    def publish_batch(self, envelopes) -> None:
        if self.fail:
            raise PublishFailed("broker down")
        self.batches.append(list(envelopes))


def together(calls: list) -> list:
    """Run the calls in green threads at the same moment; their results in order."""
    pool = eventlet.GreenPool()
    threads = [pool.spawn(call) for call in calls]
    return [thread.wait() for thread in threads]


def store_operations(service: str, operation: str) -> float:
    """How many ``operation`` commands the client labelled ``service`` has sent so far."""
    return STORE_OPERATIONS.labels(service, operation)._value.get()
