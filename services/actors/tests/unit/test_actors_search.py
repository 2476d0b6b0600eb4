"""Finding actors (find_actors): by a word's start or more of the name, case-insensitive; by
CVR exactly; only among the actors the caller may read (the districts it operates, the
actors it represents); erased actors are never found; cursor paging in id order."""
from __future__ import annotations

import pytest
from actors_samples import NOW, citizen, organisation

from actors import handlers
from actors.domain import name_terms, query_term
from actors.handlers.authorisation import authorise
from samskab_infra.context import Context, Principal
from samskab_infra.errors import ValidationFailed

pytestmark = pytest.mark.unit


def as_(principal: Principal) -> Context:
    return Context(correlation_id="corr-s", principal=principal, now=NOW)


OPERATOR = as_(Principal.of(subject="op@nordjylland.politi.dk", role="district_operator", district="nordjylland"))
ELSEWHERE = as_(Principal.of(subject="op@fyn.politi.dk", role="district_operator", district="fyn"))


@pytest.fixture
def actors(register) -> dict[str, str]:
    return {
        "kn": register(organisation())["actor_id"],
        "vraa": register(organisation(kind="housing_organisation", name="Vrå Boligselskab A/S", cvr="31234565",
                                      contact_points=[]))["actor_id"],
        "nabo": register(citizen())["actor_id"],
        "fyn": register(organisation(name="Boligfonden Fyn", cvr="31234573", district="fyn",
                                     contact_points=[]))["actor_id"],
    }


def find(stores, ctx, **params) -> dict:
    authorise(stores, "find_actors", params, ctx)
    return handlers.find_actors(stores, params, ctx)


def names(answer: dict) -> list[str]:
    return sorted(item["name"] for item in answer["items"])


def test_a_name_is_found_by_the_start_of_any_word_in_any_case(stores, actors):
    assert names(find(stores, OPERATOR, name="BOLIG")) == ["Vrå Boligselskab A/S"]
    assert names(find(stores, OPERATOR, name="vrå bolig")) == ["Vrå Boligselskab A/S"]
    assert names(find(stores, OPERATOR, name="nabo")) == ["Nabo i Vrå"]
    assert names(find(stores, OPERATOR, name="vrå")) == ["Nabo i Vrå", "Vrå Boligselskab A/S"]
    assert find(stores, OPERATOR, name="ligselskab")["items"] == [], "inside a word only: not a word's start"
    assert find(stores, OPERATOR, name="vrå kn")["items"] == [], "the whole text must be in the name"


def test_a_cvr_is_found_exactly_and_the_answer_tells_the_actor_apart(stores, actors):
    [found] = find(stores, OPERATOR, cvr="31234565")["items"]
    assert found == {"actor_id": actors["vraa"], "kind": "housing_organisation", "district": "nordjylland",
                     "name": "Vrå Boligselskab A/S", "cvr": "31234565", "department": None,
                     "municipality": "Hjørring", "registered_at": NOW}
    assert find(stores, OPERATOR, cvr="29189846")["items"][0]["actor_id"] == actors["kn"]


def test_an_operator_finds_only_the_actors_of_their_own_district(stores, actors):
    assert find(stores, ELSEWHERE, name="bolig")["items"][0]["actor_id"] == actors["fyn"]
    assert names(find(stores, ELSEWHERE, name="bolig")) == ["Boligfonden Fyn"]
    assert find(stores, ELSEWHERE, cvr="31234565")["items"] == []
    assert find(stores, OPERATOR, district="fyn")["items"] == [], "naming another district shows nothing"
    nobody = as_(Principal.of(subject="nobody@example.dk"))
    assert find(stores, nobody)["items"] == [] and find(stores, nobody)["next_cursor"] is None


def test_a_representative_finds_the_actors_they_represent(stores, actors):
    representative = as_(Principal.of(subject="karen@kn.dk", role="actor_representative",
                                      actor_id=actors["kn"]))
    assert [i["actor_id"] for i in find(stores, representative)["items"]] == [actors["kn"]]
    assert find(stores, representative, name="KN")["items"][0]["name"] == "KN Låseteknik"
    assert find(stores, representative, name="vrå")["items"] == []


def test_an_erased_actor_is_not_found(stores, actors, ctx):
    handlers.erase_actor(stores, {"actor_id": actors["vraa"]}, ctx)
    assert find(stores, OPERATOR, name="bolig")["items"] == []
    assert find(stores, OPERATOR, cvr="31234565")["items"] == []
    assert actors["vraa"] not in [i["actor_id"] for i in find(stores, OPERATOR)["items"]]


def test_pages_follow_the_cursor_in_id_order_without_repeats(stores, actors):
    seen, cursor = [], None
    for _ in range(5):
        answer = find(stores, OPERATOR, limit=1, **({"cursor": cursor} if cursor else {}))
        seen += [item["actor_id"] for item in answer["items"]]
        cursor = answer["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted([actors["kn"], actors["vraa"], actors["nabo"]])


@pytest.mark.parametrize("params, field", [({"cvr": "31234566"}, "cvr"), ({"name": "  -- "}, "name"),
                                           ({"limit": 101}, "limit"), ({"kind": "pirates"}, "kind"),
                                           ({"colour": "red"}, "colour")])
def test_a_bad_search_is_refused_by_field(stores, params, field):
    with pytest.raises(ValidationFailed) as refused:
        find(stores, OPERATOR, **params)
    assert field in refused.value.details


def test_the_terms_are_the_starts_of_the_words_case_folded():
    assert name_terms("KN A/S") == ["a", "k", "kn", "s"]
    assert name_terms(None) == []
    assert query_term("Vrå  BOLIGSELSKAB") == "boligselskab"
    assert query_term("--") is None
