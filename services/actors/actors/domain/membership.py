"""An actor's membership of one initiative: the joint platform and its development platforms.

One aggregate per (initiative, actor), keyed ``"<initiative_id>:<actor_id>"``,
so the store's unique id and optimistic versioning make a duplicate
membership impossible even under concurrent joins. Leaving is normal: a
period is closed, never deleted, and joining again opens a new one.

A join made by someone other than the actor (``enrolled_by``: the role they acted in)
also tells an organisation it was enrolled (ActorEnrolled), so its representative
hears of it and can leave.

Every ActorJoined / ActorLeft carries ``membership_seq``, numbered here per (initiative,
actor): the versioned save makes it strictly increasing, so consumers can put events that
the broker delivered out of order back in order (samskab_contracts.member_ledger).
"""
from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from samskab_contracts.events.actors import CITIZEN, ActorEnrolled, ActorJoined, ActorLeft
from samskab_infra.aggregate import Aggregate
from samskab_infra.errors import Conflict, DomainRuleViolation

DOC_TYPE = "membership"


def membership_id(initiative_id: str, actor_id: str) -> str:
    return f"{initiative_id}:{actor_id}"


def _period(now: str) -> dict:
    return {"joined_at": now, "left_at": None, "leave_reason": None, "leave_reason_code": None}


def _is_open(periods: list[dict]) -> bool:
    return bool(periods) and periods[-1]["left_at"] is None


def _close(periods: list[dict], now: str, reason: str | None, reason_code: str | None) -> None:
    periods[-1].update(left_at=now, leave_reason=reason, leave_reason_code=reason_code)


