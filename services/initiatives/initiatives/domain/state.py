"""The initiative's state, its document form and the helpers its behaviours share.

``InitiativeState`` is the Aggregate (samskab_infra.aggregate): typed attributes, events
kept with ``record``, ``to_document`` / ``from_document``. The behaviours are split by
concern into mixins over it (see initiative.py); together they are the one class
``Initiative``.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from samskab_contracts.vocabulary import PHASES
from samskab_infra.aggregate import Aggregate
from samskab_infra.errors import NotFound
from samskab_infra.event_types import Event

from .findings import Finding
from .goal_tree import goal_met, top_level
from .goals import Goal
from .platforms import DevelopmentPlatform
from .rules import require

S = TypeVar("S", bound="InitiativeState")

APPLIED_EVENTS_KEEP = 500
DERIVED_FIELDS = ("_id", "version", "eligible_to_close", "reality_checks_due_at",
                  "phase_number", "actor_count", "districts")
PRIVATE_FIELDS = {"_applied_events": "applied_events", "_member_ledger": "member_ledger"}
"""Document keys that are kept but never shown (the view drops underscore keys)."""


class InitiativeState(Aggregate):
    """Plain state; the behaviours live in the mixins that make up Initiative."""

    id_field: ClassVar[str] = "initiative_id"

    def __init__(self, initiative_id: str, district: str) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.district = district
        self.title = ""
        self.challenge: dict = {"text": "", "perspectives": []}
        self.themes: list[str] = []
        self.municipalities: list[str] = []
        self.co_owners: list[dict] = []
        self.vision: str | None = None
        self.focus_area: str | None = None
        self.challenge_history: list[dict] = []
        self.paused: dict | None = None
        self.pauses: list[dict] = []
        self.participating_districts: list[str] = []
        self.scope = "local"
        self.status = "active"
        self.phase = PHASES[0]
        self.phase_history: list[dict] = []
        self.anchor_person: dict | None = None
        self.anchor_handovers: list[dict] = []
        self.working_group: list[dict] = []
        self.coordinator: dict | None = None
        self.coordinator_history: list[dict] = []
        self.baseline: dict | None = None
        self.platforms: dict[str, DevelopmentPlatform] = {}
        self.goals: dict[str, Goal] = {}
        self.results: list[dict] = []
        self.ripple_effects: list[dict] = []
        self.reality_checks: list[dict] = []
        self.activities: list[dict] = []
        self.recorded_activities: list[dict] = []
        self.ideas_handed_over: list[dict] = []
        self.findings: dict[str, Finding] = {}
        self.actors: dict[str, dict] = {}
        self.mapping: dict = {"sources": [], "problem_statements": [], "summary": None}
        self.analysis: dict = {"direction": None, "earlier_directions": [], "potential_actors": []}
        self.involvement: dict = {"alignments": []}
        self.learning: dict = {"lessons": [], "quotes": [], "inspired_by": []}
        self.member_ledger: dict[str, dict] = {}
        self.closing_override: dict | None = None
        self.closure: dict | None = None
        self.network: dict | None = None
        self.governance: dict = {"deputy_anchor_person": None, "deputy_history": [],
                                 "anchoring": None, "steering_group": [], "core_group": []}
        self.resources: dict = {"funding": [], "time": []}
        self.proposals: list[dict] = []
        self.created_by = ""
        self.created_at = ""
        self.updated_at = ""
        self.applied_events: list[str] = []

    # -- document form -----------------------------------------------------

    def to_document(self) -> dict[str, Any]:
        """JSON-native state, plus a few derived fields kept for queries."""
        return {
            "initiative_id": self.initiative_id, "district": self.district, "title": self.title,
            "challenge": self.challenge, "themes": self.themes,
            "municipalities": self.municipalities, "co_owners": self.co_owners,
            "vision": self.vision, "status": self.status, "phase": self.phase,
            "focus_area": self.focus_area, "challenge_history": self.challenge_history,
            "paused": self.paused, "pauses": self.pauses,
            "participating_districts": self.participating_districts, "scope": self.scope,
            "districts": [self.district, *self.participating_districts],
            "phase_history": self.phase_history, "anchor_person": self.anchor_person,
            "anchor_handovers": self.anchor_handovers, "working_group": self.working_group,
            "coordinator": self.coordinator, "coordinator_history": self.coordinator_history,
            "baseline": self.baseline,
            "platforms": {pid: p.to_dict() for pid, p in self.platforms.items()},
            "goals": {gid: g.to_dict() for gid, g in self.goals.items()},
            "results": self.results, "ripple_effects": self.ripple_effects,
            "reality_checks": self.reality_checks, "activities": self.activities,
            "findings": {fid: f.to_dict() for fid, f in self.findings.items()},
            "actors": self.actors, "closing_override": self.closing_override,
            "mapping": self.mapping, "analysis": self.analysis, "involvement": self.involvement,
            "learning": self.learning,
            "closure": self.closure, "network": self.network,
            "governance": self.governance, "resources": self.resources,
            "proposals": self.proposals,
            "recorded_activities": self.recorded_activities,
            "ideas_handed_over": self.ideas_handed_over,
            "created_by": self.created_by, "created_at": self.created_at,
            "updated_at": self.updated_at, "_applied_events": self.applied_events,
            "_member_ledger": self.member_ledger,
            "phase_number": PHASES.index(self.phase) + 1,
            "eligible_to_close": self.eligible_to_close,
            "reality_checks_due_at": self.reality_checks_due_at,
            "actor_count": len(self.actors),
        }

    @classmethod
    def from_document(cls: type[S], document: Mapping[str, Any]) -> S:
        state = cls(document["initiative_id"], document["district"])
        nested = {"platforms": DevelopmentPlatform, "goals": Goal, "findings": Finding}
        for key, value in document.items():
            if key in DERIVED_FIELDS:
                continue
            if key in nested:
                value = {k: nested[key].from_dict(v) for k, v in value.items()}
            setattr(state, PRIVATE_FIELDS.get(key, key), value)
        return state

    # -- shared helpers ----------------------------------------------------

    def _emit(self, event_cls: type[Event], *, by: str, now: str, **data: Any) -> Event:
        """Record an event of this initiative, stamped with who and when."""
        event = self.record(event_cls(initiative_id=self.initiative_id, district=self.district,
                                      by=by, at=now, **data))
        self.updated_at = now
        return event

    def _ensure_active(self) -> None:
        require(self.status == "active", "initiative.closed",
                f"initiative {self.initiative_id} is {self.status}; it can no longer change")

    def _ensure_not_paused(self) -> None:
        """A paused initiative keeps its phase: it does not move on until it is resumed."""
        require(self.paused is None, "initiative.paused",
                f"initiative {self.initiative_id} is paused (since {(self.paused or {}).get('since')}); "
                "resume it before it moves on")

    def _phase_at_least(self, phase: str) -> bool:
        return PHASES.index(self.phase) >= PHASES.index(phase)

    def platform(self, platform_id: str) -> DevelopmentPlatform:
        if platform_id not in self.platforms:
            raise NotFound(f"development platform {platform_id} not found in this initiative",
                           code="platform.not_found")
        return self.platforms[platform_id]

    def goal(self, goal_id: str) -> Goal:
        if goal_id not in self.goals:
            raise NotFound(f"goal {goal_id} not found in this initiative", code="goal.not_found")
        return self.goals[goal_id]

    def finding(self, finding_id: str) -> Finding:
        if finding_id not in self.findings:
            raise NotFound(f"finding {finding_id} not found in this initiative",
                           code="finding.not_found")
        return self.findings[finding_id]

    def platform_goals(self, platform_id: str) -> list[Goal]:
        return [g for g in self.goals.values() if g.platform_id == platform_id]

    def platform_goals_reached(self, platform_id: str) -> bool:
        """A platform has reached its goals when it has some and every one is met (its
        top-level goals, each met by its own progress or by its sub-goals: goal_tree)."""
        goals = top_level(self.platform_goals(platform_id))
        return bool(goals) and all(goal_met(self.goals, g) for g in goals)

    @property
    def eligible_to_close(self) -> bool:
        """Phase 7's condition: every development platform has reached its goals."""
        return bool(self.platforms) and all(
            self.platform_goals_reached(pid) for pid in self.platforms)

    @property
    def reality_checks_due_at(self) -> str | None:
        """Earliest due date not yet flagged overdue, for the timer's query (none while
        the initiative is paused: a check missed on standby is flagged once it resumes)."""
        due = [p.next_reality_check_due for p in self.platforms.values()
               if p.next_reality_check_due and p.overdue_flagged_for != p.next_reality_check_due]
        return min(due) if due and self.status == "active" and not self.paused else None
