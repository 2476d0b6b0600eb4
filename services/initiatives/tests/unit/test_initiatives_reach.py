"""Initiatives across police districts (issue 15): IT-related financial crime grew from one
district into a national forum; participating districts read the initiative and see it in
their lists, the lead district steers it, and a district not taking part finds nothing."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, new_initiative, spec, violates

from initiatives.handlers import queries as q
from initiatives.handlers import reach as r
from initiatives.handlers.authorisation import authorise_command
from samskab_contracts.access import visible_initiatives
from samskab_contracts.events.initiatives import ParticipatingDistrictAdded
from samskab_contracts.responses.initiatives import InitiativeChangeSchema, InitiativeSchema
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context, Grant, Principal
from samskab_infra.errors import Forbidden, NotFound

pytestmark = pytest.mark.unit

LATER = "2023-03-01T10:00:00Z"


def operator(district: str) -> Context:
    return Context(correlation_id="c", now=NOW, principal=Principal(f"op@{district}",
                                                                    (Grant("district_operator", district),)))


def test_a_participating_district_makes_a_local_initiative_cross_district_and_back():
    initiative = new_initiative()
    assert initiative.scope == "local" and initiative.districts == ["nordjylland"]
    initiative.add_participating_district("fyn", by=BY, now=LATER)
    assert initiative.districts == ["nordjylland", "fyn"] and initiative.scope == "cross_district"
    event = initiative.pending_events[-1]
    assert isinstance(event, ParticipatingDistrictAdded)
    assert event.data["districts"] == ["nordjylland", "fyn"] and event.data["scope"] == "cross_district"
    initiative.remove_participating_district("fyn", by=BY, now=LATER)
    assert initiative.districts == ["nordjylland"] and initiative.scope == "local"
    assert initiative.pending_events[-1].type_name() == "ParticipatingDistrictRemoved"


def test_the_districts_and_the_scope_are_checked():
    initiative = new_initiative()
    with violates("initiative.district.is_lead"):
        initiative.add_participating_district("nordjylland", by=BY, now=LATER)
    with violates("initiative.district.unknown"):
        initiative.add_participating_district("atlantis", by=BY, now=LATER)
    with violates("initiative.district.not_participating"):
        initiative.remove_participating_district("fyn", by=BY, now=LATER)
    with violates("initiative.scope.no_participating_district"):
        initiative.set_scope("cross_district", None, by=BY, now=LATER)
    initiative.add_participating_district("fyn", by=BY, now=LATER)
    with violates("initiative.district.already_participating"):
        initiative.add_participating_district("fyn", by=BY, now=LATER)
    with violates("initiative.scope.districts_participate"):
        initiative.set_scope("local", None, by=BY, now=LATER)
    with violates("initiative.scope.unchanged"):
        initiative.set_scope("cross_district", None, by=BY, now=LATER)


def test_a_national_initiative_stays_national_as_districts_come_and_go():
    initiative = new_initiative()
    initiative.set_scope("national", "FIT er nu et nationalt forum", by=BY, now=LATER)
    event = initiative.pending_events[-1]
    assert event.type_name() == "InitiativeScopeSet"
    assert event.data["previous_scope"] == "local" and event.data["reason"] == "FIT er nu et nationalt forum"
    initiative.add_participating_district("fyn", by=BY, now=LATER)
    initiative.remove_participating_district("fyn", by=BY, now=LATER)
    assert initiative.scope == "national"
    initiative.set_scope("local", None, by=BY, now=LATER)
    assert initiative.scope == "local"


def test_a_participating_district_reads_and_lists_it_but_does_not_steer_it_and_others_find_nothing():
    store = InMemoryAggregateStore()
    lead = operator("nordjylland")
    initiative_id = _created(store)
    answer = r.add_participating_district(store, {"initiative_id": initiative_id,
                                                  "participating_district": "fyn"}, lead)
    assert InitiativeChangeSchema().validate(answer) == {}
    assert answer["districts"] == ["nordjylland", "fyn"] and answer["scope"] == "cross_district"

    fyn = operator("fyn")
    view = q.get_initiative(store, {"initiative_id": initiative_id}, fyn)
    assert InitiativeSchema().validate(view) == {}
    assert view["districts"] == ["nordjylland", "fyn"] and view["participating_districts"] == ["fyn"]
    assert [i["initiative_id"] for i in q.list_initiatives(store, {}, fyn)["items"]] == [initiative_id]
    assert [i["initiative_id"] for i in q.list_initiatives(store, {"district": "fyn"},
                                                           operator("fyn"))["items"]] == [initiative_id]
    national = Context(correlation_id="c", now=NOW, principal=Principal("nc", (Grant("national_centre"),)))
    assert [i["initiative_id"] for i in q.list_initiatives(store, {"district": "fyn"},
                                                           national)["items"]] == [initiative_id]
    assert visible_initiatives(fyn.principal).shows(view["districts"], initiative_id)
    for command in ("add_participating_district", "set_scope", "advance_phase", "document_result"):
        with pytest.raises(Forbidden):
            authorise_command(store, command, {"initiative_id": initiative_id}, fyn)

    other = operator("syd_og_soenderjylland")
    with pytest.raises(NotFound):
        q.get_initiative(store, {"initiative_id": initiative_id}, other)
    with pytest.raises(NotFound):
        authorise_command(store, "set_scope", {"initiative_id": initiative_id}, other)
    assert q.list_initiatives(store, {}, other)["items"] == []

    r.remove_participating_district(store, {"initiative_id": initiative_id,
                                            "participating_district": "fyn"}, lead)
    with pytest.raises(NotFound):
        q.get_initiative(store, {"initiative_id": initiative_id}, fyn)
    assert q.list_initiatives(store, {}, fyn)["items"] == []


def test_the_anchor_person_sets_the_scope_over_rpc_handlers():
    store = InMemoryAggregateStore()
    initiative_id = _created(store)
    anchor = Context(correlation_id="c", now=NOW,
                     principal=Principal("ank@politi.dk", (Grant("anchor_person", initiative_id),)))
    authorise_command(store, "set_scope", {"initiative_id": initiative_id}, anchor)
    answer = r.set_scope(store, {"initiative_id": initiative_id, "scope": "national",
                                 "reason": "nationalt center"}, anchor)
    assert answer["scope"] == "national"
    assert store.published[-1].type == "InitiativeScopeSet"


def _created(store: InMemoryAggregateStore) -> str:
    from initiatives.handlers import commands as h

    system = Context(correlation_id="c", now=NOW, principal=SYSTEM)
    return h.create_initiative(store, spec(), system)["initiative_id"]


def test_a_co_owner_may_name_its_registered_actor_and_partners_see_only_a_pseudonym():
    from samskab_contracts.partner.initiatives import VIEWS

    initiative = new_initiative(co_owners=[{"kind": "programme", "name": "Bo Trygt", "actor_id": "bo-trygt"}])
    assert {"kind": "programme", "name": "Bo Trygt", "actor_id": "bo-trygt"} in initiative.co_owners
    created = initiative.pending_events[0]
    seen = VIEWS["InitiativeCreated"].for_partner(created.data, b"key")
    [programme] = [o for o in seen["co_owners"] if o["kind"] == "programme"]
    assert programme["actor_id"].startswith("ps_") and "bo-trygt" not in str(seen)
    with violates("initiative.co_owner.district_actor"):
        new_initiative(co_owners=[{"kind": "district", "name": "fyn", "actor_id": "x"}])
