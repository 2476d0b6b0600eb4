"""The workspace's sections for phases 2-4: what the mapping, analysis and actor involvement
recorded, their forms for whoever does the work, each posting the gateway's own command, with
a refusal or a missing field beside the field (nothing stored) and the new gates on the
checklist with the phase form's override."""
from __future__ import annotations

import pytest
from web_fakes import PERSON, csrf_of

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
SOURCE = {"source_id": "s-1", "kind": "interview", "gathered_by": "Boligsocial medarbejder", "date": "2016-03-10",
          "description": "Interview med beboerne om hashhandel"}
STATEMENT = {"problem_statement_id": "ps-1", "statement": "Hashhandel gør beboerne utrygge", "source_ids": ["s-1"]}
POTENTIAL = {"potential_actor_id": "pa-1", "actor_id": None, "name": "Furesø Boligselskab",
             "kind": "housing_organisation", "why": "Ejer bebyggelsen", "status": "contacted",
             "would_bring": "Lokaler", "would_gain": None,
             "dialogue": [{"from_status": "identified", "status": "contacted", "date": "2016-05-01",
                           "note": "Første møde"}]}
VIEW = {"initiative_id": "ini_1", "title": "Fælles om Farum", "district": "nordsjaelland",
        "themes": ["housing_area_safety"], "phase": "mapping", "status": "active", "municipalities": ["Furesø"],
        "challenge": {"text": "Hashhandel"}, "anchor_person": {"person_id": "a@politi.dk"}, "platforms": {},
        "eligible_to_close": False, "closing_override": None,
        "mapping": {"sources": [SOURCE], "problem_statements": [], "summary": None},
        "analysis": {"direction": None, "earlier_directions": [], "potential_actors": []},
        "involvement": {"alignments": []}}
OPERATOR = {"subject": PERSON, "grants": [{"role": "district_operator", "scope": "nordsjaelland"}]}


def at(phase: str, **changes) -> dict:
    return {**VIEW, "phase": phase, **changes}


@pytest.fixture
def farum(gateway):
    gateway.answers[("GET", "/me")] = OPERATOR
    gateway.answers[("GET", PAGE)] = VIEW
    return gateway


def post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, PAGE)})


def sent(gateway) -> list[tuple[str, str, dict | None]]:
    return [(c["method"], c["path"], c["json"]) for c in gateway.calls if c["method"] in ("POST", "PUT")]


def test_in_mapping_the_sources_and_their_forms_are_shown_and_the_analysis_is_not_yet(signed_in, farum):
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert 'id="mapping-heading">Kortlægning<' in page and "Interview med beboerne om hashhandel" in page
    assert f'action="{PAGE}/mapping/sources"' in page and f'action="{PAGE}/mapping/problem-statements"' in page
    assert 'id="analysis-heading"' not in page and 'id="involvement-heading"' not in page
    assert "Mindst én problemstilling fra kortlægningen før analysen" in page
    assert 'id="phase-override_reason"' in page, "the gate may be passed by a recorded decision"


def test_someone_who_only_reads_sees_what_was_recorded_and_no_form(signed_in, farum):
    farum.answers[("GET", "/me")] = {"subject": PERSON, "grants": [{"role": "national_centre", "scope": None}]}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Interview med beboerne om hashhandel" in page
    assert "/mapping/sources" not in page and "/mapping/summary" not in page


def test_a_source_is_posted_to_the_gateway_and_the_workspace_shown_again(signed_in, farum):
    farum.answers[("POST", f"{PAGE}/mapping/sources")] = {"source_id": "s-2"}
    response = post(signed_in, f"{PAGE}/mapping/sources", {
        "kind": "data", "gathered_by": " Analytiker ", "date": "2016-03-01", "description": "Anmeldelser 2015"})
    assert response.status_code == 303 and response.headers["Location"].endswith(PAGE)
    assert sent(farum) == [("POST", f"{PAGE}/mapping/sources", {
        "kind": "data", "gathered_by": "Analytiker", "date": "2016-03-01", "description": "Anmeldelser 2015"})]


