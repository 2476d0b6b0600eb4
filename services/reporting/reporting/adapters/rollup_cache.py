"""Roll-up figures per scope (national and each district), computed once and shared.

The figures of a scope (domain/figures.py: the roll-up tally and the dashboard's own
figures, before suppression and the same for every viewer) are computed from the
compact summaries and stored in the generation's ``rollups`` collection;
suppression is applied per viewer when a roll-up, dashboard or export is asked for.
Documents per scope (``national`` or a district slug):

* ``revision:<scope>`` ``{revision}``: raised (``$inc``) by every summary write in the scope;
* ``figures:<scope>`` ``{revision, computed_at, computed_at_s, initiatives, figures}``: the
  figures as they were at ``revision`` (zlib-compressed JSON in base64: a few hundred KB at
  national scale instead of MBs of nested documents, read in milliseconds; nx-27017 cannot
  replace a document holding binary data);
* ``stored:<scope>`` ``{revision, computed_at_s, initiatives}``: the small header of those,
  so freshness is checked without reading the figures.

The revision is read before the summaries, so stored figures are never newer than their
revision claims. Freshness: stored figures whose revision is the current one are served.
Changed ones are recomputed on the spot for a scope of up to ``STALE_OK_ABOVE``
initiatives (cheap); a larger scope is served as stored while they are less than
``MAX_STALE_S`` old, because the timer (``refresh``) recomputes changed scopes every
``REFRESH_AFTER_S``, or less often for a scope whose computation is long
(``REFRESH_DUTY``). Each process keeps the figures it last read or computed, so a
fresh answer costs one small read.
"""
from __future__ import annotations

import base64
import json
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from eventlet import tpool
from pymongo import UpdateOne
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from samskab_contracts.districts import DISTRICTS
from samskab_infra.clock import utc_now_iso
from samskab_infra.group_commit import GroupCommit

from ..domain.figures import scope_figures
from .newer import replace_if_newer

NATIONAL = "national"
SCOPES: tuple[str | None, ...] = (None, *DISTRICTS)
STALE_OK_ABOVE = 200
MAX_STALE_S = 120.0
REFRESH_AFTER_S = 30.0
REFRESH_DUTY = 0.05
"""The timer recomputes a changed scope no sooner than its last computation took, divided by
this: a scope of 100,000 initiatives (seconds to read and tally) is recomputed about every
minute instead of every 30 s, so the background cost per second stays flat as the data
grows (issue 16: flat cost), and its figures may be that much older."""
LONGEST_REFRESH_AFTER_S = 0.75 * MAX_STALE_S
"""... but always within MAX_STALE_S, so that queries keep being served the stored figures."""


def refresh_after(cost_s: float, min_age_s: float = REFRESH_AFTER_S) -> float:
    """How old a changed scope's figures must be before the timer recomputes them."""
    return max(min_age_s, min(LONGEST_REFRESH_AFTER_S, cost_s / REFRESH_DUTY))


def scope_key(scope: str | None) -> str:
    return scope or NATIONAL


def scopes_of(district: str | None) -> list[str]:
    """The scopes whose roll-ups an initiative of ``district`` counts in."""
    return [NATIONAL, district] if district in DISTRICTS else [NATIONAL]


class Revisions:
    """The change counters of one generation's scopes. With ``together`` (the live
    projection's), the touches of the events handled at the same moment share one write."""

    def __init__(self, collection: Collection,
                 together: GroupCommit[list[str], None] | None = None):
        self.collection = collection
        self.together = together

    def touch(self, keys: Iterable[str]) -> None:
        """Raise the revision of every scope in ``keys``."""
        if self.together is not None:
            self.together.join(list(keys))
        else:
            raise_revisions(self.collection, [list(keys)])


def raise_revisions(collection: Collection, touches: list[list[str]]) -> None:
    """Raise each scope's revision once per touch naming it: one write once the scopes'
    counters exist (every scope but a generation's first touch). When one is missing, each
    is raised by an upsert of its own; those already raised go up twice, which only marks
    them changed once more."""
    counts = Counter(doc_id for keys in touches for doc_id in dict.fromkeys(f"revision:{key}" for key in keys))
    if not counts:
        return
    raises = [UpdateOne({"_id": doc_id}, {"$inc": {"revision": n}}) for doc_id, n in counts.items()]
    if collection.bulk_write(raises, ordered=False).matched_count == len(raises):
        return
    for doc_id, n in counts.items():
        try:
            collection.update_one({"_id": doc_id}, {"$inc": {"revision": n}}, upsert=True)
        except DuplicateKeyError:  # a concurrent first upsert won; count on top of it
            collection.update_one({"_id": doc_id}, {"$inc": {"revision": n}})


