"""Mapping (kortlægning, phase 2) and analysis (analysemodul, phase 3): the sources the
mapping draws on, the problem statements (problemstillinger) they evidence and the
mapping's summary; the direction the analysis chose and the potential actors it named.

Also the gates these phases give the method (``METHOD_GATES``): entering analysis needs a
problem statement, actor involvement a chosen direction, establishment a potential actor
in dialogue (or joined). Lifecycle asks ``unmet_method_gate`` and lets an override with a
reason go on anyway, as it does for closing.
"""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    AnalysisDirectionChosen,
    MappingSourceRecorded,
    MappingSummarised,
    PotentialActorIdentified,
    ProblemStatementRecorded,
)
from samskab_contracts.vocabulary import (
    ACTOR_KINDS,
    ENGAGED_DIALOGUE_STATUSES,
    MAX_LIST,
    MAX_NAME,
    MAX_TEXT,
    SOURCE_KINDS,
)
from samskab_infra.errors import NotFound

from .rules import one_of, past_day, require, text
from .state import InitiativeState

METHOD_GATES: dict[str, tuple[str, str]] = {
    "analysis": ("phase.gate.problem_statement_required",
                 "the analysis needs at least one problem statement from the mapping"),
    "actor_involvement": ("phase.gate.direction_required",
                          "actor involvement needs the direction the analysis chose"),
    "establishment": ("phase.gate.potential_actor_in_dialogue_required",
                      "establishment needs at least one potential actor in dialogue or joined"),
}
"""Phase entered -> (error code, what is missing)."""


def method_gate_met(state: InitiativeState, to_phase: str) -> bool:
    if to_phase == "analysis":
        return bool(state.mapping["problem_statements"])
    if to_phase == "actor_involvement":
        return state.analysis["direction"] is not None
    if to_phase == "establishment":
        return any(p["status"] in ENGAGED_DIALOGUE_STATUSES for p in state.analysis["potential_actors"])
    return True


def unmet_method_gate(state: InitiativeState, to_phase: str) -> tuple[str, str] | None:
    """The (code, message) of the gate of ``to_phase`` when it is not met, else None."""
    if to_phase in METHOD_GATES and not method_gate_met(state, to_phase):
        return METHOD_GATES[to_phase]
    return None


