"""Governance (styring): the anchor person's deputy (stedfortræder), the steering group
(styregruppe) and the core group (kernegruppe), and where the initiative is anchored
locally (forankring, e.g. a local council).

The deputy is the answer to the method's one-person risk: while appointed the deputy has the
anchor person's access (samskab_contracts.access), and a handover need not wait. The core
group is kept by name so the A/B-team risk can be watched (who is in it, who is not).
"""
from __future__ import annotations

from samskab_contracts.events.governance import (
    AnchoringDescribed,
    DeputyAnchorPersonAssigned,
    GovernanceGroupSet,
)
from samskab_contracts.vocabulary import GOVERNANCE_GROUPS, MAX_NAME, MAX_TEXT

from .roles import person
from .rules import one_of, require, text
from .state import InitiativeState

MAX_ANCHORING = MAX_NAME * 5


def member(raw: dict) -> dict:
    return {"name": text(raw.get("name"), "member.name", MAX_NAME),
            "organisation": text(raw.get("organisation"), "member.organisation", MAX_NAME,
                                 required=False),
            "role": text(raw.get("role"), "member.role", MAX_NAME, required=False),
            "actor_id": raw.get("actor_id")}


class Governance(InitiativeState):
    def assign_deputy_anchor_person(self, deputy: dict | None, reason: str | None, *, by: str,
                                    now: str) -> None:
        """Appoint, replace or (with None) relieve the deputy; never the anchor person."""
        self._ensure_active()
        new = person(deputy, "deputy") if deputy is not None else None
        previous = self.governance["deputy_anchor_person"]
        require((previous or {}).get("person_id") != (new or {}).get("person_id"),
                "roles.deputy.unchanged", "the initiative already has this deputy")
        require(new is None or new["person_id"] != (self.anchor_person or {}).get("person_id"),
                "roles.deputy.is_anchor_person",
                "the anchor person cannot be their own deputy")
        reason = text(reason, "reason", MAX_TEXT, required=False)
        self.governance["deputy_anchor_person"] = new
        self.governance["deputy_history"].append(
            {"from": previous, "to": new, "reason": reason, "by": by, "at": now})
        self._emit(DeputyAnchorPersonAssigned, by=by, now=now, deputy=new,
                   previous_deputy=previous, reason=reason)

    def set_governance_group(self, group: str, members: list[dict], *, by: str, now: str) -> None:
        """The whole steering or core group; the same name twice is refused."""
        self._ensure_active()
        one_of(group, GOVERNANCE_GROUPS, "governance.group.unknown", "governance group")
        cleaned = [member(raw) for raw in members]
        names = [(m["name"].casefold(), (m["organisation"] or "").casefold()) for m in cleaned]
        require(len(set(names)) == len(names), "governance.member.duplicate",
                "a member is named twice")
        for m in cleaned:
            require(m["actor_id"] is None or m["actor_id"] in self.actors,
                    "governance.member.not_an_actor",
                    f"actor {m['actor_id']} does not take part in this initiative")
        previous = self.governance[group]
        require(cleaned != previous, "governance.group.unchanged", "the group is already so")
        self.governance[group] = cleaned
        self._emit(GovernanceGroupSet, by=by, now=now, group=group, members=cleaned,
                   previous_members_count=len(previous))

    def describe_anchoring(self, anchoring: str | None, *, by: str, now: str) -> None:
        self._ensure_active()
        new = text(anchoring, "anchoring", MAX_ANCHORING, required=False)
        previous = self.governance["anchoring"]
        require(new != previous, "governance.anchoring.unchanged", "the anchoring is already so")
        self.governance["anchoring"] = new
        self._emit(AnchoringDescribed, by=by, now=now, anchoring=new, previous_anchoring=previous)