class Membership(Aggregate):
    """The stored ``active`` mirrors the joint-platform period so stores can query on it."""

    id_field = "membership_id"

    def __init__(self, *, initiative_id: str, district: str, actor_id: str, actor_kind: str,
                 role: str | None = None, contributions: list[str] | None = None,
                 interests: dict | None = None, periods: list[dict] | None = None,
                 platforms: list[dict] | None = None, membership_seq: int = 0) -> None:
        super().__init__()
        self.membership_id = membership_id(initiative_id, actor_id)
        self.initiative_id = initiative_id
        self.district = district
        self.actor_id = actor_id
        self.actor_kind = actor_kind
        self.role = role
        self.contributions: list[str] = contributions if contributions is not None else []
        self.interests: dict = interests if interests is not None else {"categories": [], "free_text": None}
        self.periods: list[dict] = periods if periods is not None else []
        """Periods on the joint platform: joined_at, left_at, leave_reason(_code)."""
        self.platforms: list[dict] = platforms if platforms is not None else []
        """Development platforms: platform_id, role and their periods."""
        self.membership_seq = membership_seq

    @classmethod
    def new(cls, initiative_id: str, district: str, actor_id: str, actor_kind: str) -> Membership:
        return cls(initiative_id=initiative_id, district=district, actor_id=actor_id,
                   actor_kind=actor_kind)

    @property
    def active(self) -> bool:
        return _is_open(self.periods)

    def active_platform_ids(self) -> list[str]:
        return [p["platform_id"] for p in self.platforms if _is_open(p["periods"])]

    def join_initiative(self, *, role: str, contributions: list[str], interests: dict,
                        platform_ids: list[str], actor_facts: dict, now: str,
                        enrolled_by: str | None = None) -> None:
        """Join the joint platform, optionally straight onto development platforms."""
        if self.active:
            raise Conflict("the actor is already a member of this initiative",
                           code="membership.already_member", details=self._ids())
        self.role = role
        self.contributions = list(contributions)
        self.interests = {"categories": list(interests.get("categories") or []),
                          "free_text": interests.get("free_text")}
        self.periods.append(_period(now))
        unique_platforms = list(dict.fromkeys(platform_ids))
        for platform_id in unique_platforms:
            self._open_platform(platform_id, role, now)
        self._joined("initiative", unique_platforms, role, actor_facts, now, enrolled_by)

    def join_platform(self, *, platform_id: str, role: str, actor_facts: dict, now: str,
                      enrolled_by: str | None = None) -> None:
        if not self.active:
            raise DomainRuleViolation("join the initiative before one of its development platforms",
                                      code="membership.not_in_initiative", details=self._ids())
        if platform_id in self.active_platform_ids():
            raise Conflict("the actor is already on this development platform",
                           code="membership.already_on_platform",
                           details={**self._ids(), "platform_id": platform_id})
        self._open_platform(platform_id, role, now)
        self._joined("platform", [platform_id], role, actor_facts, now, enrolled_by)

    def leave_platform(self, *, platform_id: str, reason: str | None, reason_code: str | None,
                       now: str) -> None:
        platform = self._platform(platform_id)
        if platform is None or not _is_open(platform["periods"]):
            raise DomainRuleViolation("the actor is not on this development platform",
                                      code="membership.not_on_platform",
                                      details={**self._ids(), "platform_id": platform_id})
        _close(platform["periods"], now, reason, reason_code)
        self._left("platform", [platform_id], reason_code, now)

    def leave_initiative(self, *, reason: str | None, reason_code: str | None, now: str) -> None:
        """Leave the joint platform and with it every development platform still open."""
        if not self.active:
            raise DomainRuleViolation("the actor is not a member of this initiative",
                                      code="membership.not_a_member", details=self._ids())
        left = self.active_platform_ids()
        for platform_id in left:
            _close(self._platform(platform_id)["periods"], now, reason, reason_code)
        _close(self.periods, now, reason, reason_code)
        self._left("initiative", left, reason_code, now)

    def scrub_free_text(self) -> bool:
        """Drop free text that may name or describe a person (used on erasure)."""
        before = self.to_document()
        self.contributions = []
        self.interests["free_text"] = None
        for periods in [self.periods] + [p["periods"] for p in self.platforms]:
            for period in periods:
                period["leave_reason"] = None
        return self.to_document() != before

    def view(self) -> dict:
        document = self.to_document()
        for internal in ("doc_type", "membership_seq"):
            del document[internal]
        return document

    def to_document(self) -> dict:
        return copy.deepcopy({
            "doc_type": DOC_TYPE, "membership_id": self.membership_id,
            "initiative_id": self.initiative_id, "district": self.district,
            "actor_id": self.actor_id, "actor_kind": self.actor_kind, "active": self.active,
            "role": self.role, "contributions": self.contributions, "interests": self.interests,
            "periods": self.periods, "platforms": self.platforms,
            "membership_seq": self.membership_seq,
        })

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> Membership:
        doc = copy.deepcopy(dict(document))
        return cls(initiative_id=doc["initiative_id"], district=doc["district"],
                   actor_id=doc["actor_id"], actor_kind=doc["actor_kind"], role=doc.get("role"),
                   contributions=doc.get("contributions"), interests=doc.get("interests"),
                   periods=doc.get("periods"), platforms=doc.get("platforms"),
                   membership_seq=doc.get("membership_seq", 0))

    def _platform(self, platform_id: str) -> dict | None:
        return next((p for p in self.platforms if p["platform_id"] == platform_id), None)

    def _open_platform(self, platform_id: str, role: str, now: str) -> None:
        platform = self._platform(platform_id)
        if platform is None:
            platform = {"platform_id": platform_id, "role": role, "periods": []}
            self.platforms.append(platform)
        platform["role"] = role
        platform["periods"].append(_period(now))

    def _ids(self) -> dict:
        return {"initiative_id": self.initiative_id, "actor_id": self.actor_id}

    def _common(self, scope: str, platform_ids: list[str]) -> dict:
        return {**self._ids(), "actor_kind": self.actor_kind, "district": self.district,
                "scope": scope, "platform_ids": list(platform_ids)}

    def _next_seq(self) -> int:
        """Documents saved before the numbering began start at 1."""
        self.membership_seq += 1
        return self.membership_seq

    def _joined(self, scope: str, platform_ids: list[str], role: str, actor_facts: dict,
                now: str, enrolled_by: str | None) -> None:
        self.record(ActorJoined(
            **self._common(scope, platform_ids), role=role, name=actor_facts.get("name"),
            department=actor_facts.get("department"),
            interests=list(self.interests["categories"]),
            membership_seq=self._next_seq(), at=now))
        if enrolled_by is not None and self.actor_kind != CITIZEN:
            self.record(ActorEnrolled(
                **self._common(scope, platform_ids), name=actor_facts.get("name"),
                enrolled_by_role=enrolled_by, at=now))

    def _left(self, scope: str, platform_ids: list[str], reason_code: str | None, now: str) -> None:
        self.record(ActorLeft(
            **self._common(scope, platform_ids), reason_code=reason_code,
            membership_seq=self._next_seq(), at=now))
