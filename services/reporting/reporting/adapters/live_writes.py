"""The live projection's writes that the events handled at the same moment share
(samskab_infra.group_commit): their event-log entries go in one insert, and the roll-up
scopes they changed are raised in one write per generation. Each handler still waits for
its own entry and mark to be stored before its message is acknowledged."""
from __future__ import annotations

from functools import partial

from pymongo.collection import Collection
from pymongo.database import Database

from samskab_infra.group_commit import GroupCommit
from samskab_infra.grouped_inserts import GroupedInserts

from . import event_log
from .rollup_cache import Revisions, raise_revisions


class LiveWrites:
    """One per process: the group commits of the event log and of each generation's scopes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._log = GroupedInserts(db[event_log.EVENT_LOG])
        self._scopes: dict[str, GroupCommit[list[str], None]] = {}

    def log(self, envelope: dict) -> bool:
        """Log the envelope (with the others of its moment); False when it was logged already
        (a redelivery)."""
        return event_log.record(self.db, envelope, into=self._log)

    def revisions(self, collection: Collection) -> Revisions:
        together = self._scopes.get(collection.name)
        if together is None:
            together = self._scopes[collection.name] = GroupCommit(partial(raise_revisions, collection))
        return Revisions(collection, together)
