"""Which actors take part in which initiative: one member-ledger entry per (initiative, actor),
written by compare-and-set on the store's revision field (``REVISION``).

Members are read from the ledger itself, never from a copy written after it, so two
workers applying a join and its leave at the same time cannot leave a ghost behind.
The documents hold ids, sequence numbers and times only, never a name.
"""
from __future__ import annotations

from collections.abc import Callable

from pymongo.database import Database

from samskab_contracts import member_ledger
from samskab_contracts.member_ledger import MembershipFact, Outcome
from samskab_infra.aggregate_store import REVISION

from .documents import insert_new

MEMBER_LEDGER = "directory_member_ledger"
ATTEMPTS = 10


class LedgerContention(RuntimeError):
    """Lost the compare-and-set every time; the consumer retries the event later."""


class MongoMemberLedger:
    def __init__(self, db: Database):
        self.collection = db[MEMBER_LEDGER]

    def ensure_indexes(self) -> None:
        self.collection.create_index("initiative_id", name="initiative")
        self.collection.create_index("actor_id", name="actor")

    def apply(self, initiative_id: str, actor_id: str, fact: MembershipFact) -> Outcome:
        """The entry after the event; ``applied`` is False for a duplicate or an event overtaken."""
        return self._change(initiative_id, actor_id, lambda entry: member_ledger.apply(entry, fact))

    def erase_actor(self, actor_id: str) -> None:
        """ActorErased: a tombstone in every initiative the actor was ever heard of in."""
        for doc in list(self.collection.find({"actor_id": actor_id})):
            self._change(doc["initiative_id"], actor_id, _erased)

    def members(self, initiative_id: str) -> list[str]:
        docs = self.collection.find({"initiative_id": initiative_id})
        return sorted(d["actor_id"] for d in docs if member_ledger.is_member(d["entry"]))

    def initiatives_of(self, actor_id: str) -> list[str]:
        docs = self.collection.find({"actor_id": actor_id})
        return sorted(d["initiative_id"] for d in docs if member_ledger.is_member(d["entry"]))

    def _change(self, initiative_id: str, actor_id: str,
                change: Callable[[dict | None], Outcome]) -> Outcome:
        key = f"{initiative_id}|{actor_id}"
        for _ in range(ATTEMPTS):
            doc = self.collection.find_one({"_id": key})
            outcome = change(doc["entry"] if doc is not None else None)
            if not outcome.applied:
                return outcome
            rev = doc[REVISION] if doc is not None else 0
            new = {"_id": key, "initiative_id": initiative_id, "actor_id": actor_id,
                   "entry": outcome.entry, REVISION: rev + 1}
            if doc is None and insert_new(self.collection, new):
                return outcome
            if doc is not None and self.collection.replace_one({"_id": key, REVISION: rev}, new).matched_count:
                return outcome
        raise LedgerContention(f"member ledger {key} changed {ATTEMPTS} times while applying one event")


def _erased(entry: dict | None) -> Outcome:
    erased = member_ledger.erase(entry)
    return Outcome(erased, erased != entry)
