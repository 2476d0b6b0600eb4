"""Who holds a CVR number: one claim document per number, id ``cvr:<number>``.

Creating the claim is what makes a second registration of the same
organisation fail, even when two arrive at once (the store's unique id).
A claim counts only while its holder still carries the number and is not
erased, so a corrected or erased organisation frees it even before the
claim is released; a holder that never got written frees it after a grace
period. Erasure releases the claim so the number no longer points at the
erased actor (a sole proprietorship's CVR identifies a person).
"""
from __future__ import annotations

import copy
from datetime import datetime, timedelta

GRACE = timedelta(minutes=2)


def claim_id(cvr: str) -> str:
    return f"cvr:{cvr}"


class CvrClaim:
    def __init__(self, state: dict):
        self.state = state

    @classmethod
    def new(cls, cvr: str, actor_id: str, now: str) -> CvrClaim:
        return cls({"doc_type": "cvr_claim", "number": cvr, "actor_id": actor_id, "claimed_at": now})

    @property
    def holder(self) -> str | None:
        return self.state["actor_id"]

    def blocks(self, actor_id: str, holder_doc: dict | None, now: str) -> bool:
        """Whether this claim keeps ``actor_id`` from taking the number."""
        if self.holder is None or self.holder == actor_id:
            return False
        if holder_doc is None:
            return _parse(now) - _parse(self.state["claimed_at"]) < GRACE
        return holder_doc.get("cvr") == self.state["number"] and holder_doc.get("erased_at") is None

    def take(self, actor_id: str, now: str) -> None:
        self.state.update(actor_id=actor_id, claimed_at=now)

    def release(self) -> None:
        self.state.update(actor_id=None, claimed_at=None)

    def to_document(self) -> dict:
        return copy.deepcopy(self.state)

    @classmethod
    def from_document(cls, doc: dict) -> CvrClaim:
        return cls({k: copy.deepcopy(v) for k, v in doc.items() if k not in ("_id", "version")})


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))
