"""The live projection's writes that the events handled at the same moment share
(samskab_infra.group_commit): their event-log entries go in one insert, and the roll-up
scopes they changed are raised in one write per generation. Each handler still waits for
its own entry and mark to be stored before its message is acknowledged."""
from __future__ import annotations

from functools import partial

from pymongo.collection import Collection
from pymongo.database import Database

from samskab_infra.group_commit import GroupCommit

from . import event_log
from .rollup_cache import Revisions, raise_revisions


class LiveWrites:
    """One per process: the group commits of the event log and of each generation's scopes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._log: GroupCommit[dict, set[str]] = GroupCommit(self._log_batch)
        self._scopes: dict[str, GroupCommit[list[str], None]] = {}

    def log(self, envelope: dict) -> bool:
        """Log the envelope (with the others of its moment); False when it was logged already
        (a redelivery)."""
        return envelope["event_id"] not in self._log.join(envelope)

    def revisions(self, collection: Collection) -> Revisions:
        together = self._scopes.get(collection.name)
        if together is None:
            together = self._scopes[collection.name] = GroupCommit(partial(raise_revisions, collection))
        return Revisions(collection, together)

    def _log_batch(self, envelopes: list[dict]) -> set[str]:
        return event_log.record_many(self.db, envelopes)
