"""The commands an aggregate remembers: each command id with its outcome, kept in the
aggregate's own document (``_commands``) and written in the same single-document write
as the change it made, so "it ran" and "what it changed" can never disagree.

A command id comes from the gateway's Idempotency-Key (samskab_infra.context); a
repeated id is answered from here instead of running again (samskab_infra.saving).
The gateway replays its own stored answer for 24 h, and re-sends a command only after
it lost the answer (an RPC timeout), so a day of commands is what must be remembered;
a cap bounds the document on a very busy aggregate.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

KEEP_FOR = timedelta(hours=24)
KEEP_AT_MOST = 200


@dataclass(frozen=True)
class CommandRecord:
    """A command's id and its outcome: the ids it made and the events it raised, not the
    aggregate's state (which the document holds anyway, and which may hold personal data
    that erasure must be able to remove from one place)."""

    command_id: str
    outcome: dict

    def to_dict(self, at: str) -> dict:
        return {"command_id": self.command_id, "at": at, "outcome": self.outcome}


def kept_commands(recorded: list[dict], command: CommandRecord | None,
                  now: datetime | None = None) -> list[dict]:
    """``recorded`` without entries older than KEEP_FOR, plus ``command``; at most KEEP_AT_MOST."""
    now = now or datetime.now(UTC)
    cutoff = _iso(now - KEEP_FOR)
    kept = [entry for entry in recorded if entry.get("at", "") >= cutoff]
    if command is not None:
        kept.append(command.to_dict(_iso(now)))
    return kept[-KEEP_AT_MOST:]


def _iso(moment: datetime) -> str:
    """Fixed width, so that the strings compare in time order."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def recorded_outcomes(recorded: list[dict] | None) -> dict[str, dict]:
    return {entry["command_id"]: entry["outcome"] for entry in recorded or []}
