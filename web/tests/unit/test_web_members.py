"""The actors taking part, in the workspace, against a fake gateway: the list, the enrolment
form offering the district's organisations that do not take part yet (never a citizen), the
actor's id when none can be found, a refusal beside the field, and leaving."""
from __future__ import annotations

import pytest
from web_fakes import csrf_of

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
VIEW = {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
        "themes": [], "phase": "establishment", "status": "active", "municipalities": [],
        "challenge": {"text": "Indbrud"}, "anchor_person": None, "platforms": {},
        "actors": {"act_1": {"kind": "municipality", "name": "Hjørring Kommune"}}}
FOUND = {"items": [{"actor_id": "act_1", "kind": "municipality", "name": "Hjørring Kommune"},
                   {"actor_id": "act_2", "kind": "association", "name": "Grundejerforeningen <Vest>"},
                   {"actor_id": "act_3", "kind": "citizen", "name": "Bo Borger"}], "next_cursor": None}


@pytest.fixture
def view(gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    return VIEW


def post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, PAGE)})


def test_the_workspace_lists_the_actors_and_links_to_enrolling_without_searching(signed_in, gateway, view):
    gateway.answers[("GET", "/actors")] = FOUND
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert '<span class="member-name">Hjørring Kommune</span> · Kommune' in page
    assert f'<a href="{PAGE}/members/new">Optag en aktør fra politikredsen</a>' in page
    assert not [call for call in gateway.calls if call["path"] == "/actors"], "no search on every view"


def test_the_enrol_page_offers_the_districts_other_organisations(signed_in, gateway, view):
    gateway.answers[("GET", "/actors")] = FOUND
    page = signed_in.get(f"{PAGE}/members/new").get_data(as_text=True)
    assert '<option value="act_2">Grundejerforeningen &lt;Vest&gt; (Forening)</option>' in page
    assert 'value="act_1"' not in page.split('id="enrol-actor_id"')[1].split("</select>")[0], "already taking part"
    assert "act_3" not in page, "a citizen joins by their own consent"
    asked = [call for call in gateway.calls if call["path"] == "/actors"]
    assert asked[-1]["params"] == {"district": "nordjylland", "limit": 100}


def test_without_organisations_to_choose_the_form_asks_for_the_actors_id(signed_in, gateway, view):
    page = signed_in.get(f"{PAGE}/members/new").get_data(as_text=True)
    assert '<input id="enrol-actor_id" name="actor_id"' in page
    assert "skriv aktørens id" in page


def test_a_reader_sees_the_actors_but_neither_enrolment_nor_leaving(signed_in, gateway, view):
    gateway.answers[("GET", "/me")] = {"subject": "p", "grants": [{"role": "working_group", "scope": "ini_1"}]}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Hjørring Kommune" in page
    assert "/members" not in page


def test_enrolling_posts_the_actor_and_its_role(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/members")] = {"membership_id": "m_1"}
    response = post(signed_in, f"{PAGE}/members", {"actor_id": " act_2 ", "role": "observer"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{PAGE}#members-heading")
    assert gateway.calls[-1]["json"] == {"actor_id": "act_2", "role": "observer"}


def test_enrolling_without_an_actor_or_with_an_unknown_role_sends_nothing(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/members", {"actor_id": "", "role": "boss"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="enrol-actor_id-error">Skal udfyldes.</p>' in page
    assert '<p class="error" id="enrol-role-error">Vælg en af rollerne.</p>' in page
    assert [call for call in gateway.calls if call["method"] == "POST"] == []


def test_a_refused_enrolment_says_why_beside_the_actor(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/members")] = GatewayError(409, "membership.already_member", "member")
    response = post(signed_in, f"{PAGE}/members", {"actor_id": "act_1"})
    assert response.status_code == 422
    assert ('<p class="error" id="enrol-actor_id-error">Aktøren deltager allerede i initiativet.</p>'
            in response.get_data(as_text=True))


def test_leaving_posts_to_the_actors_leave(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/members/act_1/leave")] = {"membership_id": "m_1"}
    response = post(signed_in, f"{PAGE}/members/act_1/leave", {})
    assert response.status_code == 303
    assert gateway.calls[-1]["path"] == f"{PAGE}/members/act_1/leave" and gateway.calls[-1]["json"] == {"reason": None}
