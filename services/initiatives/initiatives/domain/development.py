"""Development platforms: establishing them, their baselines and the local copy
of their members kept from the actors service's events."""
from __future__ import annotations

from samskab_contracts import member_ledger
from samskab_contracts.events.initiatives import BaselineDescribed, PlatformEstablished
from samskab_contracts.member_ledger import MembershipFact
from samskab_contracts.vocabulary import MAX_NAME, MAX_TEXT
from samskab_infra.applied_events import remember_applied

from .platforms import DevelopmentPlatform
from .rules import past_day, require, text
from .state import APPLIED_EVENTS_KEEP, InitiativeState


class Development(InitiativeState):
    def establish_platform(self, platform_id: str, name: str, focus_area: str,
                           description: str | None, *, by: str, now: str) -> DevelopmentPlatform:
        self._ensure_active()
        require(self._phase_at_least("establishment"), "phase.gate.establishment_required",
                f"development platforms are formed from the establishment phase on; the "
                f"initiative is in {self.phase}")
        require(self.phase != "closing", "platform.establish.initiative_closing",
                "no new development platforms in the closing phase")
        name = text(name, "name", MAX_NAME)
        taken = {p.name.casefold() for p in self.platforms.values()}
        require(name.casefold() not in taken, "platform.name_taken",
                f"a development platform named {name!r} already exists")
        platform = DevelopmentPlatform(
            platform_id=platform_id, name=name, focus_area=text(focus_area, "focus_area", MAX_TEXT),
            description=text(description, "description", MAX_TEXT, required=False),
            established_by=by, established_at=now)
        self.platforms[platform_id] = platform
        self._emit(PlatformEstablished, by=by, now=now, platform_id=platform_id, name=name,
                   focus_area=platform.focus_area, description=platform.description,
                   phase=self.phase)
        return platform

    def describe_baseline(self, platform_id: str | None, description: str, day: str, *,
                          by: str, now: str) -> dict:
        """The baseline: how the focus area looks when development begins. Earlier
        descriptions are kept in ``revisions``."""
        self._ensure_active()
        target = self.platform(platform_id) if platform_id is not None else None
        day = past_day(day, now, "baseline.date_in_future")
        previous = target.baseline if target is not None else self.baseline
        revisions = [] if previous is None else [
            *previous.get("revisions", []), {k: v for k, v in previous.items() if k != "revisions"}]
        baseline = {"description": text(description, "description", MAX_TEXT), "date": day,
                    "by": by, "at": now, "revisions": revisions}
        if target is not None:
            target.baseline = baseline
        else:
            self.baseline = baseline
        self._emit(BaselineDescribed, by=by, now=now, platform_id=platform_id,
                   description=baseline["description"], date=day)
        return baseline

    # -- members: a local copy of the actors service's facts -----------------
    # Events are folded through the shared member ledger, so a join that arrives after the
    # leave that followed it (a retry, a redelivery) cannot bring the member back.

    def member_joined(self, actor_id: str, actor_kind: str | None, platform_ids: list[str],
                      event_id: str, *, now: str | None = None, name: str | None = None,
                      role: str | None = None, scope: str | None = None,
                      seq: int | None = None) -> bool:
        """Apply ActorJoined once per event id, unless a later event already decided. Every
        member of a development platform is on the joint platform too; platforms unknown
        here are skipped."""
        fact = MembershipFact(joined=True, scope=scope, platform_ids=tuple(platform_ids), seq=seq, at=now)
        return self._member_changed(actor_id, fact, event_id, now,
                                    {"actor_kind": actor_kind, "name": name, "role": role})

    def member_left(self, actor_id: str, platform_ids: list[str], event_id: str, *,
                    now: str | None = None, scope: str | None = None, seq: int | None = None,
                    reason_code: str | None = None) -> bool:
        """Apply ActorLeft once per event id. Scope ``initiative`` (or no platform ids)
        means leaving the whole initiative; ``platform`` only the platforms named."""
        fact = MembershipFact(joined=False, scope=scope, platform_ids=tuple(platform_ids), seq=seq, at=now,
                              erased=reason_code == member_ledger.ERASED_REASON)
        return self._member_changed(actor_id, fact, event_id, now, None)

    def _member_changed(self, actor_id: str, fact: MembershipFact, event_id: str, now: str | None,
                        facts: dict | None) -> bool:
        if event_id in self.applied_events:
            return False
        outcome = member_ledger.apply(self.member_ledger.get(actor_id), fact)
        if not outcome.applied:
            return False
        self.member_ledger[actor_id] = outcome.entry
        self._sync_member(actor_id, outcome.entry, now, facts)
        self._applied(event_id, now)
        return True

    def _sync_member(self, actor_id: str, entry: dict, now: str | None, facts: dict | None) -> None:
        """Make the member lists say what the ledger says; names come only from a join the
        ledger applied."""
        on = [pid for pid in member_ledger.platforms(entry) if pid in self.platforms]
        if not member_ledger.is_member(entry):
            self.actors.pop(actor_id, None)
        else:
            member = self.actors.setdefault(actor_id, {"actor_kind": None, "name": None, "role": None,
                                                       "platform_ids": [], "since": now})
            member.update({k: v for k, v in (facts or {}).items() if v is not None})
            member["platform_ids"] = [p for p in member["platform_ids"] if p in on] + [
                p for p in on if p not in member["platform_ids"]]
        kind = self.actors.get(actor_id, {}).get("actor_kind")
        for pid, platform in self.platforms.items():
            if pid in on:
                platform.add_member(actor_id, kind, now)
            else:
                platform.remove_member(actor_id)

    def _applied(self, event_id: str, now: str | None) -> None:
        self.applied_events = remember_applied(self.applied_events, event_id, APPLIED_EVENTS_KEEP)
        self.updated_at = now or self.updated_at