def test_a_missing_field_is_shown_beside_it_and_nothing_is_sent(signed_in, farum):
    response = post(signed_in, f"{PAGE}/mapping/sources", {"kind": "interview", "gathered_by": "Bo"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and sent(farum) == []
    assert 'id="source-date-error">Skal udfyldes.' in page
    assert 'aria-describedby="source-description-error"' in page
    assert 'value="Bo"' in page, "what the person typed comes back"


def test_a_refusal_of_the_gateway_is_in_plain_words_beside_its_field(signed_in, farum):
    farum.answers[("POST", f"{PAGE}/mapping/sources")] = GatewayError(
        422, "mapping.source.date_in_future", "date 2099-01-01 is in the future")
    response = post(signed_in, f"{PAGE}/mapping/sources", {
        "kind": "data", "gathered_by": "Bo", "date": "2099-01-01", "description": "x"})
    assert response.status_code == 422
    assert 'id="source-date-error">Datoen kan ikke ligge i fremtiden.' in response.get_data(as_text=True)


def test_a_problem_statement_names_the_sources_ticked(signed_in, farum):
    farum.answers[("POST", f"{PAGE}/mapping/problem-statements")] = {"problem_statement_id": "ps-1"}
    response = post(signed_in, f"{PAGE}/mapping/problem-statements",
                    {"statement": "Hashhandel gør beboerne utrygge", "source_ids": ["s-1"]})
    assert response.status_code == 303
    assert sent(farum)[0][2] == {"statement": "Hashhandel gør beboerne utrygge", "source_ids": ["s-1"]}


def test_in_actor_involvement_each_potential_actor_has_its_dialogue_with_the_steps_it_may_take(signed_in, farum):
    farum.answers[("GET", PAGE)] = at("actor_involvement", analysis={
        "direction": {"text": "Beboerne tager ejerskab"}, "earlier_directions": [], "potential_actors": [POTENTIAL]})
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Beboerne tager ejerskab" in page and "Furesø Boligselskab: Kontaktet" in page
    assert "Kan bidrage med:</strong> Lokaler" in page and "Første møde" in page
    form = page[page.index(f'action="{PAGE}/analysis/potential-actors/pa-1/dialogue"'):]
    form = form[:form.index("</form>")]
    assert [s for s in ("contacted", "in_dialogue", "declined", "later", "joined", "identified")
            if f'<option value="{s}"' in form] == ["contacted", "in_dialogue", "declined", "later"]
    assert f'action="{PAGE}/involvement/alignments"' in page
    assert "<summary>Tilføj til kortlægningen</summary>" in page and "<summary>Tilføj til analysen</summary>" in page
    assert "Mindst én potentiel aktør i dialog (eller med) før etableringen" in page


def test_the_dialogue_is_put_to_its_potential_actor(signed_in, farum):
    farum.answers[("PUT", f"{PAGE}/analysis/potential-actors/pa-1/dialogue")] = {}
    response = post(signed_in, f"{PAGE}/analysis/potential-actors/pa-1/dialogue", {
        "dialogue_status": "in_dialogue", "date": "", "note": "Møde", "would_gain": "Tryggere beboere"})
    assert response.status_code == 303
    assert sent(farum) == [("PUT", f"{PAGE}/analysis/potential-actors/pa-1/dialogue", {
        "dialogue_status": "in_dialogue", "date": None, "note": "Møde", "would_bring": None,
        "would_gain": "Tryggere beboere"})]


def test_a_refused_step_of_a_dialogue_is_shown_on_that_actors_form(signed_in, farum):
    farum.answers[("GET", PAGE)] = at("actor_involvement", analysis={
        "direction": None, "earlier_directions": [], "potential_actors": [POTENTIAL]})
    farum.answers[("PUT", f"{PAGE}/analysis/potential-actors/pa-1/dialogue")] = GatewayError(
        422, "involvement.dialogue.step_not_allowed", "no")
    response = post(signed_in, f"{PAGE}/analysis/potential-actors/pa-1/dialogue", {"dialogue_status": "joined"})
    assert response.status_code == 422
    assert ('id="dialogue-pa-1-dialogue_status-error">Dialogen kan ikke gå til den status herfra.'
            in response.get_data(as_text=True))


def test_an_alignment_names_the_actors_ticked_and_the_other_parties(signed_in, farum):
    farum.answers[("POST", f"{PAGE}/involvement/alignments")] = {"alignment_id": "al-1"}
    response = post(signed_in, f"{PAGE}/involvement/alignments", {
        "agreed": "Den politiske ramme først", "date": "2016-05-02", "potential_actor_ids": ["pa-1"],
        "parties": "Byrådet, Udlændingestyrelsen"})
    assert response.status_code == 303
    assert sent(farum)[0][2] == {"agreed": "Den politiske ramme først", "date": "2016-05-02",
                                 "potential_actor_ids": ["pa-1"], "parties": ["Byrådet", "Udlændingestyrelsen"]}


def test_a_potential_actor_and_the_direction_go_to_their_routes(signed_in, farum):
    farum.answers[("POST", f"{PAGE}/analysis/potential-actors")] = {"potential_actor_id": "pa-2"}
    farum.answers[("PUT", f"{PAGE}/analysis/direction")] = {}
    post(signed_in, f"{PAGE}/analysis/potential-actors", {"name": "Furesø Kommune", "kind": "municipality",
                                                          "why": "SSP", "actor_id": ""})
    post(signed_in, f"{PAGE}/analysis/direction", {"direction": "Ejerskab", "problem_statement_ids": ["ps-1"]})
    assert sent(farum) == [
        ("POST", f"{PAGE}/analysis/potential-actors", {"name": "Furesø Kommune", "kind": "municipality",
                                                       "why": "SSP", "actor_id": None}),
        ("PUT", f"{PAGE}/analysis/direction", {"direction": "Ejerskab", "problem_statement_ids": ["ps-1"]})]


def test_the_history_names_the_new_events_in_plain_words(signed_in, farum):
    farum.answers[("GET", f"{PAGE}/history")] = {"items": [
        {"event_id": "e1", "type": "ProblemStatementRecorded", "occurred_at": "2016-03-10T10:00:00Z",
         "data": {"by": "a@politi.dk"}}], "next_cursor": None}
    assert "Problemstilling registreret" in signed_in.get(f"{PAGE}/history").get_data(as_text=True)


def test_the_page_is_in_english_too(signed_in, farum):
    signed_in.set_cookie("samskab_lang", "en")
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Record a source" in page and "At least one problem statement from the mapping before the analysis" in page
