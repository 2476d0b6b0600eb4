"""The delivery queue and the delivery log in the store.

Every state change is a compare-and-set on (status, attempts, replays), so two
timers (two service instances) can never both send the same attempt.
"""
from __future__ import annotations

from pymongo.database import Database

from ..domain.deliveries import IN_FLIGHT, WAITING, Delivery
from .documents import insert_new, insert_new_many, newest_after, with_flags

DELIVERIES = "deliveries"
ATTEMPTS = "delivery_attempts"
MAX_ERROR_CHARS = 500
# What the delivery log shows: an older line may still hold a "response_excerpt"
# (a receiver's answer, kept before the log was cut down); it is never read back.
LOGGED_FIELDS = ("delivery_id", "channel", "recipient_id", "event_id", "event_type", "attempt",
                 "replay", "at", "outcome", "status_code", "latency_ms", "error")


class DeliveryQueue:
    def __init__(self, db: Database):
        self.collection = db[DELIVERIES]
        self.log = db[ATTEMPTS]

    def ensure_indexes(self) -> None:
        self.collection.create_index([("status", 1), ("next_attempt_at", 1)], name="due")
        self.collection.create_index([("recipient_id", 1), ("status", 1)], name="recipient")
        self.log.create_index([("recipient_id", 1), ("at", -1)], name="recipient_at")
        self.log.create_index("delivery_id", name="delivery")
        # nx-27017 uses no compound index: a recipient's deliveries and attempts were scans
        # of both collections (9-13 ms at 10,000). Single-field indexes it uses (docs/store.md).
        self.collection.create_index("recipient_id", name="recipient_only")
        self.log.create_index("recipient_id", name="recipient_only")

    @staticmethod
    def _load(doc: dict) -> Delivery:
        return Delivery.from_document(with_flags(doc, ("digest",)))

    def enqueue(self, deliveries: list[Delivery]) -> list[Delivery]:
        """In one store operation; the deliveries that were new (an (event, channel,
        recipient) queued before is not queued again)."""
        queued = insert_new_many(self.collection, [d.to_document() for d in deliveries])
        return [d for d in deliveries if d.delivery_id in queued]

    def get(self, delivery_id: str) -> Delivery | None:
        doc = self.collection.find_one({"_id": delivery_id})
        return self._load(doc) if doc else None

    def due(self, now: str, limit: int) -> list[Delivery]:
        """Waiting deliveries whose time has come, oldest first."""
        found: list[Delivery] = []
        for status in WAITING:
            cursor = self.collection.find({"status": status}).sort("next_attempt_at", 1).limit(limit)
            for doc in cursor:
                delivery = self._load(doc)
                if delivery.next_attempt_at > now:
                    break
                found.append(delivery)
        return sorted(found, key=lambda d: d.next_attempt_at)[:limit]

    def stale_claims(self, now: str) -> list[Delivery]:
        claimed = (self._load(d) for d in self.collection.find({"status": IN_FLIGHT}))
        return [d for d in claimed if d.lease_until is None or d.lease_until < now]

    def transition(self, before: Delivery, after: Delivery) -> bool:
        """Store ``after`` if the delivery is still as ``before`` left it."""
        changed = {k: v for k, v in after.to_document().items()
                   if k != "_id" and v != getattr(before, k)}
        if not changed:
            return True
        guard = {"_id": before.delivery_id, "status": before.status,
                 "attempts": before.attempts, "replays": before.replays}
        return self.collection.update_one(guard, {"$set": changed}).matched_count == 1

    def waiting_for(self, recipient_id: str) -> list[Delivery]:
        return [self._load(d) for status in WAITING
                for d in self.collection.find({"recipient_id": recipient_id, "status": status})]

    def of_recipient(self, recipient_id: str) -> list[Delivery]:
        docs = self.collection.find({"recipient_id": recipient_id}).sort("created_at", 1)
        return [self._load(d) for d in docs]

    # -- the delivery log ------------------------------------------------

    def log_attempt(self, delivery: Delivery, *, at: str, outcome: str, latency_ms: int,
                    status_code: int | None = None, error: str | None = None) -> None:
        """One line per attempt; ``delivery`` is the claimed delivery before the attempt.
        Only our own words: the status code, the duration and an error category (a
        webhook) or the mail server's reply (e-mail); never a receiver's answer."""
        insert_new(self.log, {
            "_id": delivery.attempt_key, "delivery_id": delivery.delivery_id,
            "channel": delivery.channel, "recipient_id": delivery.recipient_id,
            "event_id": delivery.event_id, "event_type": delivery.event_type,
            "attempt": delivery.attempts + 1, "replay": delivery.replays, "at": at,
            "outcome": outcome, "status_code": status_code, "latency_ms": latency_ms,
            "error": error[:MAX_ERROR_CHARS] if error else None,
        })

    def attempts_of_recipient(self, recipient_id: str, *, limit: int,
                              after: tuple[str, str] | None = None) -> list[dict]:
        """Newest first, after the (at, attempt_id) key ``after``."""
        docs = newest_after(self.log, {"recipient_id": recipient_id}, "at", after, limit)
        return [_logged(d) for d in docs]

    def attempts_of_delivery(self, delivery_id: str) -> list[dict]:
        docs = self.log.find({"delivery_id": delivery_id}).sort("at", 1)
        return [_logged(d) for d in docs]


def _logged(doc: dict) -> dict:
    return {"attempt_id": doc["_id"], **{k: doc.get(k) for k in LOGGED_FIELDS}}
