"""The workspace's words for phases 2-4 (mapping, analysis, actor involvement): their gates
as checklist items and their events in the history, beside workspace.GATES and EVENT_LABELS.

A gate is keyed by the phase entered, with the initiatives domain's error code
(domain/mapping.py's METHOD_GATES), its plain words and whether the initiative view meets it;
each may be passed by a recorded decision to go on anyway (the phase form's override)."""
from __future__ import annotations

from collections.abc import Callable

from samskab_contracts.vocabulary import ENGAGED_DIALOGUE_STATUSES


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for a no-op marker
    return message


def _mapping(view: dict) -> dict:
    return view.get("mapping") or {}


def _analysis(view: dict) -> dict:
    return view.get("analysis") or {}


METHOD_GATES: dict[str, tuple[tuple[str, str, Callable[[dict], bool]], ...]] = {
    "analysis": (
        ("phase.gate.problem_statement_required",
         N_("At least one problem statement from the mapping before the analysis"),
         lambda view: bool(_mapping(view).get("problem_statements"))),
    ),
    "actor_involvement": (
        ("phase.gate.direction_required", N_("The analysis has chosen a direction before actor involvement"),
         lambda view: _analysis(view).get("direction") is not None),
    ),
    "establishment": (
        ("phase.gate.potential_actor_in_dialogue_required",
         N_("At least one potential actor in dialogue (or joined) before establishment"),
         lambda view: any(p.get("status") in ENGAGED_DIALOGUE_STATUSES
                          for p in _analysis(view).get("potential_actors") or [])),
    ),
}
"""Phase entered -> its checklist items (the shape of workspace.GATES)."""

METHOD_EVENT_LABELS: dict[str, str] = {
    "MappingSourceRecorded": N_("Mapping source recorded"),
    "ProblemStatementRecorded": N_("Problem statement recorded"),
    "MappingSummarised": N_("Mapping summarised"),
    "AnalysisDirectionChosen": N_("Direction chosen"),
    "PotentialActorIdentified": N_("Potential actor named"),
    "PotentialActorDialogueUpdated": N_("Dialogue with a potential actor updated"),
    "ExpectationsAligned": N_("Expectations aligned"),
}
