"""GET /actors in the whole running system against the real (embedded) store: a district's
operator finds its actors by the start of a word of the name in any case and by CVR, page by
page; another district's operator finds nothing of them; a representative finds the actor they
represent once appointed; a bad CVR is 400 beside the field."""
from __future__ import annotations

import uuid

import pytest

from tests.harness import wait_until

pytestmark = pytest.mark.integration

TAG = uuid.uuid4().hex[:6]
"""Makes this file's names unique among the actors the package's other files register."""


def register(operator, url: str, **payload) -> str:
    response = operator.post(f"{url}/actors", json={"district": "nordjylland", **payload})
    assert response.status_code == 201, response.text
    return response.json()["actor_id"]


def found(session, url: str, **params) -> list[str]:
    response = session.get(f"{url}/actors", params=params)
    assert response.status_code == 200, response.text
    return [item["actor_id"] for item in response.json()["items"]]


@pytest.fixture(scope="module")
def registered(system) -> dict:
    operator = system.session(subject="operator@nordjylland.politi.dk")
    return {
        "operator": operator,
        "lock": register(operator, system.url, kind="business", name=f"Søgelås {TAG} ApS", cvr="41234563"),
        "housing": register(operator, system.url, kind="housing_organisation",
                            name=f"Søgebo {TAG} Boligforening", cvr="41234571"),
        "citizen": register(operator, system.url, kind="citizen", display_name=f"Søgenabo {TAG}"),
    }


def test_an_operator_finds_actors_by_name_in_any_case_and_by_cvr(system, registered):
    operator = registered["operator"]
    assert sorted(found(operator, system.url, name=TAG.upper())) == sorted(
        [registered["lock"], registered["housing"], registered["citizen"]])
    assert found(operator, system.url, name=f"SØGEBO {TAG} bolig") == [registered["housing"]]
    assert found(operator, system.url, name=f"{TAG} boligforening") == [registered["housing"]]
    assert found(operator, system.url, name=f"søgelås {TAG}", kind="housing_organisation") == []
    assert found(operator, system.url, cvr="41234563") == [registered["lock"]]
    [item] = operator.get(f"{system.url}/actors", params={"cvr": "41234571"}).json()["items"]
    assert item["name"] == f"Søgebo {TAG} Boligforening" and item["kind"] == "housing_organisation"


def test_the_pages_follow_the_cursor_without_repeats(system, registered):
    seen, params = [], {"name": TAG, "limit": 1}
    for _ in range(10):
        page = registered["operator"].get(f"{system.url}/actors", params=params).json()
        seen += [item["actor_id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert seen == sorted([registered["lock"], registered["housing"], registered["citizen"]])


def test_another_districts_operator_finds_none_of_them(system, registered):
    elsewhere = system.session(subject="operator@fyn.politi.dk", district="fyn")
    assert found(elsewhere, system.url, name=TAG) == []
    assert found(elsewhere, system.url, cvr="41234563") == []
    assert found(elsewhere, system.url, district="nordjylland") == []


def test_a_representative_finds_the_actor_they_represent_once_appointed(system, registered):
    person = f"kontakt-{TAG}@soegelaas.dk"
    representative = system.session(subject=person, role=None, district=None)
    assert found(representative, system.url, name=TAG) == []
    appointed = registered["operator"].put(
        f"{system.url}/actors/{registered['lock']}/representatives/{person}")
    assert appointed.status_code == 200, appointed.text
    wait_until(lambda: found(representative, system.url, name=TAG) == [registered["lock"]],
               message="the representative's grant follows ActorRepresentativeAdded")


@pytest.mark.parametrize("params, field", [({"cvr": "41234564"}, "cvr"), ({"name": "--"}, "name"),
                                           ({"limit": "500"}, "limit"), ({"colour": "red"}, "colour")])
def test_a_bad_search_is_400_beside_the_field(system, registered, params, field):
    response = registered["operator"].get(f"{system.url}/actors", params=params)
    assert response.status_code == 400, response.text
    assert field in response.json()["errors"]
