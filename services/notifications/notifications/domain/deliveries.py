"""One delivery = one event to one recipient over one channel, and its lifecycle.

    pending ──claim──> in_flight ──ok──> delivered
       ^                   │ fail (or lease ran out): retry scheduled ──> failed ──(due)──claim──> …
       │                   └ fail: schedule exhausted / permanent ──> dead
       └──────── replay (from delivered or dead) ─────────────────────┘
    pending / failed ──(consent withdrawn, erased, endpoint removed)──> cancelled

The id is derived from (event, channel, recipient), so the same event arriving
twice cannot queue a second delivery.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace

from samskab_infra.clock import plus_seconds
from samskab_infra.errors import DomainRuleViolation

PENDING = "pending"
IN_FLIGHT = "in_flight"
DELIVERED = "delivered"
FAILED = "failed"
DEAD = "dead"
CANCELLED = "cancelled"
WAITING = (PENDING, FAILED)
REPLAYABLE = (DELIVERED, DEAD)
MAX_ERROR_CHARS = 500


def delivery_id_for(event_id: str, channel: str, recipient_id: str) -> str:
    return f"{event_id}|{channel}|{recipient_id}"


@dataclass(frozen=True)
class Delivery:
    delivery_id: str
    channel: str
    recipient_id: str
    event_id: str
    event_type: str
    status: str
    next_attempt_at: str
    created_at: str
    updated_at: str
    attempts: int = 0
    replays: int = 0
    digest: bool = False
    lease_until: str | None = None
    last_error: str | None = None
    last_status_code: int | None = None

    @classmethod
    def new(cls, *, event_id: str, event_type: str, channel: str, recipient_id: str, now: str,
            send_at: str | None = None, digest: bool = False) -> Delivery:
        return cls(
            delivery_id=delivery_id_for(event_id, channel, recipient_id), channel=channel,
            recipient_id=recipient_id, event_id=event_id, event_type=event_type, status=PENDING,
            next_attempt_at=send_at or now, created_at=now, updated_at=now, digest=digest,
        )

    def is_due(self, now: str) -> bool:
        return self.status in WAITING and self.next_attempt_at <= now

    @property
    def attempt_key(self) -> str:
        """Names the attempt about to be made, unique across replays (for the log)."""
        return f"{self.delivery_id}#{self.replays}.{self.attempts + 1}"

    def claim(self, now: str, lease_s: float) -> Delivery:
        if not self.is_due(now):
            raise DomainRuleViolation(f"delivery {self.delivery_id} is not due",
                                      code="delivery.not_due")
        return replace(self, status=IN_FLIGHT, lease_until=plus_seconds(now, lease_s), updated_at=now)

    def succeeded(self, now: str, status_code: int | None = None) -> Delivery:
        return replace(self, status=DELIVERED, attempts=self.attempts + 1, lease_until=None,
                       last_error=None, last_status_code=status_code, updated_at=now)

    def failed(self, now: str, error: str, *, retry_in_s: float | None,
               status_code: int | None = None) -> Delivery:
        """Count a failed attempt; ``retry_in_s`` None means give up (dead)."""
        status = DEAD if retry_in_s is None else FAILED
        next_at = self.next_attempt_at if retry_in_s is None else plus_seconds(now, retry_in_s)
        return replace(self, status=status, attempts=self.attempts + 1, lease_until=None,
                       next_attempt_at=next_at, last_error=error[:MAX_ERROR_CHARS],
                       last_status_code=status_code, updated_at=now)

    def give_up(self, now: str, reason: str) -> Delivery:
        """Dead without an attempt (e.g. the endpoint is disabled); replay revives it."""
        return replace(self, status=DEAD, lease_until=None, last_error=reason[:MAX_ERROR_CHARS],
                       updated_at=now)

    def cancel(self, now: str, reason: str) -> Delivery:
        return replace(self, status=CANCELLED, lease_until=None,
                       last_error=reason[:MAX_ERROR_CHARS], updated_at=now)

    def defer(self, until: str, now: str) -> Delivery:
        """Wait without counting an attempt (its target just failed for another delivery)."""
        return replace(self, next_attempt_at=max(until, self.next_attempt_at), updated_at=now)

    def released(self, now: str, retry_in_s: float | None) -> Delivery:
        """A claim whose worker vanished (a crash, a bug). Whether it went out is unknown, so
        it counts as a failed attempt: a delivery that crashes every worker ends up dead."""
        return self.failed(now, "the worker's lease ran out before it finished", retry_in_s=retry_in_s)

    def replay(self, now: str) -> Delivery:
        if self.status not in REPLAYABLE:
            raise DomainRuleViolation(
                f"only delivered or dead deliveries can be replayed, this one is {self.status}",
                code="delivery.replay_not_allowed")
        return replace(self, status=PENDING, attempts=0, replays=self.replays + 1,
                       next_attempt_at=now, lease_until=None, last_error=None, updated_at=now)

    def to_document(self) -> dict:
        doc = asdict(self)
        doc["_id"] = doc.pop("delivery_id")
        return doc

    @classmethod
    def from_document(cls, doc: Mapping) -> Delivery:
        values = {key: doc[key] for key in cls.__dataclass_fields__ if key in doc}
        values["delivery_id"] = doc["_id"]
        return cls(**values)

    def view(self) -> dict:
        return asdict(self)
