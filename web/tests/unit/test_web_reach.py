"""An initiative's police districts and scope from the workspace (reach.py): the lead sees the
forms, a participating district's operator reads the districts without them, what goes to the
gateway, and refusals beside the field."""
from __future__ import annotations

import pytest
from web_fakes import csrf_of

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
VIEW = {"initiative_id": "ini_1", "title": "IT-relateret økonomisk kriminalitet", "district": "koebenhavn",
        "participating_districts": ["fyn"], "districts": ["koebenhavn", "fyn"], "scope": "cross_district",
        "themes": ["digital_crime"], "phase": "mapping", "status": "active", "municipalities": ["København"],
        "co_owners": [{"kind": "district", "name": "koebenhavn"}],
        "challenge": {"text": "Svindel på nettet", "perspectives": []}, "challenge_history": [], "vision": None,
        "focus_area": None, "paused": None, "pauses": [], "anchor_person": None, "platforms": {},
        "eligible_to_close": False, "closing_override": None}
LEAD = {"subject": "op@politi.dk", "grants": [{"role": "district_operator", "scope": "koebenhavn"}]}
FUNEN = {"subject": "op@fyn.politi.dk", "grants": [{"role": "district_operator", "scope": "fyn"}]}


@pytest.fixture
def lead(gateway):
    gateway.answers[("GET", "/me")] = LEAD
    gateway.answers[("GET", PAGE)] = VIEW
    return gateway


def post(client, path: str, data: dict):
    return client.post(f"{PAGE}{path}", data={**data, "csrf_token": csrf_of(client, PAGE)})


def test_the_lead_sees_the_districts_the_scope_and_the_forms(signed_in, lead):
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Politikredse og rækkevidde" in page and "På tværs af politikredse" in page
    assert "Ledende politikreds" in page and "Fyns Politi" in page
    assert f'action="{PAGE}/participating-districts"' in page
    assert f'action="{PAGE}/participating-districts/fyn/removal"' in page
    assert f'action="{PAGE}/scope"' in page
    assert '<option value="fyn"' not in page and '<option value="bornholm"' in page, \
        "only districts not taking part yet are offered"


def test_a_participating_districts_operator_reads_the_districts_without_the_forms(signed_in, lead):
    lead.answers[("GET", "/me")] = FUNEN
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Fyns Politi" in page and "Deltagende politikredse" in page
    assert f'action="{PAGE}/scope"' not in page and f'action="{PAGE}/participating-districts"' not in page
    assert f'action="{PAGE}/revision"' not in page, "a participating district does not steer"


def test_adding_and_removing_a_district_and_setting_the_scope_go_to_the_gateway(signed_in, lead):
    lead.answers[("PUT", f"{PAGE}/participating-districts/bornholm")] = {"initiative": VIEW}
    response = post(signed_in, "/participating-districts", {"district": "bornholm"})
    assert response.status_code == 303 and response.headers["Location"].startswith(PAGE)
    assert lead.calls[-1]["method"] == "PUT" and lead.calls[-1]["path"].endswith("/participating-districts/bornholm")
    lead.answers[("DELETE", f"{PAGE}/participating-districts/fyn")] = {"initiative": VIEW}
    assert post(signed_in, "/participating-districts/fyn/removal", {}).status_code == 303
    assert lead.calls[-1]["method"] == "DELETE"
    lead.answers[("PUT", f"{PAGE}/scope")] = {"initiative": VIEW}
    assert post(signed_in, "/scope", {"scope": "national", "reason": "FIT er nationalt"}).status_code == 303
    assert lead.calls[-1]["json"] == {"scope": "national", "reason": "FIT er nationalt"}


def test_a_wrong_choice_is_not_sent_and_a_refusal_shows_beside_the_field(signed_in, lead):
    response = post(signed_in, "/participating-districts", {"district": "atlantis"})
    assert response.status_code == 422 and 'id="reach_add-district-error">Vælg en politikreds.' in \
        response.get_data(as_text=True)
    assert not [c for c in lead.calls if c["method"] in ("PUT", "DELETE")]
    lead.answers[("PUT", f"{PAGE}/scope")] = GatewayError(422, "initiative.scope.districts_participate", "no")
    page = post(signed_in, "/scope", {"scope": "local"}).get_data(as_text=True)
    assert 'id="reach_scope-scope-error">Fjern de deltagende politikredse, før initiativet bliver lokalt igen.' in page


def test_a_revision_from_the_page_keeps_a_co_owners_registered_actor():
    from werkzeug.datastructures import MultiDict

    from samskab_web.revision import revised_fields

    view = {**VIEW, "co_owners": [{"kind": "district", "name": "koebenhavn"},
                                  {"kind": "programme", "name": "Bo Trygt", "actor_id": "bo-trygt"}]}
    form = MultiDict({"title": VIEW["title"], "focus_area": "", "vision": "", "themes": "digital_crime",
                      "municipalities": "København", "co_owner_municipalities": "Gentofte",
                      "co_owner_programmes": "Bo Trygt"})
    assert revised_fields(form, view)["co_owners"] == [
        {"kind": "district", "name": "koebenhavn"}, {"kind": "municipality", "name": "Gentofte"},
        {"kind": "programme", "name": "Bo Trygt", "actor_id": "bo-trygt"}]
