"""Revising and pausing from the workspace (revision.py): who is offered the forms, what goes
to the gateway (only what changed, with the reason), and refusals beside the field."""
from __future__ import annotations

import pytest
from web_fakes import csrf_of
from werkzeug.datastructures import MultiDict

from samskab_web.gateway_client import GatewayError
from samskab_web.revision import revised_fields

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
VIEW = {"initiative_id": "ini_1", "title": "Bryd fødekæden til banderne", "district": "oestjylland",
        "themes": ["gang_recruitment"], "phase": "mapping", "status": "active", "municipalities": ["Aarhus"],
        "co_owners": [{"kind": "district", "name": "oestjylland"}, {"kind": "municipality", "name": "Aarhus"}],
        "challenge": {"text": "Unge rekrutteres til bander", "perspectives": [{"party": "SSP", "perspective": "x"}]},
        "challenge_history": [], "vision": None, "focus_area": "Bispehaven", "paused": None, "pauses": [],
        "anchor_person": None, "platforms": {}, "eligible_to_close": False, "closing_override": None}
OPERATOR = {"subject": "op@politi.dk", "grants": [{"role": "district_operator", "scope": "oestjylland"}]}
PAUSED = {**VIEW, "paused": {"since": "2020-03-12T10:00:00Z", "by": "op@politi.dk", "reason": "COVID-19",
                             "phase": "mapping"}}
FORM = {"title": VIEW["title"], "focus_area": "Bispehaven", "vision": "", "themes": "gang_recruitment",
        "municipalities": "Aarhus", "co_owner_municipalities": "Aarhus", "co_owner_programmes": ""}


@pytest.fixture
def steering(gateway):
    gateway.answers[("GET", "/me")] = OPERATOR
    gateway.answers[("GET", PAGE)] = VIEW
    return gateway


def post(client, path: str, data: dict):
    return client.post(f"{PAGE}{path}", data={**data, "csrf_token": csrf_of(client, PAGE)})


def test_only_what_the_form_changes_goes_to_the_gateway_and_district_co_owners_stay():
    form = MultiDict({**FORM, "focus_area": "Herredsvang", "co_owner_programmes": "Bo Trygt"})
    form.setlist("themes", ["gang_recruitment"])
    assert revised_fields(form, VIEW) == {"focus_area": "Herredsvang", "co_owners": [
        {"kind": "district", "name": "oestjylland"}, {"kind": "municipality", "name": "Aarhus"},
        {"kind": "programme", "name": "Bo Trygt"}]}
    assert revised_fields(MultiDict(FORM), VIEW) == {}


def test_the_steering_see_the_forms_and_a_reader_only_what_changed(signed_in, steering):
    page = signed_in.get(PAGE).get_data(as_text=True)
    for action in ("revision", "challenge", "pause"):
        assert f'action="{PAGE}/{action}"' in page
    assert 'value="Bispehaven"' in page and "Ændringer undervejs" in page
    steering.answers[("GET", "/me")] = {"subject": "wg", "grants": [{"role": "working_group", "scope": "ini_1"}]}
    steering.answers[("GET", PAGE)] = {**PAUSED, "challenge_history": [
        {"revision": 1, "text": "Utryghed i Bispehaven", "perspectives": [], "replaced_at": "2019-05-01T10:00:00Z",
         "replaced_by": "ank@politi.dk", "reason": "Analysen viste det"}]}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Sat i bero siden 2020-03-12." in page and "Begrundelse: COVID-19" in page
    assert "Utryghed i Bispehaven" in page and "Erstattet 2019-05-01 af ank@politi.dk: Analysen viste det" in page
    assert f'action="{PAGE}/revision"' not in page and f'action="{PAGE}/resumption"' not in page


def test_a_revision_patches_what_changed_with_the_reason(signed_in, steering):
    steering.answers[("PATCH", PAGE)] = {"initiative": VIEW}
    response = post(signed_in, "/revision", {**FORM, "focus_area": "Herredsvang", "reason": "Fokus flyttet"})
    assert response.status_code == 303 and response.headers["Location"] == PAGE
    assert steering.calls[-1]["json"] == {"focus_area": "Herredsvang", "reason": "Fokus flyttet"}


def test_a_revision_that_changes_nothing_or_lacks_a_reason_is_not_sent(signed_in, steering):
    response = post(signed_in, "/revision", {**FORM, "reason": "Ingenting"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Intet er ændret i forhold til initiativet" in page
    response = post(signed_in, "/revision", {**FORM, "focus_area": "Herredsvang", "reason": " "})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="revise-reason-error">Skal udfyldes.' in page and 'value="Herredsvang"' in page
    assert not [c for c in steering.calls if c["method"] == "PATCH"]


def test_a_new_challenge_keeps_the_perspectives_and_a_refusal_shows_beside_it(signed_in, steering):
    steering.answers[("PUT", f"{PAGE}/challenge")] = {"initiative": VIEW}
    response = post(signed_in, "/challenge", {"challenge": "Unge i Herredsvang", "reason": "Analysen"})
    assert response.status_code == 303
    assert steering.calls[-1]["json"] == {"challenge": {"text": "Unge i Herredsvang",
                                                        "perspectives": VIEW["challenge"]["perspectives"]},
                                          "reason": "Analysen"}
    steering.answers[("PUT", f"{PAGE}/challenge")] = GatewayError(422, "initiative.challenge.unchanged", "same")
    page = post(signed_in, "/challenge", {"challenge": VIEW["challenge"]["text"], "reason": "igen"}).get_data(
        as_text=True)
    assert 'id="challenge-challenge-error">Udfordringen er allerede formuleret sådan.' in page


def test_pausing_needs_a_reason_and_a_paused_initiative_offers_resuming_not_the_next_phase(signed_in, steering):
    response = post(signed_in, "/pause", {"reason": ""})
    assert response.status_code == 422 and 'id="pause-reason-error"' in response.get_data(as_text=True)
    steering.answers[("POST", f"{PAGE}/pause")] = {"initiative": PAUSED}
    assert post(signed_in, "/pause", {"reason": "COVID-19"}).status_code == 303
    assert steering.calls[-1]["json"] == {"reason": "COVID-19"}
    steering.answers[("GET", PAGE)] = PAUSED
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert f'action="{PAGE}/resumption"' in page and f'action="{PAGE}/pause"' not in page
    assert f'action="{PAGE}/phase"' not in page
    steering.answers[("POST", f"{PAGE}/resumption")] = {"initiative": VIEW}
    assert post(signed_in, "/resumption", {"note": ""}).status_code == 303
    assert steering.calls[-1]["json"] == {"note": None}
