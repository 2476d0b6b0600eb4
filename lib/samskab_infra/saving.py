"""The one save path of every command: read the aggregate, let the domain decide, and
write the new state, its events (the outbox) and the command's outcome in one write.

A version conflict means somebody wrote in between, very often the service itself
applying another service's event (a member joining). A caller who gave no expected
version (no If-Match) asked for no check, so the command is read, decided and saved
again on the fresh state, a bounded number of times with jittered pauses; only a
caller's expected version turns a conflict into an error (Conflict ``version.conflict``,
which the gateway answers 412 Precondition Failed).

With a command id (Context.command_id, from the gateway's Idempotency-Key) the outcome
is recorded under that id in the same write (samskab_infra.command_log). A repeat of
the command gets the first outcome back instead of running again, even when both copies
run at once: the loser's write conflicts, it reads again and finds the winner's record.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .aggregate_store import AlreadyExists, ConflictError
from .command_log import CommandRecord
from .envelope import Envelope
from .errors import Conflict, ServiceUnavailable
from .ports import AggregatePort

__all__ = ["AggregatePort", "Decide", "Decision", "Saved", "jittered_pause", "save_command", "stale"]

ATTEMPTS = 30
"""Enough for every one of a few dozen writers racing for one busy initiative (members
joining while results are posted) to win once: with the pauses below, at most ~7 s,
well inside the gateway's RPC timeout."""
FIRST_PAUSE_S = 0.01
LONGEST_PAUSE_S = 0.25


@dataclass(frozen=True)
class Decision:
    """What a command decided on one reading of the aggregate. ``state`` is the new
    document, or None when nothing changes (then nothing is written or recorded).
    ``outcome`` is what the command made beyond the state: new ids, the events' types
    (JSON-native; it is stored and answered to a repeat)."""

    state: dict | None
    events: Sequence[Envelope] = ()
    outcome: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Saved:
    """The aggregate after the command (with its ``version``; None if there is none) and
    the command's outcome. ``replayed``: a repeated command id, answered from the record."""

    document: dict | None
    outcome: dict
    replayed: bool = False

    @property
    def version(self) -> int | None:
        return None if self.document is None else self.document["version"]


Decide = Callable[[dict | None], Decision]


def jittered_pause(attempt: int) -> None:
    """Full jitter: writers that collided do not collide again in step."""
    time.sleep(random.uniform(0, min(LONGEST_PAUSE_S, FIRST_PAUSE_S * 2 ** attempt)))


def stale(aggregate_id: str, expected: int, version: int | None) -> Conflict:
    """The caller's If-Match named a version that is not the current one."""
    return Conflict(f"{aggregate_id} is at version {version}, the change was made against {expected}",
                    code="version.conflict", details={"expected_version": expected, "version": version})


def save_command(store: AggregatePort, aggregate_id: str, decide: Decide, *,
                 expected_version: int | None = None, command_id: str | None = None,
                 attempts: int = ATTEMPTS, creates: bool = False,
                 pause: Callable[[int], None] = jittered_pause) -> Saved:
    """Read → decide → save, again on a conflict unless the caller gave ``expected_version``.

    ``decide`` gets the stored document (None if there is none) and raises the domain's
    errors, which end the command with nothing written. A creation refused by a unique
    index on another field (the document is still not there) raises AlreadyExists.

    ``creates``: the command makes a new aggregate under a fresh id, so it is decided on
    no document and inserted without reading first; when the id is taken after all (a
    repeated command, a redelivered event) the usual path reads what is there and goes on.
    """
    create_refused = False
    if creates and expected_version is None:
        first = _create_unread(store, aggregate_id, decide, command_id)
        if first is not None:
            return first
        create_refused = True
    for attempt in range(attempts):
        stored = store.read(aggregate_id)
        if stored is None and create_refused:
            raise AlreadyExists(aggregate_id)
        if stored is not None and command_id is not None and command_id in stored.outcomes:
            return Saved(stored.document, stored.outcomes[command_id], replayed=True)
        version = None if stored is None else stored.version
        if expected_version is not None and expected_version != version:
            raise stale(aggregate_id, expected_version, version)
        document = None if stored is None else stored.document
        decision = decide(document)
        if decision.state is None:
            return Saved(document, decision.outcome)
        record = None if command_id is None else CommandRecord(command_id, decision.outcome)
        try:
            if stored is None:
                new_version = store.create(aggregate_id, decision.state, decision.events, record)
            else:
                new_version = store.update(aggregate_id, decision.state, stored.version,
                                           decision.events, record)
        except AlreadyExists:
            create_refused = True
        except ConflictError as exc:
            if expected_version is not None:
                raise stale(aggregate_id, expected_version, exc.actual) from None
        else:
            return Saved({**decision.state, "_id": aggregate_id, "version": new_version},
                         decision.outcome)
        pause(attempt)
    raise ServiceUnavailable(f"{aggregate_id} is changing too often to save now; retry",
                             code="concurrency.busy", details={"retry_after": 1})


def _create_unread(store: AggregatePort, aggregate_id: str, decide: Decide,
                   command_id: str | None) -> Saved | None:
    """Insert what ``decide`` makes of no document; None when the id is taken."""
    decision = decide(None)
    if decision.state is None:
        return Saved(None, decision.outcome)
    record = None if command_id is None else CommandRecord(command_id, decision.outcome)
    try:
        version = store.create(aggregate_id, decision.state, decision.events, record)
    except AlreadyExists:
        return None
    return Saved({**decision.state, "_id": aggregate_id, "version": version}, decision.outcome)
