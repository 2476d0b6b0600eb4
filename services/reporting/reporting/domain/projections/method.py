"""Facts of phases 2-4 (mapping, analysis, actor involvement) for the per-initiative read
model, and the counts derived from them: sources, problem statements, potential actors by
dialogue status, expectation alignments. Only ids, kinds and statuses are kept (who was
interviewed, what was said and agreed stays in the initiatives service)."""
from __future__ import annotations

from collections.abc import Callable

from samskab_contracts.vocabulary import DIALOGUE_STATUSES
from samskab_infra.clock import chronological_key

from .facts import entry, own, when

Handler = Callable[[dict, dict, dict], None]


def _keyed(collection: str, key: str, *fields: str) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        own(model, collection)[data.get(key) or env["event_id"]] = {
            **{f: data.get(f) for f in fields}, "at": when(env)}
    return handle


def _potential_actor(model: dict, env: dict, data: dict) -> None:
    """The status of the latest step (by its own time, then event id), whatever order the
    events arrive in; identification is the earliest step of all."""
    key = data.get("potential_actor_id") or env["event_id"]
    potential = entry(model, "potential_actors", key, lambda: {"kind": None, "status": None, "step": None})
    potential["kind"] = data.get("kind") or potential["kind"]
    first = env.get("type") == "PotentialActorIdentified"
    step = ("" if first else chronological_key(when(env)), env["event_id"])
    current = potential.get("step")
    if current is None or tuple(step) > tuple(current):
        potential["status"], potential["step"] = data.get("status"), list(step)


HANDLERS: dict[str, Handler] = {
    "MappingSourceRecorded": _keyed("mapping_sources", "source_id", "kind", "date"),
    "ProblemStatementRecorded": _keyed("problem_statements", "problem_statement_id", "source_ids"),
    "MappingSummarised": lambda model, env, data: model.update(mapping_summarised_at=when(env)),
    "AnalysisDirectionChosen": lambda model, env, data: model.update(direction_chosen_at=when(env)),
    "PotentialActorIdentified": _potential_actor,
    "PotentialActorDialogueUpdated": _potential_actor,
    "ExpectationsAligned": _keyed("alignments", "alignment_id", "date", "potential_actor_ids"),
}


def counts(model: dict) -> dict[str, int]:
    potential = (model.get("potential_actors") or {}).values()
    return {
        "sources": len(model.get("mapping_sources") or {}),
        "problem_statements": len(model.get("problem_statements") or {}),
        "potential_actors": len(potential),
        **{f"potential_actors_{status}": sum(1 for p in potential if p.get("status") == status)
           for status in DIALOGUE_STATUSES},
        "expectation_alignments": len(model.get("alignments") or {}),
    }
