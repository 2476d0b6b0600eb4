"""The actors service's own copy of which initiatives and platforms exist.

Built from the initiatives service's events (InitiativeCreated,
PlatformEstablished, InitiativeClosed, InitiativeBecameNetwork, and
ParticipatingDistrictAdded/Removed for the districts taking part besides the lead district:
the latest by time wins), so a join is checked
without a synchronous call. The merge is order-insensitive (a platform proves its
initiative exists; closed stays closed, unless it goes on as a network, which stays a
network) and each event id is applied once. A network is open to joining and leaving:
it lives on with the actors who want to (docs/network-and-activities.md).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from samskab_infra.aggregate import Aggregate
from samskab_infra.applied_events import remember_applied
from samskab_infra.clock import chronological_key
from samskab_infra.errors import DomainRuleViolation, NotFound

DOC_TYPE = "known_initiative"


class KnownInitiative(Aggregate):
    """One initiative as far as actors need to know: district, status, platforms and the
    participating districts (``reach_at``: when those were last set). Raises no events;
    ``applied_event_ids`` are the events already applied (in-document de-duplication)."""

    id_field = "initiative_id"

    def __init__(self, *, initiative_id: str, district: str, status: str = "open",
                 platform_ids: list[str] | None = None,
                 applied_event_ids: list[str] | None = None,
                 participating_districts: list[str] | None = None, reach_at: str | None = None) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.district = district
        self.status = status
        self.platform_ids: list[str] = list(platform_ids or [])
        self.applied_event_ids: list[str] = list(applied_event_ids or [])
        self.participating_districts: list[str] = list(participating_districts or [])
        self.reach_at = reach_at

    @classmethod
    def new(cls, initiative_id: str, district: str) -> KnownInitiative:
        return cls(initiative_id=initiative_id, district=district)

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    def has_platform(self, platform_id: str) -> bool:
        return platform_id in self.platform_ids

    def require_open(self) -> None:
        if self.closed:
            raise DomainRuleViolation("the initiative is closed; no one can join it", code="initiative.closed",
                                      details={"initiative_id": self.initiative_id})

    def require_platform(self, platform_id: str) -> None:
        if not self.has_platform(platform_id):
            raise NotFound("no such development platform in this initiative", code="platform.unknown",
                           details={"initiative_id": self.initiative_id, "platform_id": platform_id})

    def already_applied(self, event_id: str) -> bool:
        return event_id in self.applied_event_ids

    def apply_created(self, event_id: str, data: dict) -> bool:
        return self._apply(event_id, data, lambda: None)

    def apply_platform_established(self, event_id: str, data: dict) -> bool:
        def add_platform() -> None:
            if data["platform_id"] not in self.platform_ids:
                self.platform_ids.append(data["platform_id"])
        return self._apply(event_id, data, add_platform)

    def apply_closed(self, event_id: str, data: dict) -> bool:
        def close() -> None:
            if self.status != "network":  # a network arriving first was closed before it
                self.status = "closed"
        return self._apply(event_id, data, close)

    def apply_became_network(self, event_id: str, data: dict) -> bool:
        def go_on_as_network() -> None:
            self.status = "network"
        return self._apply(event_id, data, go_on_as_network)

    def apply_reach(self, event_id: str, data: dict) -> bool:
        """ParticipatingDistrictAdded/Removed carry every district after the change (the
        lead first); an older one arriving late changes nothing."""
        def set_reach() -> None:
            at = str(data.get("at") or "")
            if self.reach_at is not None and chronological_key(at) < chronological_key(self.reach_at):
                return
            self.reach_at = at
            self.participating_districts = [d for d in data.get("districts") or [] if d != self.district]
        return self._apply(event_id, data, set_reach)

    def view(self) -> dict:
        return {"initiative_id": self.initiative_id, "district": self.district,
                "status": self.status, "platform_ids": list(self.platform_ids),
                "participating_districts": list(self.participating_districts)}

    def to_document(self) -> dict:
        return {"doc_type": DOC_TYPE, **self.view(), "reach_at": self.reach_at,
                "applied_event_ids": list(self.applied_event_ids)}

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> KnownInitiative:
        return cls(initiative_id=document["initiative_id"], district=document["district"],
                   status=document["status"], platform_ids=document["platform_ids"],
                   applied_event_ids=document["applied_event_ids"],
                   participating_districts=document.get("participating_districts"),
                   reach_at=document.get("reach_at"))

    def _apply(self, event_id: str, data: dict, change: Callable[[], None]) -> bool:
        if self.already_applied(event_id):
            return False
        if data.get("district"):
            self.district = data["district"]
        change()
        self.applied_event_ids = remember_applied(self.applied_event_ids, event_id)
        return True


class InitiativeDirectory:
    """Answers "may an actor join here?" from the local copy; ``lookup`` returns a
    stored document or None (the handler passes the store's ``get``)."""

    def __init__(self, lookup: Callable[[str], dict | None]):
        self._lookup = lookup

    def get(self, initiative_id: str) -> KnownInitiative | None:
        doc = self._lookup(initiative_id)
        return KnownInitiative.from_document(doc) if doc is not None else None

    def require_known(self, initiative_id: str) -> KnownInitiative:
        known = self.get(initiative_id)
        if known is None:
            raise NotFound("no such initiative", code="initiative.unknown",
                           details={"initiative_id": initiative_id})
        return known

    def require_open(self, initiative_id: str) -> KnownInitiative:
        known = self.require_known(initiative_id)
        known.require_open()
        return known

    def require_platform(self, initiative_id: str, platform_id: str) -> KnownInitiative:
        known = self.require_open(initiative_id)
        known.require_platform(platform_id)
        return known
