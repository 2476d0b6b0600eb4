"""Creating an initiative, the seven phases and their gates, closing and network."""
from __future__ import annotations

import pytest
from initiatives_samples import (
    ANCHOR,
    BY,
    NOW,
    add_platform,
    in_phase,
    meet_method_gate,
    new_initiative,
    quantitative,
    spec,
    types,
    violates,
)

from initiatives.domain import PHASES, THEMES, Initiative

pytestmark = pytest.mark.unit


def test_creating_an_initiative_records_the_shared_challenge_and_owners():
    initiative = new_initiative()
    assert initiative.phase == "start_up" and initiative.status == "active"
    assert initiative.challenge["perspectives"][1]["party"] == "Hjørring Kommune"
    assert initiative.co_owners[0] == {"kind": "district", "name": "nordjylland"}
    assert {"kind": "programme", "name": "Bo Trygt"} in initiative.co_owners
    [event] = initiative.pending_events
    assert event.type_name() == "InitiativeCreated"
    assert event.data["created_by"] == BY and event.data["by"] == BY and event.data["at"] == NOW
    assert event.data["challenge"] == "Mange indbrud i private hjem i Hjørring Kommune."
    assert event.data["phase"] == "start_up" and event.data["district"] == "nordjylland"


def test_the_theme_list_is_managed_with_danish_and_english_labels():
    assert len(THEMES) == 11
    assert THEMES["burglary_prevention"] == {"da": "Indbrudsforebyggelse", "en": "Burglary prevention"}
    assert all(set(labels) == {"da", "en"} for labels in THEMES.values())


@pytest.mark.parametrize("overrides, code", [
    ({"district": "jylland"}, "initiative.district.unknown"),
    ({"themes": []}, "initiative.themes.required"),
    ({"themes": ["knife_crime"]}, "initiative.theme.unknown"),
    ({"themes": ["loneliness", "loneliness"]}, "initiative.themes.duplicate"),
    ({"co_owners": [{"kind": "company", "name": "X"}]}, "initiative.co_owner.kind_unknown"),
    ({"co_owners": [{"kind": "district", "name": "aarhus"}]}, "initiative.co_owner.district_unknown"),
    ({"municipalities": ["Hjørring", "hjørring"]}, "initiative.municipalities.duplicate"),
    ({"title": "x" * 201}, "text.too_long"),
    ({"title": "   "}, "text.required"),
])
def test_creation_rules(overrides, code):
    with violates(code):
        new_initiative(**overrides)


def test_a_district_co_owner_given_explicitly_is_not_duplicated():
    initiative = Initiative.create("i-2", spec(co_owners=[{"kind": "district", "name": "nordjylland"},
                                                           {"kind": "district", "name": "oestjylland"}]),
                                   by=BY, now=NOW)
    assert [o["name"] for o in initiative.co_owners] == ["nordjylland", "oestjylland"]


def test_mapping_needs_an_anchor_person():
    initiative = new_initiative()
    with violates("phase.gate.anchor_person_required"):
        initiative.advance_phase("mapping", "start", by=BY, now=NOW)
    assert initiative.phase == "start_up"
    initiative.assign_anchor_person(ANCHOR, None, by=BY, now=NOW)
    initiative.advance_phase("mapping", "start", by=BY, now=NOW)
    assert initiative.phase == "mapping"


def test_phases_advance_one_step_at_a_time_and_never_back():
    initiative = in_phase("mapping")
    with violates("phase.transition.skip"):
        initiative.advance_phase("actor_involvement", "hurry", by=BY, now=NOW)
    with violates("phase.transition.backwards"):
        initiative.advance_phase("start_up", "again", by=BY, now=NOW)
    with violates("phase.transition.already_in_phase"):
        initiative.advance_phase("mapping", "again", by=BY, now=NOW)
    with violates("phase.unknown"):
        initiative.advance_phase("evaluation", "?", by=BY, now=NOW)
    assert initiative.phase == "mapping" and initiative.pending_events == []


def test_each_transition_records_who_when_and_why():
    initiative = in_phase("mapping")
    meet_method_gate(initiative, "analysis")
    initiative.pending_events.clear()
    initiative.advance_phase("analysis", "Kortlægningen er færdig", by="lb@politi.dk",
                             now="2016-03-01T08:00:00Z")
    assert initiative.phase_history[-1] == {
        "from": "mapping", "to": "analysis", "by": "lb@politi.dk", "at": "2016-03-01T08:00:00Z",
        "reason": "Kortlægningen er færdig", "override_reason": None}
    [event] = initiative.pending_events
    assert event.data["from_phase"] == "mapping" and event.data["to_phase"] == "analysis"
    assert event.data["phase_number"] == 3 and event.data["reason"] == "Kortlægningen er færdig"


def test_a_transition_needs_a_reason():
    initiative = in_phase("mapping")
    with violates("text.required"):
        initiative.advance_phase("analysis", " ", by=BY, now=NOW)


def test_no_development_platform_before_establishment():
    initiative = in_phase("actor_involvement")
    with violates("phase.gate.establishment_required"):
        initiative.establish_platform("p-1", "Nabohjælp", "fokus", None, by=BY, now=NOW)
    meet_method_gate(initiative, "establishment")
    initiative.advance_phase("establishment", "aktørerne er med", by=BY, now=NOW)
    initiative.establish_platform("p-1", "Nabohjælp", "fokus", None, by=BY, now=NOW)
    assert initiative.platforms["p-1"].status == "active"


