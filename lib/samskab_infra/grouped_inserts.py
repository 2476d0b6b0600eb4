"""Inserts into one collection made at the same moment (samskab_infra.group_commit), sent as
one unordered ``insert_many``: the consumers' workers that create documents for a burst of
events, or the RPC workers that create aggregates for concurrent commands, share a round
trip. Each caller gets what ``insert_one`` would have given it: nothing, or a
``DuplicateKeyError`` for its own document only."""
from __future__ import annotations

from functools import partial

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from .group_commit import GroupCommit
from .inserts import DUPLICATE_KEY, insert_unique


class GroupedInserts:
    def __init__(self, collection: Collection) -> None:
        self._group: GroupCommit[dict, set[int]] = GroupCommit(partial(insert_unique, collection))

    def insert_one(self, document: dict) -> None:
        refused, position = self._group.join_at(document)
        if position in refused:
            raise DuplicateKeyError(f"duplicate key: {document.get('_id')!r}", code=DUPLICATE_KEY)


class InsertGroups:
    """One process's GroupedInserts, one per collection."""

    def __init__(self) -> None:
        self._by_name: dict[str, GroupedInserts] = {}

    def of(self, collection: Collection) -> GroupedInserts:
        grouped = self._by_name.get(collection.full_name)
        if grouped is None:
            grouped = self._by_name[collection.full_name] = GroupedInserts(collection)
        return grouped
