"""The workspace's general activities and ideas handed over against a fake gateway: the lists
with the kinds and target groups in the page's language, the forms while the initiative is
active and once it is a network (none on a closed one, none for a reader), what is posted, and
bad input or a refusal beside the field (422) with nothing stored."""
from __future__ import annotations

import pytest
from web_fakes import csrf_of

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
EVENING = {"activity_id": "a_1", "kind": "theme_evening", "title": "Temaaften om indbrud", "date": "2026-11-10",
           "place": "Vendsyssel Teater", "actor_ids": ["act_1"], "citizens_count": 60,
           "target_groups": ["residents", "youth_16_25"], "participants_count": 61,
           "outcome": "40 husstande i Nabohjælp", "result_ids": [], "platform_id": None, "status": "active"}
IDEA = {"idea_id": "i_1", "idea": "Natbusser fra midtbyen", "recipient_name": "Aalborg Kommune",
        "recipient_actor_id": None, "recipient_kind": None, "date": "2026-11-20",
        "outcome": "Kommunen indsatte natbusser", "status": "network"}
VIEW = {"initiative_id": "ini_1", "title": "Et trygt natteliv i Aalborg", "district": "nordjylland",
        "themes": [], "phase": "co_creative_development", "status": "active", "municipalities": [],
        "challenge": {"text": "Natteliv"}, "anchor_person": None, "platforms": {}, "eligible_to_close": True,
        "closing_override": None, "activities": [], "findings": {},
        "actors": {"act_1": {"kind": "municipality", "name": "Aalborg Kommune"}},
        "results": [{"result_id": "r_1", "title": "Færre slagsmål", "size": "small", "date": "2026-11-01"}],
        "ripple_effects": [], "closure": None, "network": None,
        "recorded_activities": [EVENING], "ideas_handed_over": [IDEA]}
READER = {"subject": "p", "grants": [{"role": "participant", "scope": "ini_1"}]}


@pytest.fixture
def view(gateway):
    gateway.answers[("GET", PAGE)] = dict(VIEW)
    return gateway.answers[("GET", PAGE)]


def post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, PAGE)})


def sent(gateway) -> list[dict]:
    return [call for call in gateway.calls if call["method"] == "POST"]


def test_the_workspace_lists_the_activities_and_ideas_and_offers_the_forms(signed_in, view):
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Aktiviteter og idéer givet videre" in page
    assert "Temaaften: Temaaften om indbrud" in page and "Beboere, 16–25-årige" in page
    assert "61 (aktører: 1, borgere: 60)" in page and "40 husstande i Nabohjælp" in page
    assert "Natbusser fra midtbyen" in page and "til Aalborg Kommune" in page
    assert f'action="{PAGE}/activities"' in page and f'action="{PAGE}/ideas-handed-over"' in page
    assert '<option value="conversation_salon">Samtalesalon</option>' in page
    assert 'name="result_ids" value="r_1"' in page, "an activity links to the results it led to"


def test_a_network_still_records_activities_results_and_ideas_but_a_closed_initiative_does_not(
        signed_in, view):
    view.update(status="network", network={"name": "Trygt natteliv", "purpose": None},
                closure={"at": "2026-10-01T10:00:00Z", "summary": None})
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Som netværk mødes initiativet stadig" in page
    assert f'action="{PAGE}/activities"' in page and f'action="{PAGE}/ideas-handed-over"' in page
    assert f'action="{PAGE}/results"' in page, "a network documents results"
    assert '<option value="network_meeting" selected>Netværksmøde</option>' in page
    view.update(status="closed", network=None)
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert f'action="{PAGE}/activities"' not in page and f'action="{PAGE}/results"' not in page
    assert "Natbusser fra midtbyen" in page, "the record stays readable"


def test_a_reader_sees_the_lists_but_no_forms(signed_in, gateway, view):
    gateway.answers[("GET", "/me")] = READER
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Temaaften om indbrud" in page and f'action="{PAGE}/activities"' not in page


