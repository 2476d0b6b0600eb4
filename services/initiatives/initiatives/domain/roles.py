"""Roles: the one anchor person (ankerperson) with a handover log, the working
group (arbejdsgruppe) and the coordinator (tovholder)."""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    AnchorPersonAssigned,
    CoordinatorAssigned,
    PlatformLeadAssigned,
    WorkingGroupChanged,
)
from samskab_contracts.vocabulary import MAX_NAME, MAX_TEXT
from samskab_infra.errors import NotFound

from .rules import require, text
from .state import InitiativeState


def person(raw: dict, field: str) -> dict:
    """A staff member in a role: an id (usually the login subject), a name, a work email."""
    return {"person_id": text(raw.get("person_id"), f"{field}.person_id", MAX_NAME),
            "name": text(raw.get("name"), f"{field}.name", MAX_NAME, required=False),
            "email": text(raw.get("email"), f"{field}.email", MAX_NAME, required=False)}


class Roles(InitiativeState):
    def assign_anchor_person(self, anchor: dict, reason: str | None, *, by: str,
                             now: str) -> None:
        """Exactly one anchor person at a time; a handover needs a reason and is logged."""
        self._ensure_active()
        new = person(anchor, "anchor_person")
        previous = self.anchor_person
        require(previous is None or previous["person_id"] != new["person_id"],
                "roles.anchor_person.already_assigned",
                f"{new['person_id']} is already the anchor person")
        require(previous is None or bool(reason and reason.strip()),
                "roles.anchor_person.handover_reason_required",
                "handing the anchor person role over needs a reason (the handover is a risk)")
        reason = text(reason, "reason", MAX_TEXT, required=False)
        self.anchor_person = new
        self.anchor_handovers.append({"from": previous, "to": new, "reason": reason, "by": by,
                                      "at": now})
        self._emit(AnchorPersonAssigned, by=by, now=now, anchor_person=new,
                   previous_anchor_person=previous, handover=previous is not None, reason=reason)

    def change_working_group(self, add: list[dict], remove: list[str], *, by: str,
                             now: str) -> None:
        self._ensure_active()
        require(bool(add) or bool(remove), "working_group.no_change",
                "give members to add or to remove")
        current = {m["person_id"] for m in self.working_group}
        for person_id in remove:
            if person_id not in current:
                raise NotFound(f"{person_id} is not in the working group",
                               code="working_group.member_not_found")
        added = [{**person(raw, "member"),
                  "role": text(raw.get("role"), "member.role", MAX_NAME, required=False)}
                 for raw in add]
        remaining = current - set(remove)
        seen: set[str] = set()
        for member in added:
            pid = member["person_id"]
            require(pid not in remaining and pid not in seen, "working_group.already_member",
                    f"{pid} is already in the working group")
            seen.add(pid)
        self.working_group = [m for m in self.working_group if m["person_id"] not in remove]
        self.working_group.extend(added)
        self._emit(WorkingGroupChanged, by=by, now=now, added=added, removed=list(remove),
                   members=self.working_group)

    def assign_coordinator(self, coordinator: dict, reason: str | None, *, by: str,
                           now: str) -> None:
        self._ensure_active()
        new = person(coordinator, "coordinator")
        previous = self.coordinator
        require(previous is None or previous["person_id"] != new["person_id"],
                "roles.coordinator.already_assigned",
                f"{new['person_id']} is already the coordinator")
        reason = text(reason, "reason", MAX_TEXT, required=False)
        self.coordinator = new
        self.coordinator_history.append({"from": previous, "to": new, "reason": reason, "by": by,
                                         "at": now})
        self._emit(CoordinatorAssigned, by=by, now=now, coordinator=new,
                   previous_coordinator=previous, reason=reason)

    def assign_platform_lead(self, platform_id: str, lead: dict | None, reason: str | None, *, by: str,
                             now: str) -> None:
        """Name (or, with None, un-name) the person who leads one development platform; the
        lead may do the platform's work (docs/access.md)."""
        self._ensure_active()
        platform = self.platform(platform_id)
        new = person(lead, "lead") if lead is not None else None
        previous = platform.lead
        require((previous or {}).get("person_id") != (new or {}).get("person_id"),
                "roles.platform_lead.unchanged", "the platform already has this lead")
        reason = text(reason, "reason", MAX_TEXT, required=False)
        platform.lead = new
        self._emit(PlatformLeadAssigned, by=by, now=now, platform_id=platform_id, lead=new,
                   previous_lead=previous, reason=reason)
