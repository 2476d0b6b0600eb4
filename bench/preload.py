"""Fill a running system's stores with many initiatives fast, for the flat-cost figure
(issue 16: the cost per command with 100,000 initiatives stored within 10 % of the cost
with 1,000).

Going through the API at the pipeline's own speed would take most of an hour for 100,000,
so a few hundred initiatives are made through the API (every service writes what it
writes for a real one) and then every document that names one of them, in every
service's database, is copied with fresh ids: each UUID in the copy is replaced by one
derived from it and the copy number, so references between documents and services stay
consistent and unique indexes hold. Documents that name no seed initiative (grants, rate
counters, roll-up revisions) are left as they are.
"""
from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable

from bson import json_util
from pymongo.database import Database

from samskab_infra.inserts import insert_unique

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NAMESPACE = uuid.UUID("6f1a3c52-2d7e-4a58-9a0b-5c1d2e3f4a5b")
BATCH = 2000


def copy_ids(copy: int) -> Callable[[re.Match], str]:
    return lambda match: str(uuid.uuid5(NAMESPACE, f"{match.group(0)}|{copy}"))


def fill(databases: list[Database], seed_ids: set[str], copies: int,
         progress: Callable[[str], None] = print) -> int:
    """Copy every document naming a seed initiative ``copies`` times; returns documents written."""
    written = 0
    for db in databases:
        for name in db.list_collection_names():
            collection = db[name]
            seeds = []
            for doc in collection.find({}):
                text = json_util.dumps(doc)
                if any(seed in text for seed in seed_ids):
                    if not isinstance(doc.get("_id"), str):
                        text = json_util.dumps({k: v for k, v in doc.items() if k != "_id"})
                    seeds.append(text)
            if not seeds:
                continue
            started = time.monotonic()
            batch: list[dict] = []
            for copy in range(1, copies + 1):
                replace = copy_ids(copy)
                batch.extend(json_util.loads(UUID.sub(replace, text)) for text in seeds)
                if len(batch) >= BATCH:
                    written += _insert(collection, batch)
                    batch = []
            written += _insert(collection, batch)
            progress(f"  {db.name}.{name}: {len(seeds)} x {copies} copies in {time.monotonic() - started:.1f} s")
    return written


def _insert(collection, batch: list[dict]) -> int:
    """A copy that exists already (a document naming two seeds) is left out."""
    return len(batch) - len(insert_unique(collection, batch))
