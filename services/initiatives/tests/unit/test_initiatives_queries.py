"""The read side: checked query parameters and lists shaped by who asks."""
from __future__ import annotations

import pytest
from initiatives_samples import NOW, spec

from initiatives.handlers import commands as h
from initiatives.handlers import queries as q
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context, Principal
from samskab_infra.errors import NotFound, ValidationFailed

pytestmark = pytest.mark.unit


def ctx(role: str, district: str | None = None, initiatives: tuple[str, ...] = ()) -> Context:
    principal = SYSTEM if role == "system" else Principal.of(
        f"{role}@politi.dk", role, district=district, initiatives=initiatives)
    return Context(correlation_id="q", now=NOW, principal=principal)


@pytest.fixture
def store():
    """Three initiatives: two in nordjylland (one in mapping), one on Fyn."""
    store = InMemoryAggregateStore()
    system = ctx("system")
    for district in ("nordjylland", "nordjylland", "fyn"):
        h.create_initiative(store, spec(district=district, co_owners=[]), system)
    first = sorted(store.documents)[0]
    h.assign_anchor_person(store, {"initiative_id": first, "anchor_person": {"person_id": "jsn"}}, system)
    h.advance_phase(store, {"initiative_id": first, "to_phase": "mapping", "reason": "klar"}, system)
    return store


def ids(page: dict) -> list[str]:
    return [item["initiative_id"] for item in page["items"]]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"phase": "phase 9"},
                                    {"district": "jylland"}, {"owner": "me"}])
def test_list_parameters_are_checked(store, params):
    with pytest.raises(ValidationFailed) as info:
        q.list_initiatives(store, params, ctx("national_centre"))
    assert set(info.value.details) == set(params)


def test_one_initiative_needs_exactly_its_id(store):
    with pytest.raises(ValidationFailed):
        q.get_initiative(store, {}, ctx("national_centre"))
    with pytest.raises(ValidationFailed):
        q.initiative_history(store, {"initiative_id": sorted(store.documents)[0], "x": 1}, ctx("system"))


def test_lists_show_what_the_caller_may_read(store):
    everything = sorted(store.documents)
    north = [i for i in everything if store.documents[i]["district"] == "nordjylland"]
    assert ids(q.list_initiatives(store, {}, ctx("national_centre"))) == everything
    assert ids(q.list_initiatives(store, {"phase": "mapping"}, ctx("national_centre"))) == everything[:1]
    operator = ctx("district_operator", "nordjylland")
    assert ids(q.list_initiatives(store, {}, operator)) == north
    assert ids(q.list_initiatives(store, {"district": "fyn"}, operator)) == []
    anchor = ctx("anchor_person", "nordjylland", initiatives=(north[1],))
    assert ids(q.list_initiatives(store, {}, anchor)) == [north[1]]
    assert ids(q.list_initiatives(store, {"phase": "mapping"}, anchor)) == []
    assert ids(q.list_initiatives(store, {}, ctx("partner"))) == []


def test_paging_follows_the_cursor(store):
    first = q.list_initiatives(store, {"limit": 2}, ctx("system"))
    assert len(first["items"]) == 2 and first["next_cursor"] == first["items"][-1]["initiative_id"]
    rest = q.list_initiatives(store, {"limit": 2, "cursor": first["next_cursor"]}, ctx("system"))
    assert ids(first) + ids(rest) == sorted(store.documents) and rest["next_cursor"] is None


def test_another_districts_initiative_is_not_found(store):
    fyn = next(i for i, d in store.documents.items() if d["district"] == "fyn")
    with pytest.raises(NotFound):
        q.get_initiative(store, {"initiative_id": fyn}, ctx("district_operator", "nordjylland"))
    assert q.get_initiative(store, {"initiative_id": fyn}, ctx("national_centre"))["district"] == "fyn"
