"""In-document de-duplication: a document that an event changes remembers the event's id
in the same write, so a redelivered event changes nothing. Pure: no I/O."""
from __future__ import annotations

APPLIED_KEEP = 500
"""How many applied event ids a document remembers (redeliveries come within minutes)."""


def remember_applied(applied: list[str] | None, event_id: str, keep: int = APPLIED_KEEP) -> list[str]:
    """The in-document de-duplication list after applying ``event_id``: the newest ``keep``
    ids. A handler checks ``event_id in applied`` first and writes the new list with its
    change, in the same write."""
    return (list(applied or []) + [event_id])[-keep:]