def test_platform_names_are_unique_and_no_platforms_are_formed_while_closing():
    initiative = in_phase("establishment")
    with violates("platform.name_taken"):
        initiative.establish_platform("p-2", "NABOHJÆLP", "fokus", None, by=BY, now=NOW)
    closing = in_phase("closing")
    with violates("platform.establish.initiative_closing"):
        closing.establish_platform("p-9", "Ny", "fokus", None, by=BY, now=NOW)


def test_co_creative_development_needs_a_platform():
    initiative = in_phase("establishment", platform=False)
    with violates("phase.gate.platform_required"):
        initiative.advance_phase("co_creative_development", "go", by=BY, now=NOW)


def _ready_to_close(met: bool = True) -> Initiative:
    initiative = in_phase("co_creative_development")
    initiative.set_goal("g-1", quantitative(), by=BY, now=NOW)
    initiative.record_measurement("g-1", "2022-12-31", 70 if met else 300, None, by=BY, now=NOW)
    initiative.pending_events.clear()
    return initiative


def test_closing_needs_every_platform_to_have_reached_its_goals():
    initiative = _ready_to_close(met=False)
    assert not initiative.eligible_to_close
    with violates("phase.gate.platform_goals_not_reached"):
        initiative.advance_phase("closing", "tid til at lukke", by=BY, now=NOW)
    assert initiative.phase == "co_creative_development" and initiative.closing_override is None


def test_closing_with_an_explicit_override_decision_is_recorded():
    initiative = _ready_to_close(met=False)
    initiative.advance_phase("closing", "tid til at lukke", override_reason="Ledelsen har besluttet",
                             by=BY, now=NOW)
    assert initiative.closing_override == {"reason": "Ledelsen har besluttet", "by": BY, "at": NOW,
                                           "unmet_platform_ids": ["p-1"]}
    assert initiative.pending_events[-1].data["override_reason"] == "Ledelsen har besluttet"
    initiative.close("Lukket før tid", by=BY, now=NOW)
    closed = initiative.pending_events[-1]
    assert closed.type_name() == "InitiativeClosed"
    assert closed.data["override_used"] is True
    assert closed.data["override_reason"] == "Ledelsen har besluttet"
    assert closed.data["evaluation"][0]["goals_reached"] is False


def test_an_override_is_only_for_a_gate_that_allows_one():
    initiative = in_phase("start_up")
    with violates("phase.override.not_applicable"):
        initiative.advance_phase("mapping", "r", override_reason="because", by=BY, now=NOW)


def test_closing_when_goals_are_reached_evaluates_each_platform():
    initiative = _ready_to_close(met=True)
    assert initiative.eligible_to_close
    initiative.advance_phase("closing", "alle mål er nået", by=BY, now=NOW)
    assert initiative.pending_events[-1].data["override_reason"] is None
    with violates("network.initiative_not_closed"):
        initiative.become_network("Det Gode Naboskab", None, by=BY, now=NOW)
    initiative.close("Indbrud faldt med over 83 %", by=BY, now=NOW)
    assert initiative.status == "closed"
    data = initiative.pending_events[-1].data
    assert data["override_used"] is False and data["override_reason"] is None
    [evaluation] = data["evaluation"]
    assert evaluation["platform_id"] == "p-1" and evaluation["goals_reached"] is True
    assert evaluation["goals"][0]["latest_value"] == 70.0 and evaluation["goals"][0]["met"] is True


def test_close_is_only_from_the_closing_phase():
    initiative = _ready_to_close()
    with violates("initiative.close.closing_phase_required"):
        initiative.close(None, by=BY, now=NOW)


def test_close_needs_an_override_when_a_platform_fell_back_after_entering_closing():
    initiative = _ready_to_close(met=True)
    initiative.advance_phase("closing", "alle mål er nået", by=BY, now=NOW)
    initiative.record_measurement("g-1", "2023-01-01", 150, None, by=BY, now=NOW)
    with violates("initiative.close.platform_goals_not_reached"):
        initiative.close(None, by=BY, now=NOW)
    initiative.close(None, override_reason="Niveauet er stadig langt under baseline", by=BY, now=NOW)
    assert initiative.pending_events[-1].data["override_used"] is True


def test_a_closed_initiative_no_longer_changes_and_may_become_a_network_once():
    initiative = _ready_to_close(met=True)
    initiative.advance_phase("closing", "alle mål er nået", by=BY, now=NOW)
    initiative.close(None, by=BY, now=NOW)
    with violates("initiative.closed"):
        initiative.document_result("r-9", {"title": "x", "size": "small", "date": "2023-01-01"},
                                   by=BY, now=NOW)
    with violates("initiative.closed"):
        add_platform(initiative, "p-9", "Ny")
    initiative.member_joined("a-1", "business", ["p-1"], "evt-1", now=NOW)
    initiative.become_network("Det Gode Naboskab", "Samarbejdet fortsætter", by=BY, now=NOW)
    event = initiative.pending_events[-1]
    assert event.type_name() == "InitiativeBecameNetwork" and event.data["actor_ids"] == ["a-1"]
    assert initiative.status == "network"
    with violates("network.already_network"):
        initiative.become_network("Igen", None, by=BY, now=NOW)


def test_the_phase_list_is_the_methods_seven_phases():
    assert PHASES == ("start_up", "mapping", "analysis", "actor_involvement", "establishment",
                      "co_creative_development", "closing")
    assert types(in_phase("analysis")) == []