def test_an_activity_is_posted_with_its_participants_and_target_groups(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/activities")] = {"activity_id": "a_2"}
    response = post(signed_in, f"{PAGE}/activities", {
        "kind": "parent_meeting", "title": "", "date": "2026-11-30", "place": " Skolen ",
        "actor_ids": "act_1", "citizens_count": "25", "target_groups": ["parents", "children_and_young"],
        "outcome": "Forældrevandring aftalt", "result_ids": "r_1"})
    assert response.status_code == 303 and response.headers["Location"].endswith("#network-activities-heading")
    assert sent(gateway)[-1]["json"] == {
        "kind": "parent_meeting", "title": None, "date": "2026-11-30", "place": "Skolen", "platform_id": None,
        "actor_ids": ["act_1"], "citizens_count": 25, "target_groups": ["parents", "children_and_young"],
        "outcome": "Forældrevandring aftalt", "result_ids": ["r_1"]}


def test_an_activity_without_place_or_with_a_bad_count_comes_back_and_sends_nothing(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/activities", {
        "kind": "campaign", "date": "2026-11-30", "place": "", "citizens_count": "mange",
        "target_groups": "elderly", "title": "<b>Kampagne</b>"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="activity-place-error">Skal udfyldes.</p>' in page
    assert '<p class="error" id="activity-citizens_count-error">Skriv et helt tal, 0 eller derover.</p>' in page
    assert 'aria-describedby="activity-citizens_count-error" aria-invalid="true"' in page
    assert 'value="elderly" checked' in page and "&lt;b&gt;Kampagne&lt;/b&gt;" in page
    assert sent(gateway) == []


def test_a_refused_activity_says_why_beside_the_field(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/activities")] = GatewayError(
        422, "activity.target_groups.without_citizens", "count them")
    response = post(signed_in, f"{PAGE}/activities", {
        "kind": "campaign", "date": "2026-11-30", "place": "Torvet", "citizens_count": "0", "target_groups": "elderly"})
    assert response.status_code == 422
    assert ('id="activity-citizens_count-error">Skriv, hvor mange borgere målgrupperne dækker.'
            in response.get_data(as_text=True))


def test_an_idea_is_posted_to_an_actor_or_a_named_body(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/ideas-handed-over")] = {"idea_id": "i_2"}
    response = post(signed_in, f"{PAGE}/ideas-handed-over", {
        "idea": "Bedre belysning", "recipient_actor_id": "act_1", "recipient_name": "", "date": "2026-11-30",
        "outcome": ""})
    assert response.status_code == 303
    assert sent(gateway)[-1]["json"] == {"idea": "Bedre belysning", "recipient_name": None,
                                         "recipient_actor_id": "act_1", "date": "2026-11-30", "outcome": None}


def test_an_idea_without_a_recipient_comes_back_and_a_closed_initiative_is_refused_in_plain_words(
        signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/ideas-handed-over", {"idea": "Natbusser", "date": "2026-11-30"})
    assert response.status_code == 422 and sent(gateway) == []
    assert 'id="idea-recipient_name-error">Skriv navnet på den, idéen blev givet videre til' in \
        response.get_data(as_text=True)
    gateway.answers[("POST", f"{PAGE}/ideas-handed-over")] = GatewayError(422, "initiative.closed", "closed")
    response = post(signed_in, f"{PAGE}/ideas-handed-over", {
        "idea": "Natbusser", "recipient_name": "Kommunen", "date": "2026-11-30"})
    assert response.status_code == 422
    assert 'id="idea-refusal">Initiativet er afsluttet; når det fortsætter som netværk' in \
        response.get_data(as_text=True)


def test_the_history_names_the_new_events_in_plain_words():
    from samskab_web.workspace import event_label
    assert event_label("ActivityRecorded") == "Activity recorded"
    assert event_label("IdeaHandedOver") == "Idea handed over"


def test_the_figures_page_names_every_kind_of_activity_and_the_target_groups(signed_in, gateway):
    from test_web_reports import cell, one_way, rollup
    answer = rollup(suppressed_view=True, national=False)
    answer.update(activities=one_way({"safety_walk": 1, "conversation_salon": 2}),
                  activity_target_groups=one_way({"youth_16_25": 2, "elderly": 0}),
                  activity_participants=cell(3, True), ideas_handed_over=cell(1))
    gateway.answers[("GET", "/reports/rollup")] = answer
    html = signed_in.get("/reports").get_data(as_text=True)
    assert '<th scope="row">Samtalesalon</th><td class="num">2</td>' in html
    assert '<th scope="row">16–25-årige</th><td class="num">2</td>' in html
    assert "<dt>Deltog i aktiviteter</dt>" in html and "<dt>Idéer givet videre</dt><dd>1</dd>" in html
    assert html.count('class="suppressed"') == 4 + 1, "the citizens' cells, and the persons who took part"


def test_what_became_of_an_idea_is_put_and_a_blank_one_comes_back(signed_in, gateway, view):
    path = f"{PAGE}/ideas-handed-over/i_1/outcome"
    assert f'action="{path}"' in signed_in.get(PAGE).get_data(as_text=True)
    response = post(signed_in, path, {"outcome": " "})
    assert response.status_code == 422 and '<p class="error" id="outcome-i_1-outcome-error">Skal udfyldes.</p>' in \
        response.get_data(as_text=True)
    gateway.answers[("PUT", path)] = {"idea_id": "i_1"}
    response = post(signed_in, path, {"outcome": "Natbusserne kører"})
    assert response.status_code == 303
    assert [c["json"] for c in gateway.calls if c["method"] == "PUT"] == [{"outcome": "Natbusserne kører"}]
