"""General activities (platform meetings, theme evenings, network meetings, ...) and the living
network (Et trygt natteliv i Aalborg): after closing it goes on as a network that meets, takes in
and lets go of actors, documents results and hands ideas on to other bodies."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, in_phase, spec, types, violates

from initiatives.domain import Initiative
from initiatives.handlers import COMMANDS
from initiatives.handlers.authorisation import action_of
from samskab_contracts.partner import PARTNER_VIEWS
from samskab_contracts.responses.initiatives import InitiativeChangeSchema
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context

pytestmark = pytest.mark.unit

LATER = "2023-03-01T10:00:00Z"
EVENING = {"kind": "theme_evening", "date": "2022-11-10", "place": "Vendsyssel Teater",
           "title": "Temaaften om indbrud", "actor_ids": ["a-kommune", "a-nabohjaelp"],
           "citizens_count": 60, "target_groups": ["residents", "elderly"],
           "outcome": "40 husstande meldte sig til Nabohjælp"}


def aalborg_network() -> Initiative:
    initiative = in_phase("closing")
    initiative.member_joined("a-kommune", "municipality", [], "e-1", now=NOW, name="Aalborg Kommune")
    initiative.close("Nattelivet er blevet trygt", override_reason="test", by=BY, now=LATER)
    initiative.become_network("Trygt natteliv i Aalborg", "Mødes efter behov", by=BY, now=LATER)
    initiative.pending_events.clear()
    return initiative


def test_a_theme_evening_records_who_took_part_and_what_came_of_it():
    initiative = in_phase("co_creative_development")
    activity = initiative.record_activity("act-1", EVENING, by=BY, now=NOW)
    assert activity["participants_count"] == 62 and activity["status"] == "active"
    [event] = initiative.pending_events
    assert event.type_name() == "ActivityRecorded"
    assert event.data["kind"] == "theme_evening" and event.data["target_groups"] == ["residents", "elderly"]
    assert initiative.recorded_activities == [activity] and initiative.activities == []


def test_an_activity_links_to_the_results_it_led_to():
    initiative = in_phase("co_creative_development")
    initiative.document_result("r-1", {"title": "Flere i Nabohjælp", "size": "small", "date": "2022-11-20"},
                               by=BY, now=NOW)
    activity = initiative.record_activity("act-1", {**EVENING, "result_ids": ["r-1"]}, by=BY, now=NOW)
    assert activity["result_ids"] == ["r-1"]


@pytest.mark.parametrize("change, code", [
    ({"kind": "picnic"}, "activity.kind.unknown"),
    ({"date": "2023-02-01"}, "activity.date_in_future"),
    ({"place": " "}, "text.required"),
    ({"actor_ids": ["a", "a"]}, "activity.actor_ids.duplicate"),
    ({"citizens_count": -1}, "activity.citizens_count.invalid"),
    ({"target_groups": ["pirates"]}, "activity.target_group.unknown"),
    ({"target_groups": ["parents", "parents"]}, "activity.target_groups.duplicate"),
    ({"citizens_count": 0}, "activity.target_groups.without_citizens"),
    ({"result_ids": ["r-unknown"]}, "activity.result.not_found"),
])
def test_activity_rules(change, code):
    initiative = in_phase("co_creative_development")
    with violates(code):
        initiative.record_activity("act-1", {**EVENING, **change}, by=BY, now=NOW)
    assert initiative.recorded_activities == [] and initiative.pending_events == []


def test_a_network_meets_documents_results_and_hands_ideas_to_the_municipality():
    initiative = aalborg_network()
    meeting = initiative.record_activity("act-1", {
        "kind": "network_meeting", "date": "2023-02-20", "place": "Aalborg Rådhus",
        "actor_ids": ["a-kommune"], "citizens_count": 8, "target_groups": ["youth_16_25"]}, by=BY, now=LATER)
    assert meeting["status"] == "network"
    initiative.document_result("r-1", {"title": "Natbusser drøftet", "size": "small", "date": "2023-02-20"},
                               by=BY, now=LATER)
    initiative.record_ripple_effect("re-1", {"title": "Idéen bruges i Aarhus", "date": "2023-02-21",
                                             "evidence": [{"description": "Mail fra Aarhus"}]}, by=BY, now=LATER)
    idea = initiative.hand_over_idea("idea-1", {
        "idea": "Natbusser fra midtbyen", "recipient_actor_id": "a-kommune", "date": "2023-02-25",
        "outcome": None}, by=BY, now=LATER)
    assert idea["recipient_name"] == "Aalborg Kommune" and idea["recipient_kind"] == "municipality"
    assert types(initiative) == ["ActivityRecorded", "ResultDocumented", "RippleEffectRecorded",
                                 "IdeaHandedOver"]
    assert initiative.member_joined("a-bar", "business", [], "e-2", now=LATER, name="Jomfru Ane Gade")
    assert initiative.member_left("a-bar", [], "e-3", now=LATER, scope="initiative")


def test_a_network_keeps_its_phases_goals_and_platforms_frozen():
    initiative = aalborg_network()
    with violates("initiative.closed"):
        initiative.advance_phase("closing", "igen", by=BY, now=LATER)
    with violates("initiative.closed"):
        initiative.establish_platform("p-9", "Ny platform", "Natteliv", None, by=BY, now=LATER)
    with violates("initiative.closed"):
        initiative.hold_citizen_meeting("m-1", {"date": "2023-02-01", "place": "x"}, by=BY, now=LATER)


def test_a_closed_initiative_that_is_no_network_records_nothing():
    initiative = in_phase("closing")
    initiative.close(None, override_reason="test", by=BY, now=LATER)
    for record in (lambda: initiative.record_activity("act-1", EVENING, by=BY, now=LATER),
                   lambda: initiative.hand_over_idea("i-1", {"idea": "x", "recipient_name": "Kommunen",
                                                             "date": "2023-01-01"}, by=BY, now=LATER),
                   lambda: initiative.document_result("r-1", {"title": "x", "size": "small",
                                                              "date": "2023-01-01"}, by=BY, now=LATER)):
        with violates("initiative.closed"):
            record()


@pytest.mark.parametrize("change, code", [
    ({"recipient_name": None, "recipient_actor_id": "a-unknown"}, "text.required"),
    ({"idea": ""}, "text.required"),
    ({"date": "2024-01-01"}, "idea.date_in_future"),
])
def test_idea_rules(change, code):
    initiative = aalborg_network()
    with violates(code):
        initiative.hand_over_idea("i-1", {"idea": "Natbusser", "recipient_name": "Nordjyllands Trafikselskab",
                                          "date": "2023-01-01", **change}, by=BY, now=LATER)


def test_partners_see_neither_the_free_text_nor_a_citizen_recipients_name():
    initiative = aalborg_network()
    initiative.member_joined("a-borger", "citizen", [], "e-9", now=LATER, name="Karen Hansen")
    initiative.record_activity("act-1", {**EVENING, "place": "Karens stue", "outcome": "Karen Hansen talte"},
                               by=BY, now=LATER)
    initiative.hand_over_idea("i-1", {"idea": "Karen Hansens idé", "recipient_actor_id": "a-borger",
                                      "date": "2023-01-01", "outcome": "Karen Hansen tog den"}, by=BY, now=LATER)
    for event in initiative.pending_events:
        seen = PARTNER_VIEWS[event.type_name()].project(event.data, lambda actor_id: "ps_" + "0" * 32)
        assert "Karen" not in str(seen) and BY not in str(seen), event.type_name()
    idea = PARTNER_VIEWS["IdeaHandedOver"].project(initiative.pending_events[-1].data, str)
    assert idea["organisation_name"] is None and idea["outcome_known"] is True


def test_the_commands_are_work_and_answer_with_the_ids_they_made():
    assert {action_of(c, {}) for c in ("record_activity", "hand_over_idea", "record_idea_outcome")} == {"work"}
    assert action_of("record_activity", {"platform_id": "p-1"}) == "work_on_platform"
    store, ctx = InMemoryAggregateStore(), Context(correlation_id="c", now=NOW, principal=SYSTEM)
    initiative_id = COMMANDS["create_initiative"](store, spec(), ctx)["initiative_id"]

    def run(command: str, **payload) -> dict:
        answer = COMMANDS[command](store, {"initiative_id": initiative_id, **payload}, ctx)
        InitiativeChangeSchema().load(answer)
        return answer

    made = run("record_activity", **{k: v for k, v in EVENING.items()})
    assert made["events"] == ["ActivityRecorded"] and made["activity_id"]
    assert made["initiative"]["recorded_activities"][0]["participants_count"] == 62
    handed = run("hand_over_idea", idea="Natbusser", recipient_name="Nordjyllands Trafikselskab",
                 date="2022-12-01")
    assert handed["events"] == ["IdeaHandedOver"] and handed["idea_id"]
    assert handed["initiative"]["ideas_handed_over"][0]["recipient_name"] == "Nordjyllands Trafikselskab"
    known = run("record_idea_outcome", idea_id=handed["idea_id"], outcome="Natbusser fra 2023")
    assert known["events"] == ["IdeaOutcomeRecorded"]
    assert known["initiative"]["ideas_handed_over"][0]["outcome"] == "Natbusser fra 2023"


def test_what_became_of_an_idea_is_recorded_once_it_is_known():
    initiative = aalborg_network()
    initiative.hand_over_idea("idea-1", {"idea": "Natbusser", "recipient_name": "Aalborg Kommune",
                                         "date": "2023-02-25"}, by=BY, now=LATER)
    initiative.record_idea_outcome("idea-1", "Kommunen indsatte natbusser", by=BY, now=LATER)
    initiative.record_idea_outcome("idea-1", "Natbusserne kører hver weekend", by=BY, now=LATER)
    assert initiative.idea("idea-1")["outcome"] == "Natbusserne kører hver weekend"
    last = initiative.pending_events[-1]
    assert last.type_name() == "IdeaOutcomeRecorded" and last.data["previous_outcome"] == "Kommunen indsatte natbusser"
    assert PARTNER_VIEWS["IdeaOutcomeRecorded"].project(last.data, str).keys() == {
        "initiative_id", "district", "at", "idea_id", "status"}
    with violates("idea.outcome.unchanged"):
        initiative.record_idea_outcome("idea-1", "Natbusserne kører hver weekend", by=BY, now=LATER)
    with pytest.raises(Exception, match="not found"):
        initiative.record_idea_outcome("idea-unknown", "x", by=BY, now=LATER)