@dataclass
class Entry:
    revision: int
    computed_at_s: float
    initiatives: int
    figures: dict


@dataclass
class FiguresMemo:
    """The figures one process last read or computed (one generation's), and a lock per
    scope so that concurrent askers wait for one computation instead of repeating it."""

    generation: int | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    locks: dict[str, threading.Lock] = field(default_factory=dict)

    def of(self, generation: int) -> FiguresMemo:
        if generation != self.generation:
            self.generation, self.entries = generation, {}
        return self


def _figures_text(summaries: list[dict], scope: str | None) -> str:
    return json.dumps(scope_figures(summaries, scope), separators=(",", ":"))


def _unpack(data: str) -> dict:
    return json.loads(zlib.decompress(base64.b64decode(data)))


class RollupCache:
    """The figures of one generation's scopes; ``load(scope)`` reads that scope's summaries."""

    def __init__(self, collection: Collection, load: Callable[[str | None], list[dict]],
                 memo: FiguresMemo, clock: Callable[[], float] = time.time):
        self.collection = collection
        self.load = load
        self.memo = memo
        self.clock = clock

    def figures(self, scope: str | None) -> dict:
        key = scope_key(scope)
        revision, header = self._state([key])[key]
        entry = self._stored(key, header)
        if entry is not None and (entry.revision >= revision or self._tolerable(entry)):
            return entry.figures
        return self._compute(scope, revision).figures

    def refresh(self, min_age_s: float = REFRESH_AFTER_S) -> list[str]:
        """For the timer: recompute changed scopes whose figures are at least ``min_age_s``
        old, and the national figures when there are none yet; returns the scopes done."""
        state = self._state([scope_key(s) for s in SCOPES])
        done = []
        for scope in SCOPES:
            revision, header = state[scope_key(scope)]
            if header is None and scope is not None:
                continue  # a district's figures are computed when first asked for
            if header is not None and (header["revision"] >= revision or self.clock() - header[
                    "computed_at_s"] < refresh_after(header.get("cost_s", 0.0), min_age_s)):
                continue
            self._compute(scope, revision)
            done.append(scope_key(scope))
        return done

    def _state(self, keys: list[str]) -> dict[str, tuple[int, dict | None]]:
        ids = [f"{kind}:{key}" for key in keys for kind in ("revision", "stored")]
        docs = {d["_id"]: d for d in self.collection.find({"_id": {"$in": ids}})}
        return {key: (int((docs.get(f"revision:{key}") or {}).get("revision", 0)),
                      docs.get(f"stored:{key}")) for key in keys}

    def _stored(self, key: str, header: dict | None) -> Entry | None:
        entry = self.memo.entries.get(key)
        if header is not None and (entry is None or entry.revision < header["revision"]):
            doc = self.collection.find_one({"_id": f"figures:{key}"})
            if doc is not None and (entry is None or entry.revision < doc["revision"]):
                entry = Entry(doc["revision"], doc["computed_at_s"], doc["initiatives"],
                              _unpack(doc["figures"]))
                self.memo.entries[key] = entry
        return entry

    def _tolerable(self, entry: Entry) -> bool:
        return (entry.initiatives > STALE_OK_ABOVE and
                self.clock() - entry.computed_at_s < MAX_STALE_S)

    def _compute(self, scope: str | None, revision: int) -> Entry:
        key = scope_key(scope)
        with self.memo.locks.setdefault(key, threading.Lock()):
            entry = self.memo.entries.get(key)
            if entry is not None and entry.revision >= revision:
                return entry  # computed by another asker while this one waited
            started = time.monotonic()
            summaries = self.load(scope)
            # Tallying a large scope takes a good part of a second of pure Python: done in an OS
            # thread, so the service's green threads (its consumer) go on meanwhile instead of
            # holding every event for that long.
            text = tpool.execute(_figures_text, summaries, scope)
            figures = json.loads(text)  # exactly what a reader of the stored copy gets
            entry = Entry(revision, self.clock(), figures["rollup"]["initiatives"], figures)
            header = {"revision": revision, "computed_at_s": entry.computed_at_s,
                      "initiatives": entry.initiatives, "cost_s": round(time.monotonic() - started, 3)}
            packed = base64.b64encode(zlib.compress(text.encode("utf-8"))).decode("ascii")
            replace_if_newer(self.collection, f"figures:{key}", {
                **header, "computed_at": utc_now_iso(), "figures": packed}, "revision")
            replace_if_newer(self.collection, f"stored:{key}", header, "revision")
            self.memo.entries[key] = entry
            return entry
