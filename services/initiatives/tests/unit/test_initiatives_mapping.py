"""Phases 2-4 leave a trace: mapping sources and problem statements (Fælles om Farum), the
analysis's direction and potential actors, the talks with them and an expectation alignment
(Kærshovedgård), and the gates of analysis, actor involvement and establishment."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, in_phase, missing, spec, types, violates

from initiatives.domain import Initiative
from initiatives.handlers import COMMANDS
from samskab_contracts.partner import PARTNER_VIEWS
from samskab_contracts.responses.initiatives import InitiativeChangeSchema
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context

pytestmark = pytest.mark.unit

INTERVIEW = {"kind": "interview", "gathered_by": "Boligsocial medarbejder",
             "date": "2016-03-10", "description": "Interview med beboeren Karen Hansen om hashhandel ved blok 5"}


def farum_mapped() -> Initiative:
    """In mapping with two sources and one problem statement evidenced by both."""
    initiative = in_phase("mapping")
    initiative.record_mapping_source("s-1", INTERVIEW, by=BY, now=NOW)
    initiative.record_mapping_source("s-2", {"kind": "data", "gathered_by": "Nordsjællands Politi",
                                             "date": "2016-03-01", "description": "Anmeldelser 2015"},
                                     by=BY, now=NOW)
    initiative.record_problem_statement("ps-1", "Hashhandel gør beboerne utrygge", ["s-1", "s-2"],
                                        by=BY, now=NOW)
    initiative.pending_events.clear()
    return initiative


def in_involvement() -> Initiative:
    initiative = farum_mapped()
    initiative.advance_phase("analysis", "kortlagt", by=BY, now=NOW)
    initiative.choose_direction("Beboerne, boligselskabet og kommunen tager ejerskab", ["ps-1"],
                                by=BY, now=NOW)
    initiative.identify_potential_actor("pa-1", {"name": "Furesø Boligselskab", "kind": "housing_organisation",
                                                 "why": "Ejer bebyggelsen"}, by=BY, now=NOW)
    initiative.advance_phase("actor_involvement", "retning valgt", by=BY, now=NOW)
    initiative.pending_events.clear()
    return initiative


def test_sources_and_problem_statements_are_recorded_from_mapping_on():
    initiative = farum_mapped()
    assert [s["kind"] for s in initiative.mapping["sources"]] == ["interview", "data"]
    assert initiative.mapping["problem_statements"][0]["source_ids"] == ["s-1", "s-2"]
    with violates("mapping.phase_not_reached"):
        in_phase("start_up").record_mapping_source("s-9", INTERVIEW, by=BY, now=NOW)


@pytest.mark.parametrize(("change", "code"), [
    ({"kind": "rumour"}, "mapping.source.kind_unknown"),
    ({"date": "2099-01-01"}, "mapping.source.date_in_future"),
    ({"gathered_by": " "}, "text.required"),
])
def test_a_source_names_its_kind_who_gathered_it_and_a_past_day(change, code):
    initiative = farum_mapped()
    with violates(code):
        initiative.record_mapping_source("s-9", {**INTERVIEW, **change}, by=BY, now=NOW)
    assert len(initiative.mapping["sources"]) == 2 and not initiative.pending_events


def test_a_problem_statement_is_evidenced_by_known_sources():
    initiative = farum_mapped()
    with violates("mapping.problem_statement.evidence_required"):
        initiative.record_problem_statement("ps-2", "Utryghed", [], by=BY, now=NOW)
    with missing("mapping.source.not_found"):
        initiative.record_problem_statement("ps-2", "Utryghed", ["s-1", "nope"], by=BY, now=NOW)
    assert len(initiative.mapping["problem_statements"]) == 1


def test_the_summary_counts_what_the_mapping_found():
    initiative = farum_mapped()
    initiative.summarise_mapping("Hashhandel og utryghed ved blok 5", by=BY, now=NOW)
    [event] = initiative.pending_events
    assert event.data["sources_count"] == 2 and event.data["problem_statements_count"] == 1
    assert initiative.mapping["summary"]["text"] == "Hashhandel og utryghed ved blok 5"


def test_analysis_needs_a_problem_statement_or_a_recorded_override():
    initiative = in_phase("mapping")
    with violates("phase.gate.problem_statement_required"):
        initiative.advance_phase("analysis", "vi har travlt", by=BY, now=NOW)
    initiative.advance_phase("analysis", "vi har travlt", override_reason="Kortlægningen fandtes i forvejen",
                             by=BY, now=NOW)
    assert initiative.phase_history[-1]["override_reason"] == "Kortlægningen fandtes i forvejen"
    assert initiative.pending_events[-1].data["override_reason"] == "Kortlægningen fandtes i forvejen"


def test_a_met_gate_records_no_override():
    initiative = farum_mapped()
    initiative.advance_phase("analysis", "kortlagt", override_reason="for en sikkerheds skyld", by=BY, now=NOW)
    assert initiative.phase_history[-1]["override_reason"] is None


def test_actor_involvement_needs_a_direction_and_a_new_direction_keeps_the_old():
    initiative = farum_mapped()
    initiative.advance_phase("analysis", "kortlagt", by=BY, now=NOW)
    with violates("phase.gate.direction_required"):
        initiative.advance_phase("actor_involvement", "videre", by=BY, now=NOW)
    with missing("mapping.problem_statement.not_found"):
        initiative.choose_direction("Noget", ["ps-9"], by=BY, now=NOW)
    initiative.choose_direction("Bispehaven", ["ps-1"], by=BY, now=NOW)
    initiative.choose_direction("Herredsvang", [], by=BY, now=NOW)
    assert initiative.analysis["direction"]["text"] == "Herredsvang"
    assert [d["text"] for d in initiative.analysis["earlier_directions"]] == ["Bispehaven"]
    assert initiative.pending_events[-1].data["previous_direction"] == "Bispehaven"
    initiative.advance_phase("actor_involvement", "videre", by=BY, now=NOW)


def test_a_potential_actor_is_a_name_and_kind_or_a_member_and_named_once():
    initiative = in_involvement()
    initiative.actors["a-1"] = {"kind": "municipality", "name": "Furesø Kommune"}
    initiative.identify_potential_actor("pa-2", {"actor_id": "a-1", "why": "Har SSP"}, by=BY, now=NOW)
    assert initiative.potential_actor("pa-2")["name"] == "Furesø Kommune"
    assert initiative.potential_actor("pa-2")["kind"] == "municipality"
    with violates("analysis.potential_actor.duplicate"):
        initiative.identify_potential_actor("pa-3", {"name": "furesø boligselskab", "kind": "business",
                                                     "why": "igen"}, by=BY, now=NOW)
    with violates("analysis.potential_actor.kind_unknown"):
        initiative.identify_potential_actor("pa-3", {"name": "Klubben", "why": "unge"}, by=BY, now=NOW)
    with violates("analysis.phase_not_reached"):
        in_phase("mapping").identify_potential_actor("pa-1", {"name": "X", "kind": "business", "why": "y"},
                                                     by=BY, now=NOW)


def test_the_dialogue_moves_on_step_by_step_and_keeps_what_the_actor_brings_and_gains():
    initiative = in_involvement()
    initiative.update_dialogue("pa-1", {"dialogue_status": "contacted", "date": "2016-05-01",
                                        "would_bring": "Lokaler"}, by=BY, now=NOW)
    with violates("involvement.dialogue.step_not_allowed"):
        initiative.update_dialogue("pa-1", {"dialogue_status": "identified"}, by=BY, now=NOW)
    with violates("involvement.dialogue.nothing_new"):
        initiative.update_dialogue("pa-1", {"dialogue_status": "contacted"}, by=BY, now=NOW)
    initiative.update_dialogue("pa-1", {"dialogue_status": "in_dialogue", "would_gain": "Tryggere beboere",
                                        "note": "Møde med direktøren"}, by=BY, now=NOW)
    potential = initiative.potential_actor("pa-1")
    assert potential["status"] == "in_dialogue"
    assert (potential["would_bring"], potential["would_gain"]) == ("Lokaler", "Tryggere beboere")
    assert [(s["from_status"], s["status"]) for s in potential["dialogue"]] == [
        ("identified", "contacted"), ("contacted", "in_dialogue")]
    assert types(initiative) == ["PotentialActorDialogueUpdated"] * 2
    assert initiative.pending_events[-1].data["date"] == "2023-01-15"
    with missing("analysis.potential_actor.not_found"):
        initiative.update_dialogue("pa-9", {"dialogue_status": "contacted"}, by=BY, now=NOW)


def test_talks_in_dialogue_wait_for_actor_involvement():
    initiative = farum_mapped()
    initiative.advance_phase("analysis", "kortlagt", by=BY, now=NOW)
    initiative.identify_potential_actor("pa-1", {"name": "Kommunen", "kind": "municipality", "why": "SSP"},
                                        by=BY, now=NOW)
    initiative.update_dialogue("pa-1", {"dialogue_status": "contacted"}, by=BY, now=NOW)
    with violates("involvement.phase_not_reached"):
        initiative.update_dialogue("pa-1", {"dialogue_status": "in_dialogue"}, by=BY, now=NOW)


def test_establishment_needs_a_potential_actor_in_dialogue_not_one_who_declined():
    initiative = in_involvement()
    initiative.update_dialogue("pa-1", {"dialogue_status": "declined", "note": "Ingen ressourcer"}, by=BY, now=NOW)
    with violates("phase.gate.potential_actor_in_dialogue_required"):
        initiative.advance_phase("establishment", "klar", by=BY, now=NOW)
    initiative.update_dialogue("pa-1", {"dialogue_status": "contacted"}, by=BY, now=NOW)
    initiative.update_dialogue("pa-1", {"dialogue_status": "in_dialogue"}, by=BY, now=NOW)
    initiative.advance_phase("establishment", "klar", by=BY, now=NOW)
    assert initiative.phase == "establishment"


def test_an_expectation_alignment_says_what_with_whom_and_when():
    initiative = in_involvement()
    initiative.align_expectations("al-1", {"agreed": "Den politiske ramme først", "potential_actor_ids": ["pa-1"],
                                           "parties": ["Byrådet"], "date": "2016-05-02"}, by=BY, now=NOW)
    assert initiative.involvement["alignments"][0]["parties"] == ["Byrådet"]
    with violates("involvement.alignment.parties_required"):
        initiative.align_expectations("al-2", {"agreed": "Noget", "date": "2016-05-02"}, by=BY, now=NOW)
    with missing("analysis.potential_actor.not_found"):
        initiative.align_expectations("al-2", {"agreed": "Noget", "potential_actor_ids": ["pa-9"],
                                               "date": "2016-05-02"}, by=BY, now=NOW)
    with violates("involvement.phase_not_reached"):
        farum_mapped().align_expectations("al-3", {"agreed": "x", "parties": ["y"], "date": "2016-05-02"},
                                          by=BY, now=NOW)


def test_the_document_keeps_phases_2_to_4_and_an_old_document_starts_empty():
    initiative = in_involvement()
    document = initiative.to_document()
    again = Initiative.from_document(document)
    assert again.mapping == initiative.mapping and again.analysis == initiative.analysis
    old = {k: v for k, v in document.items() if k not in ("mapping", "analysis", "involvement")}
    assert Initiative.from_document(old).mapping["sources"] == []


def test_partners_see_no_interviewee_no_notes_and_no_citizens_name():
    initiative = in_involvement()
    initiative.record_mapping_source("s-3", INTERVIEW, by=BY, now=NOW)
    initiative.identify_potential_actor("pa-2", {"name": "Karen Hansen", "kind": "citizen", "why": "Nabo"},
                                        by=BY, now=NOW)
    initiative.update_dialogue("pa-1", {"dialogue_status": "in_dialogue", "note": "Karen Hansen var med"},
                               by=BY, now=NOW)
    for event in initiative.pending_events:
        seen = PARTNER_VIEWS[event.type_name()].project(event.data, lambda actor_id: "ps_" + "0" * 32)
        assert "Karen Hansen" not in str(seen) and "Boligsocial" not in str(seen), event.type_name()
    organisation = PARTNER_VIEWS["PotentialActorDialogueUpdated"].project(
        initiative.pending_events[-1].data, str)
    assert organisation["organisation_name"] == "Furesø Boligselskab"


def test_the_commands_answer_with_the_ids_they_made_in_the_documented_shape():
    store, ctx = InMemoryAggregateStore(), Context(correlation_id="c", now=NOW, principal=SYSTEM)

    def run(command: str, **payload) -> dict:
        answer = COMMANDS[command](store, {"initiative_id": initiative_id, **payload}, ctx)
        InitiativeChangeSchema().load(answer)  # closed: nothing the document does not list
        return answer

    initiative_id = COMMANDS["create_initiative"](store, spec(), ctx)["initiative_id"]
    run("assign_anchor_person", anchor_person={"person_id": "a@politi.dk"})
    run("advance_phase", to_phase="mapping", reason="klar")
    source_id = run("record_mapping_source", **INTERVIEW)["source_id"]
    statement = run("record_problem_statement", statement="Utryghed", source_ids=[source_id])
    assert run("summarise_mapping", summary="Kort")["events"] == ["MappingSummarised"]
    run("advance_phase", to_phase="analysis", reason="klar")
    assert run("choose_direction", direction="Ejerskab", problem_statement_ids=[
        statement["problem_statement_id"]])["events"] == ["AnalysisDirectionChosen"]
    potential_id = run("identify_potential_actor", name="Kommunen", kind="municipality",
                       why="SSP")["potential_actor_id"]
    run("advance_phase", to_phase="actor_involvement", reason="klar")
    talked = run("update_dialogue", potential_actor_id=potential_id, dialogue_status="in_dialogue")
    assert talked["initiative"]["analysis"]["potential_actors"][0]["status"] == "in_dialogue"
    aligned = run("align_expectations", agreed="Ramme", parties=["Byrådet"], date="2016-05-02")
    assert aligned["events"] == ["ExpectationsAligned"] and aligned["alignment_id"]
