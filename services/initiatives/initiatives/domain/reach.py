"""How far an initiative reaches: its lead district, participating districts, its scope
(issue 15).

IT-related financial crime grew from one district into a national forum (FIT) and a
national centre; Bo Trygt is 16 partnerships between municipalities, the police and one
programme. An initiative keeps its one lead district (``district``: who starts and steers
it) and may have participating districts besides it, whose operators read it and see it
in their district's lists and figures (samskab_contracts.access).

The scope follows the districts unless the initiative is national: a local initiative
that gains a participating district becomes cross_district, and one that loses its last
goes back to local; ``national`` is set on purpose and stays until it is set otherwise.
Setting ``local`` while districts take part, or ``cross_district`` with none, is refused.
"""
from __future__ import annotations

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.events.initiatives import (
    InitiativeScopeSet,
    ParticipatingDistrictAdded,
    ParticipatingDistrictRemoved,
)
from samskab_contracts.vocabulary import INITIATIVE_SCOPES, MAX_TEXT

from .rules import one_of, require, text
from .state import InitiativeState


class Reach(InitiativeState):
    @property
    def districts(self) -> list[str]:
        """The lead district first, then the participating districts."""
        return [self.district, *self.participating_districts]

    def add_participating_district(self, district: str, *, by: str, now: str) -> None:
        self._ensure_reachable()
        one_of(district, DISTRICTS, "initiative.district.unknown", "police district")
        require(district != self.district, "initiative.district.is_lead",
                f"{district} is the initiative's lead district")
        require(district not in self.participating_districts, "initiative.district.already_participating",
                f"{district} already takes part")
        self.participating_districts = [*self.participating_districts, district]
        if self.scope == "local":
            self.scope = "cross_district"
        self._emit(ParticipatingDistrictAdded, by=by, now=now, participating_district=district,
                   districts=self.districts, scope=self.scope)

    def remove_participating_district(self, district: str, *, by: str, now: str) -> None:
        self._ensure_reachable()
        require(district in self.participating_districts, "initiative.district.not_participating",
                f"{district} does not take part in the initiative")
        self.participating_districts = [d for d in self.participating_districts if d != district]
        if self.scope == "cross_district" and not self.participating_districts:
            self.scope = "local"
        self._emit(ParticipatingDistrictRemoved, by=by, now=now, participating_district=district,
                   districts=self.districts, scope=self.scope)

    def set_scope(self, scope: str, reason: str | None, *, by: str, now: str) -> None:
        self._ensure_reachable()
        one_of(scope, INITIATIVE_SCOPES, "initiative.scope.unknown", "scope")
        require(scope != self.scope, "initiative.scope.unchanged", f"the initiative is already {scope}")
        require(scope != "local" or not self.participating_districts, "initiative.scope.districts_participate",
                "remove the participating districts before the initiative is local again")
        require(scope != "cross_district" or bool(self.participating_districts),
                "initiative.scope.no_participating_district",
                "add a participating district: an initiative across districts has at least one")
        reason = text(reason, "reason", MAX_TEXT, required=False)
        previous, self.scope = self.scope, scope
        self._emit(InitiativeScopeSet, by=by, now=now, scope=scope, previous_scope=previous,
                   districts=self.districts, reason=reason)

    def _ensure_reachable(self) -> None:
        """Active or a living network (which may well grow across districts); not closed."""
        require(self.status in ("active", "network"), "initiative.closed",
                f"initiative {self.initiative_id} is closed; its districts no longer change")
