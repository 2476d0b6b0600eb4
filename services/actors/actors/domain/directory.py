"""The actors service's own copy of which initiatives and platforms exist.

Built from the initiatives service's events (InitiativeCreated,
PlatformEstablished, InitiativeClosed), so a join is checked without a
synchronous call. The merge is order-insensitive (a platform proves its
initiative exists; closed stays closed) and each event id is applied once.
"""
from __future__ import annotations

import copy
from collections.abc import Callable

from samskab_infra.errors import DomainRuleViolation, NotFound

APPLIED_KEEP = 500
_INTERNAL = ("_id", "version", "doc_type", "applied_event_ids")


class KnownInitiative:
    """One initiative as far as actors need to know: district, status, platforms."""

    def __init__(self, state: dict):
        self.state = state

    @classmethod
    def new(cls, initiative_id: str, district: str) -> KnownInitiative:
        return cls({"doc_type": "known_initiative", "initiative_id": initiative_id,
                    "district": district, "status": "open", "platform_ids": [],
                    "applied_event_ids": []})

    @property
    def initiative_id(self) -> str:
        return self.state["initiative_id"]

    @property
    def district(self) -> str:
        return self.state["district"]

    @property
    def closed(self) -> bool:
        return self.state["status"] == "closed"

    def has_platform(self, platform_id: str) -> bool:
        return platform_id in self.state["platform_ids"]

    def require_open(self) -> None:
        if self.closed:
            raise DomainRuleViolation("the initiative is closed; no one can join it", code="initiative.closed",
                                      details={"initiative_id": self.initiative_id})

    def require_platform(self, platform_id: str) -> None:
        if not self.has_platform(platform_id):
            raise NotFound("no such development platform in this initiative", code="platform.unknown",
                           details={"initiative_id": self.initiative_id, "platform_id": platform_id})

    def already_applied(self, event_id: str) -> bool:
        return event_id in self.state["applied_event_ids"]

    def apply_created(self, event_id: str, data: dict) -> bool:
        return self._apply(event_id, data, lambda: None)

    def apply_platform_established(self, event_id: str, data: dict) -> bool:
        def add_platform() -> None:
            if data["platform_id"] not in self.state["platform_ids"]:
                self.state["platform_ids"].append(data["platform_id"])
        return self._apply(event_id, data, add_platform)

    def apply_closed(self, event_id: str, data: dict) -> bool:
        return self._apply(event_id, data, lambda: self.state.update(status="closed"))

    def view(self) -> dict:
        return {k: copy.deepcopy(v) for k, v in self.state.items() if k not in _INTERNAL}

    def to_document(self) -> dict:
        return copy.deepcopy(self.state)

    @classmethod
    def from_document(cls, doc: dict) -> KnownInitiative:
        return cls({k: copy.deepcopy(v) for k, v in doc.items() if k not in ("_id", "version")})

    def _apply(self, event_id: str, data: dict, change: Callable[[], None]) -> bool:
        if self.already_applied(event_id):
            return False
        if data.get("district"):
            self.state["district"] = data["district"]
        change()
        self.state["applied_event_ids"] = (self.state["applied_event_ids"] + [event_id])[-APPLIED_KEEP:]
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
