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

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from samskab_infra.aggregate import Aggregate
from samskab_infra.clock import parse_instant

GRACE = timedelta(minutes=2)
DOC_TYPE = "cvr_claim"


def claim_id(cvr: str) -> str:
    return f"cvr:{cvr}"


class CvrClaim(Aggregate):
    """The claim on one number; ``holder`` is None once released. Raises no events."""

    id_field = "document_id"

    def __init__(self, *, number: str, holder: str | None, claimed_at: str | None) -> None:
        super().__init__()
        self.number = number
        self.holder = holder
        self.claimed_at = claimed_at

    @classmethod
    def new(cls, cvr: str, actor_id: str, now: str) -> CvrClaim:
        return cls(number=cvr, holder=actor_id, claimed_at=now)

    @property
    def document_id(self) -> str:
        return claim_id(self.number)

    def blocks(self, actor_id: str, holder_doc: dict | None, now: str) -> bool:
        """Whether this claim keeps ``actor_id`` from taking the number."""
        if self.holder is None or self.holder == actor_id:
            return False
        if holder_doc is None:
            return parse_instant(now) - parse_instant(self.claimed_at) < GRACE
        return holder_doc.get("cvr") == self.number and holder_doc.get("erased_at") is None

    def take(self, actor_id: str, now: str) -> None:
        self.holder, self.claimed_at = actor_id, now

    def release(self) -> None:
        self.holder, self.claimed_at = None, None

    def to_document(self) -> dict:
        return {"doc_type": DOC_TYPE, "number": self.number, "actor_id": self.holder,
                "claimed_at": self.claimed_at}

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> CvrClaim:
        return cls(number=document["number"], holder=document["actor_id"],
                   claimed_at=document["claimed_at"])
