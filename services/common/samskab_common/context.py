"""Who asks and on behalf of which request: passed from the gateway to handlers."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .envelope import utc_now_iso


@dataclass(frozen=True)
class Principal:
    """The authenticated caller. ``role`` is one of ROLES; ``district`` is set for
    district-bound roles; ``initiatives`` lists those an anchor person or
    coordinator holds; ``actor_id`` is set for an actor representative."""

    subject: str
    role: str
    district: str | None = None
    initiatives: tuple[str, ...] = ()
    actor_id: str | None = None

    @classmethod
    def from_dict(cls, raw: dict | str | None) -> Principal:
        """From a dict, or the JSON string the gateway puts in RPC headers."""
        if isinstance(raw, str):
            raw = json.loads(raw)
        raw = raw or {}
        return cls(
            subject=raw.get("subject", "system"),
            role=raw.get("role", "system"),
            district=raw.get("district"),
            initiatives=tuple(raw.get("initiatives") or ()),
            actor_id=raw.get("actor_id"),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    def to_dict(self) -> dict:
        return {
            "subject": self.subject,
            "role": self.role,
            "district": self.district,
            "initiatives": list(self.initiatives),
            "actor_id": self.actor_id,
        }


ROLES = (
    "national_centre",
    "district_operator",
    "anchor_person",
    "coordinator",
    "actor_representative",
    "partner",
    "system",
)

SYSTEM = Principal(subject="system", role="system")


@dataclass(frozen=True)
class Context:
    """Carried into every handler: lineage for the events it emits and the caller."""

    correlation_id: str
    causation_id: str | None = None
    principal: Principal = field(default=SYSTEM)
    now: str | None = None

    def current_time(self) -> str:
        """``now`` when the caller fixed it (tests, replays), else the UTC time now."""
        return self.now or utc_now_iso()
