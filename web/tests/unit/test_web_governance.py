"""Governance and resources in the workspace (governance.py): what everyone who reads the
initiative sees, who is offered which form, what goes to the gateway, and refusals beside
the field."""
from __future__ import annotations

import pytest
from web_fakes import csrf_of

from samskab_web.gateway_client import GatewayError
from samskab_web.governance import members_of, members_text, number

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
VIEW = {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
        "themes": ["burglary_prevention"], "phase": "co_creative_development", "status": "active",
        "municipalities": ["Hjørring"], "co_owners": [], "challenge": {"text": "Indbrud", "perspectives": []},
        "challenge_history": [], "vision": None, "focus_area": None, "paused": None, "pauses": [],
        "anchor_person": None, "platforms": {}, "eligible_to_close": False, "closing_override": None,
        "actors": {"act_1": {"name": "Hjørring Kommune", "actor_kind": "municipality"}},
        "governance": {"deputy_anchor_person": {"person_id": "mh@politi.dk", "name": "Mette Holm"},
                       "deputy_history": [], "anchoring": "Lokalrådet i Hjørring Øst",
                       "steering_group": [{"name": "Politiinspektør", "organisation": "Nordjyllands Politi",
                                           "role": "formand", "actor_id": None}],
                       "core_group": []},
        "resources": {"funding": [{"source": "EU-pulje", "amount_kr": 2000000.0, "co_financing": False},
                                  {"source": "Hjørring Kommune", "amount_kr": 500000.0, "co_financing": True}],
                      "time": [{"organisation": "Hjørring Kommune", "hours": 120.0,
                                "period_start": "2017-04-01", "period_end": "2017-06-30"}]},
        "proposals": [{"actor_id": "act_1", "title": "Lys på stien", "date": "2018-09-20", "adopted": True}]}
OPERATOR = {"subject": "op@politi.dk", "grants": [{"role": "district_operator", "scope": "nordjylland"}]}


@pytest.fixture
def steering(gateway):
    gateway.answers[("GET", "/me")] = OPERATOR
    gateway.answers[("GET", PAGE)] = VIEW
    return gateway


def post(client, path: str, data: dict):
    return client.post(f"{PAGE}{path}", data={**data, "csrf_token": csrf_of(client, PAGE)})


def test_members_numbers_and_their_text():
    members = members_of("Politiinspektør; Nordjyllands Politi; formand\n\n  Kommunaldirektør ;Hjørring Kommune")
    assert members == [{"name": "Politiinspektør", "organisation": "Nordjyllands Politi", "role": "formand"},
                       {"name": "Kommunaldirektør", "organisation": "Hjørring Kommune", "role": None}]
    assert members_text(members) == "Politiinspektør; Nordjyllands Politi; formand\nKommunaldirektør; Hjørring Kommune"
    assert [number(n) for n in ("2.000.000", "2 000 000", "7,5", "7.5", "1.500,25")] == [
        2000000.0, 2000000.0, 7.5, 7.5, 1500.25]


def test_the_section_shows_everything_and_the_steering_get_every_form(signed_in, steering):
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Styring og ressourcer" in page and "Mette Holm" in page and "Lokalrådet i Hjørring Øst" in page
    assert "Politiinspektør, Nordjyllands Politi (formand)" in page
    assert 'id="governance-funding-total">2.500.000<' in page and "Lys på stien (Hjørring Kommune) – vedtaget" in page
    for action in ("deputy", "groups/steering_group", "groups/core_group", "anchoring", "funding", "time",
                   "proposals"):
        assert f'action="{PAGE}/{action}"' in page, action
    steering.answers[("GET", "/me")] = {"subject": "wg", "grants": [{"role": "working_group", "scope": "ini_1"}]}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert f'action="{PAGE}/time"' in page and f'action="{PAGE}/proposals"' in page
    assert f'action="{PAGE}/funding"' not in page and f'action="{PAGE}/deputy"' not in page


def test_the_forms_send_the_commands(signed_in, steering):
    for method, path in (("PUT", "/deputy-anchor-person"), ("PUT", "/governance-groups/core_group"),
                         ("POST", "/funding"), ("POST", "/proposals")):
        steering.answers[(method, PAGE + path)] = {"initiative": VIEW}
    assert post(signed_in, "/deputy", {"relieve": "yes", "reason": ""}).status_code == 303
    assert steering.calls[-1]["json"] == {"deputy": None, "reason": None}
    assert post(signed_in, "/groups/core_group", {"members": "Anna; Nabohjælp"}).status_code == 303
    assert steering.calls[-1]["json"] == {"members": [{"name": "Anna", "organisation": "Nabohjælp", "role": None}]}
    assert post(signed_in, "/funding", {"source": "Kommunen", "amount_kr": "500.000,00",
                                        "co_financing": "yes"}).status_code == 303
    assert steering.calls[-1]["json"] == {"source": "Kommunen", "amount_kr": 500000.0, "co_financing": True,
                                          "note": None}
    assert post(signed_in, "/proposals", {"actor_id": "act_1", "title": "Lys", "date": "2018-09-20"}).status_code == 303
    assert steering.calls[-1]["json"] == {"actor_id": "act_1", "title": "Lys", "date": "2018-09-20", "adopted": False}


def test_a_wrong_form_is_not_sent_and_a_refusal_shows_beside_its_field(signed_in, steering):
    response = post(signed_in, "/funding", {"source": "", "amount_kr": "mange"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="funding-source-error">Skal udfyldes.' in page and 'id="funding-amount_kr-error">Skriv et tal.' in page
    assert not [c for c in steering.calls if c["method"] == "POST"]
    steering.answers[("PUT", PAGE + "/deputy-anchor-person")] = GatewayError(
        422, "roles.deputy.is_anchor_person", "no")
    page = post(signed_in, "/deputy", {"person_id": "jsn@politi.dk"}).get_data(as_text=True)
    assert 'id="deputy-person_id-error">Ankerpersonen kan ikke være sin egen stedfortræder.' in page
