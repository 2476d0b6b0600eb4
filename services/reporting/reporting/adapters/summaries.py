"""The compact initiative summaries of one generation, written beside their models.

A summary is replaced whole whenever its model is written (it is a pure function of
the model), guarded by the model's version so a slower writer never puts an older
summary over a newer one. Every call marks the roll-ups of the initiative's district
and the national one as changed (adapters/rollup_cache.py), also when the summary
was there already: after a crash between the two writes, the redelivered event's
call repairs the mark. A first version's summary is inserted straight away (an initiative's
first event); the scopes are marked in one write (``Revisions.touch``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from pymongo.collection import Collection

from samskab_infra.aggregate_store import insert_new
from samskab_infra.grouped_inserts import GroupedInserts

from ..domain.projections.summary import summarise
from .newer import replace_if_newer
from .rollup_cache import Revisions, scopes_of


class SummaryStore:
    def __init__(self, collection: Collection, revisions: Revisions, inserts: GroupedInserts | None = None):
        """``inserts``: the live projection's, so the first summaries of initiatives created
        at the same moment go in one insert."""
        self.collection = collection
        self.revisions = revisions
        self.inserts = inserts

    def put(self, initiative_id: str, model: dict, version: int) -> bool:
        """Store the summary of ``model`` (stored at ``version``) unless a summary of that or
        a later version is there already; True when written."""
        written = replace_if_newer(self.collection, initiative_id,
                                   {**summarise(model), "version": version}, "version",
                                   insert_first=version == 1, inserts=self.inserts)
        self.revisions.touch(_scopes([model]))
        return written

    def put_many(self, models: Mapping[str, dict], version: int) -> list[str]:
        """``put`` for many models stored at the same ``version`` (a rebuild's new ones): one
        unordered ``insert_many``, then ``put``'s guarded replace for each summary that was
        there already. Returns the scopes whose roll-ups changed, for the caller to ``mark``
        once it has put every batch."""
        summaries = {initiative_id: {**summarise(model), "version": version}
                     for initiative_id, model in models.items()}
        taken = insert_new(self.collection, [{**summary, "_id": initiative_id}
                                             for initiative_id, summary in summaries.items()])
        for initiative_id in taken:
            replace_if_newer(self.collection, initiative_id, summaries[initiative_id], "version")
        return _scopes(models.values())

    def mark(self, scopes: Iterable[str]) -> None:
        """Mark the roll-ups of ``scopes`` as changed."""
        self.revisions.touch(sorted(set(scopes)))


def _scopes(models: Iterable[dict]) -> list[str]:
    """The roll-up scopes the models count in (every district each has been seen in)."""
    return sorted({scope for model in models
                   for district in model.get("districts_seen") or [model.get("district")]
                   for scope in scopes_of(district)})
