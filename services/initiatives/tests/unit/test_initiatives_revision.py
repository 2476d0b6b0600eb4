"""Revising and pausing (issue 15): the Gullestrup challenge defined through the analysis,
"Bryd fødekæden til banderne" moving its focus and standing by during COVID-19."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, in_phase, new_initiative, spec, types, violates

from initiatives.handlers import commands as h
from initiatives.handlers import queries as q
from initiatives.handlers.authorisation import action_of
from samskab_contracts.responses.initiatives import InitiativeChangeSchema, InitiativeSchema
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import Context, Principal
from samskab_infra.errors import ValidationFailed

pytestmark = pytest.mark.unit

LATER = "2023-03-01T10:00:00Z"
MUCH_LATER = "2023-09-01T10:00:00Z"


def test_a_revision_changes_only_what_differs_and_keeps_the_earlier_values():
    initiative = new_initiative(focus_area="Bispehaven")
    changed = initiative.revise({"focus_area": "Herredsvang", "title": spec()["title"],
                                 "municipalities": ["Hjørring", "Frederikshavn"]},
                                "Rekrutteringen er flyttet", by=BY, now=LATER)
    assert changed == ["focus_area", "municipalities"]
    assert initiative.focus_area == "Herredsvang"
    [event] = initiative.pending_events[1:]
    assert event.type_name() == "InitiativeRevised"
    assert event.data["previous"] == {"focus_area": "Bispehaven", "municipalities": ["Hjørring"]}
    assert event.data["title"] == spec()["title"] and event.data["reason"] == "Rekrutteringen er flyttet"


def test_a_revision_that_changes_nothing_is_refused_and_checks_values_as_creation_does():
    initiative = new_initiative()
    with violates("initiative.revision.no_change"):
        initiative.revise({"themes": ["burglary_prevention"]}, "samme", by=BY, now=LATER)
    with violates("initiative.themes.required"):
        initiative.revise({"themes": []}, "ingen", by=BY, now=LATER)
    with violates("initiative.revision.unknown_field"):
        initiative.revise({"district": "fyn"}, "flyt", by=BY, now=LATER)
    owners = initiative.revise({"co_owners": [{"kind": "programme", "name": "Bo Trygt"}]}, "færre",
                               by=BY, now=LATER)
    assert owners == ["co_owners"]
    assert initiative.co_owners[0] == {"kind": "district", "name": "nordjylland"}


def test_every_earlier_challenge_is_kept_with_who_when_and_why():
    initiative = in_phase("analysis")
    first = initiative.challenge
    assert initiative.revise_challenge({"text": "Unge mangler job"}, "Analysen viste det",
                                       by="ank@politi.dk", now=LATER) == 2
    assert initiative.revise_challenge({"text": "Unge mangler job og fritidsjob"}, "Præciseret",
                                       by=BY, now=MUCH_LATER) == 3
    one, two = initiative.challenge_history
    assert one == {"revision": 1, **first, "set_by": BY, "set_at": NOW, "replaced_by": "ank@politi.dk",
                   "replaced_at": LATER, "reason": "Analysen viste det", "phase": "analysis"}
    assert (two["revision"], two["text"], two["set_by"], two["set_at"]) == (2, "Unge mangler job",
                                                                          "ank@politi.dk", LATER)
    assert initiative.challenge == {"text": "Unge mangler job og fritidsjob", "perspectives": []}
    assert types(initiative) == ["ChallengeRevised", "ChallengeRevised"]
    with violates("initiative.challenge.unchanged"):
        initiative.revise_challenge(initiative.challenge, "igen", by=BY, now=MUCH_LATER)


def test_a_paused_initiative_keeps_its_phase_until_it_is_resumed_but_its_work_is_recorded():
    initiative = in_phase("mapping")
    initiative.pause("COVID-19", by=BY, now=LATER)
    with violates("initiative.pause.already_paused"):
        initiative.pause("igen", by=BY, now=LATER)
    with violates("initiative.paused"):
        initiative.advance_phase("analysis", "klar", by=BY, now=LATER)
    initiative.document_result("r-1", {"title": "Samtaler holdt", "size": "small",
                                       "date": "2023-02-01"}, by=BY, now=LATER)
    initiative.revise({"focus_area": "Herredsvang"}, "Fokus flyttet", by=BY, now=LATER)
    assert initiative.reality_checks_due_at is None
    assert initiative.resume("Vi er i gang igen", by=BY, now=MUCH_LATER) == 184.0
    assert initiative.paused is None and initiative.pauses[0]["days"] == 184.0
    initiative.advance_phase("analysis", "klar", by=BY, now=MUCH_LATER, override_reason="kortlagt uden for Samskab")
    assert types(initiative)[:1] == ["InitiativePaused"] and "InitiativeResumed" in types(initiative)
    with violates("initiative.resume.not_paused"):
        initiative.resume(None, by=BY, now=MUCH_LATER)


def test_a_paused_initiative_is_not_closed():
    initiative = in_phase("closing")
    initiative.pause("Afventer kommunen", by=BY, now=LATER)
    with violates("initiative.paused"):
        initiative.close("slut", override_reason="test", by=BY, now=LATER)


def test_a_closed_initiative_is_not_revised_but_a_network_is_and_neither_is_paused():
    initiative = in_phase("closing")
    initiative.close(None, override_reason="test", by=BY, now=LATER)
    with violates("initiative.closed"):
        initiative.revise({"title": "Nyt navn"}, "ny", by=BY, now=LATER)
    with violates("initiative.closed"):
        initiative.pause("ferie", by=BY, now=LATER)
    initiative.become_network("Trygt Hjørring", None, by=BY, now=LATER)
    initiative.revise({"vision": "Et netværk der mødes efter behov"}, "netværket lever", by=BY,
                      now=MUCH_LATER)
    initiative.revise_challenge({"text": "Indbrud i sommerhuse"}, "nyt fokus", by=BY, now=MUCH_LATER)
    with violates("initiative.closed"):
        initiative.pause("ferie", by=BY, now=MUCH_LATER)


def test_the_commands_are_steering_and_their_answers_fit_the_published_view():
    assert {action_of(c, {}) for c in ("revise_initiative", "revise_challenge", "pause_initiative",
                                        "resume_initiative")} == {"lead"}
    store = InMemoryAggregateStore()
    operator = Principal.of(subject=BY, role="district_operator", district="nordjylland")
    ctx = Context(correlation_id="c-1", principal=operator, now=NOW)
    initiative_id = h.create_initiative(store, spec(focus_area="Hjørring by"), ctx)["initiative_id"]
    with pytest.raises(ValidationFailed):
        h.revise_initiative(store, {"initiative_id": initiative_id, "reason": "intet"}, ctx)
    revised = h.revise_initiative(store, {"initiative_id": initiative_id, "focus_area": None,
                                          "reason": "hele kommunen", "expected_version": 1}, ctx)
    assert revised["changed_fields"] == ["focus_area"]
    challenge = h.revise_challenge(store, {"initiative_id": initiative_id, "reason": "analysen",
                                           "challenge": {"text": "Indbrud i villakvarterer"}}, ctx)
    paused = h.pause_initiative(store, {"initiative_id": initiative_id, "reason": "COVID-19"}, ctx)
    assert paused["initiative"]["paused"]["reason"] == "COVID-19"
    resumed = h.resume_initiative(store, {"initiative_id": initiative_id}, ctx)
    assert resumed["days_paused"] == 0.0 and resumed["initiative"]["paused"] is None
    for answer in (revised, challenge, paused, resumed):
        assert InitiativeChangeSchema().validate(answer) == {}
    view = q.get_initiative(store, {"initiative_id": initiative_id}, ctx)
    assert InitiativeSchema().validate(view) == {}
    assert view["challenge_history"][0]["reason"] == "analysen" and len(view["pauses"]) == 1
    assert [e.type for e in store.published][1:] == ["InitiativeRevised", "ChallengeRevised",
                                                     "InitiativePaused", "InitiativeResumed"]