class Mapping(InitiativeState):
    # -- mapping ----------------------------------------------------------------

    def record_mapping_source(self, source_id: str, spec: dict, *, by: str, now: str) -> dict:
        """A source: its kind, who gathered it (a person or a group), when, and what it says.
        Names of persons interviewed belong in the description, which partners never see."""
        self._in_phase_from("mapping", "mapping.phase_not_reached")
        require(len(self.mapping["sources"]) < MAX_LIST, "mapping.sources.too_many",
                f"at most {MAX_LIST} sources")
        source = {"source_id": source_id,
                  "kind": one_of(spec.get("kind", ""), SOURCE_KINDS, "mapping.source.kind_unknown",
                                 "source kind"),
                  "gathered_by": text(spec.get("gathered_by"), "gathered_by", MAX_NAME),
                  "date": past_day(spec.get("date"), now, "mapping.source.date_in_future"),
                  "description": text(spec.get("description"), "description", MAX_TEXT),
                  "by": by, "at": now}
        self.mapping["sources"].append(source)
        self._emit(MappingSourceRecorded, by=by, now=now,
                   **{k: v for k, v in source.items() if k not in ("by", "at")})
        return source

    def record_problem_statement(self, problem_statement_id: str, statement: str,
                                 source_ids: list[str], *, by: str, now: str) -> dict:
        """A problem statement with the sources (at least one) that evidence it."""
        self._in_phase_from("mapping", "mapping.phase_not_reached")
        require(len(self.mapping["problem_statements"]) < MAX_LIST,
                "mapping.problem_statements.too_many", f"at most {MAX_LIST} problem statements")
        require(bool(source_ids), "mapping.problem_statement.evidence_required",
                "a problem statement names at least one source that evidences it")
        require(len(set(source_ids)) == len(source_ids), "mapping.problem_statement.duplicate_source",
                "each source is named once")
        for source_id in source_ids:
            self.mapping_source(source_id)
        entry = {"problem_statement_id": problem_statement_id,
                 "statement": text(statement, "statement", MAX_TEXT), "source_ids": list(source_ids),
                 "by": by, "at": now}
        self.mapping["problem_statements"].append(entry)
        self._emit(ProblemStatementRecorded, by=by, now=now,
                   problem_statement_id=problem_statement_id, statement=entry["statement"],
                   source_ids=entry["source_ids"])
        return entry

    def summarise_mapping(self, summary: str, *, by: str, now: str) -> dict:
        self._in_phase_from("mapping", "mapping.phase_not_reached")
        written = {"text": text(summary, "summary", MAX_TEXT), "by": by, "at": now}
        self.mapping["summary"] = written
        self._emit(MappingSummarised, by=by, now=now, summary=written["text"],
                   sources_count=len(self.mapping["sources"]),
                   problem_statements_count=len(self.mapping["problem_statements"]))
        return written

    def mapping_source(self, source_id: str) -> dict:
        for source in self.mapping["sources"]:
            if source["source_id"] == source_id:
                return source
        raise NotFound(f"source {source_id} not found in this initiative's mapping",
                       code="mapping.source.not_found")

    # -- analysis ---------------------------------------------------------------

    def choose_direction(self, direction: str, problem_statement_ids: list[str], *, by: str,
                         now: str) -> dict:
        """The direction the analysis chose; choosing again keeps the earlier one's history."""
        self._in_phase_from("analysis", "analysis.phase_not_reached")
        known = {p["problem_statement_id"] for p in self.mapping["problem_statements"]}
        for problem_statement_id in problem_statement_ids:
            if problem_statement_id not in known:
                raise NotFound(f"problem statement {problem_statement_id} not found in this initiative",
                               code="mapping.problem_statement.not_found")
        previous = self.analysis["direction"]
        chosen = {"text": text(direction, "direction", MAX_TEXT),
                  "problem_statement_ids": list(dict.fromkeys(problem_statement_ids)), "by": by, "at": now}
        if previous is not None:
            self.analysis["earlier_directions"].append(previous)
        self.analysis["direction"] = chosen
        self._emit(AnalysisDirectionChosen, by=by, now=now, direction=chosen["text"],
                   previous_direction=previous and previous["text"],
                   problem_statement_ids=chosen["problem_statement_ids"])
        return chosen

    def identify_potential_actor(self, potential_actor_id: str, spec: dict, *, by: str,
                                 now: str) -> dict:
        """A potential actor and why it matters: a name and a kind, linked to a registered
        actor by ``actor_id`` when it is one (a member's name and kind are then taken from the
        member copy when not given)."""
        self._in_phase_from("analysis", "analysis.phase_not_reached")
        actors = self.analysis["potential_actors"]
        require(len(actors) < MAX_LIST, "analysis.potential_actors.too_many",
                f"at most {MAX_LIST} potential actors")
        actor_id = text(spec.get("actor_id"), "actor_id", MAX_NAME, required=False)
        member = self.actors.get(actor_id or "") or {}
        name = text(spec.get("name") or member.get("name"), "name", MAX_NAME)
        kind = one_of(spec.get("kind") or member.get("kind") or "", ACTOR_KINDS,
                      "analysis.potential_actor.kind_unknown", "actor kind")
        require(actor_id is None or all(p["actor_id"] != actor_id for p in actors),
                "analysis.potential_actor.duplicate", "this actor is already a potential actor")
        require(all(p["name"].casefold() != name.casefold() for p in actors),
                "analysis.potential_actor.duplicate", f"{name} is already a potential actor")
        potential = {"potential_actor_id": potential_actor_id, "actor_id": actor_id, "name": name,
                     "kind": kind, "why": text(spec.get("why"), "why", MAX_TEXT),
                     "status": "identified", "would_bring": None, "would_gain": None,
                     "dialogue": [], "by": by, "at": now}
        actors.append(potential)
        self._emit(PotentialActorIdentified, by=by, now=now, potential_actor_id=potential_actor_id,
                   actor_id=actor_id, name=name, kind=kind, why=potential["why"], status="identified")
        return potential

    def potential_actor(self, potential_actor_id: str) -> dict:
        for potential in self.analysis["potential_actors"]:
            if potential["potential_actor_id"] == potential_actor_id:
                return potential
        raise NotFound(f"potential actor {potential_actor_id} not found in this initiative",
                       code="analysis.potential_actor.not_found")

    # -- shared -----------------------------------------------------------------

    def _in_phase_from(self, phase: str, code: str) -> None:
        self._ensure_active()
        require(self._phase_at_least(phase), code,
                f"this is recorded from the {phase} phase on; the initiative is in {self.phase}")
