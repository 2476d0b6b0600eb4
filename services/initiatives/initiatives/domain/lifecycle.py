"""The seven phases as a state machine with gates, closing and becoming a network."""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    InitiativeBecameNetwork,
    InitiativeClosed,
    InitiativePhaseAdvanced,
)
from samskab_contracts.vocabulary import MAX_NAME, MAX_TEXT, PHASES

from .goal_tree import goal_met
from .mapping import METHOD_GATES, unmet_method_gate
from .rules import one_of, require, text
from .state import InitiativeState


class Lifecycle(InitiativeState):
    def advance_phase(self, to_phase: str, reason: str, *, by: str, now: str,
                      override_reason: str | None = None) -> None:
        """Move exactly one phase on, through the gate of the phase entered.

        Entering closing needs every platform to have reached its goals, and entering
        analysis, actor involvement and establishment what the method's earlier phase
        produced (mapping.METHOD_GATES); either may be passed by an explicit override
        decision with a reason, which is then recorded.
        """
        self._ensure_active()
        self._ensure_not_paused()
        one_of(to_phase, PHASES, "phase.unknown", "phase")
        current, target = PHASES.index(self.phase), PHASES.index(to_phase)
        require(target != current, "phase.transition.already_in_phase",
                f"the initiative is already in {self.phase}")
        require(target > current, "phase.transition.backwards",
                f"phases do not go back: {self.phase} -> {to_phase}")
        require(target == current + 1, "phase.transition.skip",
                f"phases advance one at a time: after {self.phase} comes {PHASES[current + 1]}")
        reason = text(reason, "reason", MAX_TEXT)
        override_reason = text(override_reason, "override_reason", MAX_TEXT, required=False)
        require(override_reason is None or to_phase in ("closing", *METHOD_GATES),
                "phase.override.not_applicable",
                "an override decision only applies to a gate that allows one (phases 3-5, closing)")
        self._check_gate(to_phase)
        if to_phase == "closing":
            override_reason = self._closing_override(override_reason, by=by, now=now,
                                                     code="phase.gate.platform_goals_not_reached")
        else:
            override_reason = self._method_gate_override(to_phase, override_reason)
        self.phase_history.append({"from": self.phase, "to": to_phase, "by": by, "at": now,
                                   "reason": reason, "override_reason": override_reason})
        previous, self.phase = self.phase, to_phase
        self._emit(InitiativePhaseAdvanced, by=by, now=now, from_phase=previous, to_phase=to_phase,
                   phase_number=target + 1, reason=reason, override_reason=override_reason)

    def _check_gate(self, to_phase: str) -> None:
        if to_phase == "mapping":
            require(self.anchor_person is not None, "phase.gate.anchor_person_required",
                    "an anchor person must be assigned before mapping starts")
        if to_phase == "co_creative_development":
            require(bool(self.platforms), "phase.gate.platform_required",
                    "co-creative development needs at least one established development platform")

    def _method_gate_override(self, to_phase: str, override_reason: str | None) -> str | None:
        """None when the gate of phases 3-5 is met (domain/mapping.py); else the override's
        reason, which the phase history and the event record."""
        unmet = unmet_method_gate(self, to_phase)
        if unmet is None:
            return None
        code, missing = unmet
        require(override_reason is not None, code,
                f"{missing}; give an override_reason to record an explicit decision to go on anyway")
        return override_reason

    def _closing_override(self, override_reason: str | None, *, by: str, now: str,
                          code: str) -> str | None:
        """None when every platform has reached its goals; else the override's reason."""
        if self.eligible_to_close:
            return None
        unmet = [pid for pid in self.platforms if not self.platform_goals_reached(pid)]
        if override_reason is None and self.closing_override is not None:
            return self.closing_override["reason"]
        require(override_reason is not None, code,
                "not every development platform has reached its goals "
                f"({len(unmet)} of {len(self.platforms)} have not); give an override_reason "
                "to record an explicit decision to close anyway")
        self.closing_override = {"reason": override_reason, "by": by, "at": now,
                                 "unmet_platform_ids": unmet}
        return override_reason

    def close(self, summary: str | None, *, by: str, now: str,
              override_reason: str | None = None) -> None:
        """Close the initiative, evaluating each platform against its goals."""
        self._ensure_active()
        self._ensure_not_paused()
        require(self.phase == "closing", "initiative.close.closing_phase_required",
                f"an initiative is closed from the closing phase, not from {self.phase}")
        summary = text(summary, "summary", MAX_TEXT, required=False)
        override_reason = text(override_reason, "override_reason", MAX_TEXT, required=False)
        override = self._closing_override(override_reason, by=by, now=now,
                                          code="initiative.close.platform_goals_not_reached")
        evaluation = [
            {"platform_id": pid, "name": p.name, "focus_area": p.focus_area,
             "goals_reached": self.platform_goals_reached(pid),
             "goals": [g.evaluation(goal_met(self.goals, g)) for g in self.platform_goals(pid)]}
            for pid, p in self.platforms.items()
        ]
        self.status = "closed"
        self.closure = {"by": by, "at": now, "summary": summary,
                        "override_used": override is not None, "override_reason": override,
                        "evaluation": evaluation}
        self._emit(InitiativeClosed, by=by, now=now, title=self.title, evaluation=evaluation,
                   override_used=override is not None, override_reason=override, summary=summary,
                   results_count=len(self.results),
                   breakthroughs_count=sum(r["size"] == "breakthrough" for r in self.results),
                   ripple_effects_count=len(self.ripple_effects))

    def become_network(self, network_name: str, purpose: str | None, *, by: str,
                       now: str) -> None:
        """Let the actors' dialogue go on as a network, once the initiative is closed."""
        require(self.status != "network", "network.already_network",
                "the initiative already continues as a network")
        require(self.status == "closed", "network.initiative_not_closed",
                "an initiative becomes a network only after it has been closed")
        network_name = text(network_name, "network_name", MAX_NAME)
        purpose = text(purpose, "purpose", MAX_TEXT, required=False)
        self.status = "network"
        self.network = {"name": network_name, "purpose": purpose, "by": by, "at": now}
        self._emit(InitiativeBecameNetwork, by=by, now=now, title=self.title,
                   network_name=network_name, purpose=purpose, actor_ids=sorted(self.actors))
