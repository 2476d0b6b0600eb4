"""Taking and releasing CVR numbers (one claim document per number in the actors store),
steps of registering, updating and erasing an organisation."""
from __future__ import annotations

from typing import Any

from samskab_contracts.access import may_on_actor
from samskab_infra.context import Principal
from samskab_infra.errors import Conflict
from samskab_infra.saving import Decision, save_command

from ..domain import CvrClaim, claim_id


def claim_cvr(store: Any, cvr: str, actor_id: str, now: str, caller: Principal) -> None:
    """Take the CVR number for ``actor_id`` or raise Conflict (naming its holder only to a
    caller who may read it)."""
    def decide(doc: dict | None) -> Decision:
        if doc is None:
            return Decision(CvrClaim.new(cvr, actor_id, now).to_document())
        claim = CvrClaim.from_document(doc)
        if claim.holder == actor_id:
            return Decision(None)
        holder_doc = store.get(claim.holder) if claim.holder else None
        if claim.blocks(actor_id, holder_doc, now):
            raise _cvr_conflict(holder_doc, caller)
        claim.take(actor_id, now)
        return Decision(claim.to_document())

    save_command(store, claim_id(cvr), decide)


def release_claim(store: Any, cvr: str, actor_id: str) -> None:
    def decide(doc: dict | None) -> Decision:
        if doc is None or doc["actor_id"] != actor_id:
            return Decision(None)
        claim = CvrClaim.from_document(doc)
        claim.release()
        return Decision(claim.to_document())

    save_command(store, claim_id(cvr), decide)


def duplicate_cvr(store: Any, cvr: str | None, caller: Principal) -> Conflict:
    """The store's unique index on ``cvr`` refused the actor: point at the holder."""
    existing = store.find({"doc_type": "actor", "cvr": cvr}) if cvr else []
    return _cvr_conflict(existing[0] if existing else None, caller)


def _cvr_conflict(holder_doc: dict | None, caller: Principal) -> Conflict:
    """409 for a CVR number already held. The holder's id is named only to a caller who may
    read that actor (an operator of its district, its representative): ids are not handed
    out across districts."""
    holder_id = holder_doc.get("actor_id") if holder_doc else None
    readable = holder_id is not None and may_on_actor(caller, "read", holder_doc.get("district"), holder_id)
    return Conflict("an organisation with this CVR number is already registered",
                    code="actor.duplicate_cvr", details={"existing_actor_id": holder_id if readable else None})
