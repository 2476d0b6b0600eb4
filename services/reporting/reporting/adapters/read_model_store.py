"""The store one projection writes a read-model collection through: an AggregateStore that
writes over the document it has just read with one compare-and-set, instead of reading its
``_rev``, outbox and commands once more first.

``read`` keeps those bookkeeping fields of what it read; ``update`` of that document at
that version replaces it filtered on ``version`` and ``_rev``, which every writer (the
relay too) raises with each write, so an unchanged ``_rev`` means an unchanged document.
When somebody wrote in between, the write matches nothing and the usual update (read the
bookkeeping again, compare-and-set) takes over, with its conflicts as before.
"""
from __future__ import annotations

from collections.abc import Sequence

from samskab_infra.aggregate_store import COMMANDS, HIDDEN_FIELDS, OUTBOX, REVISION, AggregateStore, StoredAggregate
from samskab_infra.command_log import CommandRecord, recorded_outcomes
from samskab_infra.envelope import Envelope

KEPT = 64
"""Documents whose bookkeeping one store keeps at most (a store serves one event: one or two)."""


class ReadModelStore(AggregateStore):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._seen: dict[str, dict] = {}

    def read(self, aggregate_id: str) -> StoredAggregate | None:
        doc = self.collection.find_one({"_id": aggregate_id})
        if doc is None:
            self._seen.pop(aggregate_id, None)
            return None
        if len(self._seen) >= KEPT:
            self._seen.clear()
        self._seen[aggregate_id] = {key: doc[key] for key in ("version", REVISION, OUTBOX, COMMANDS)
                                    if key in doc}
        return StoredAggregate({k: v for k, v in doc.items() if k not in HIDDEN_FIELDS},
                               recorded_outcomes(doc.get(COMMANDS)))

    def update(self, aggregate_id: str, state: dict, expected_version: int,
               events: Sequence[Envelope], command: CommandRecord | None = None) -> int:
        seen = self._seen.pop(aggregate_id, None)
        if (seen is not None and seen.get("version") == expected_version and
                self._replace(aggregate_id, state, expected_version, events, command, seen)):
            return expected_version + 1
        return super().update(aggregate_id, state, expected_version, events, command)
