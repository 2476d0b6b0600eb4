"""Who may read and change an initiative, decided inside the service on the stored
initiative's district and the initiatives in the caller's token (RPC context data)."""
from __future__ import annotations

import pytest
from initiatives_rig import HJOERRING

from samskab_infra.context import Principal
from samskab_infra.errors import Forbidden, NotFound
from tests.harness import wait_until

pytestmark = pytest.mark.integration

FYN_OPERATOR = Principal.of(subject="operator@fyn.politi.dk", role="district_operator", district="fyn")
NATIONAL_CENTRE = Principal.of(subject="nfc@politi.dk", role="national_centre")
WORKING_GROUP = {"add": [{"person_id": "lb@politi.dk", "name": "Lars Bak", "role": "analytiker"}]}


def anchor(*initiatives: str) -> Principal:
    return Principal.of(subject="jsn@politi.dk", role="anchor_person", district="nordjylland",
                     initiatives=initiatives)


@pytest.fixture
def initiative_id(operator, tap) -> str:
    created = operator.execute("create_initiative", HJOERRING)["initiative_id"]
    tap.take(1)
    return created


def denied(call, code: str) -> None:
    with pytest.raises(Forbidden) as info:
        call()
    assert info.value.code == code


def not_found(call) -> None:
    """An initiative the caller may not read is not found: no hint that it exists."""
    with pytest.raises(NotFound) as info:
        call()
    assert info.value.code == "initiative.not_found"


def listed(caller, initiative_id: str) -> bool:
    return initiative_id in [i["initiative_id"] for i in caller.query("list_initiatives", {})["items"]]


def test_an_operator_of_another_district_can_neither_read_nor_change_it(caller, initiative_id, store,
                                                                        tap):
    fyn = caller(FYN_OPERATOR)
    ref = {"initiative_id": initiative_id}
    not_found(lambda: fyn.query("get_initiative", ref))
    not_found(lambda: fyn.query("initiative_history", ref))
    assert not listed(fyn, initiative_id)
    assert fyn.query("list_initiatives", {"district": "nordjylland"})["items"] == []
    not_found(lambda: fyn.execute("set_working_group", {**ref, **WORKING_GROUP}))
    denied(lambda: fyn.execute("create_initiative", HJOERRING), "access.write_denied")
    assert store.get(initiative_id)["version"] == 1 and store.count() == 1
    assert tap.quiet() == []


def test_the_anchor_person_changes_only_the_initiatives_they_hold(caller, operator,
                                                                      initiative_id, tap):
    other = operator.execute("create_initiative", {**HJOERRING, "title": "Det Gode Naboskab"})
    tap.take(1)
    holder = caller(anchor(initiative_id))
    changed = holder.execute("set_working_group", {"initiative_id": initiative_id, **WORKING_GROUP})
    assert changed["events"] == ["WorkingGroupChanged"] and changed["initiative"]["version"] == 2
    [event] = tap.take(1)
    assert event["data"]["by"] == "jsn@politi.dk"
    assert holder.query("get_initiative", {"initiative_id": initiative_id})["working_group"][0][
        "person_id"] == "lb@politi.dk"
    assert [i["initiative_id"] for i in holder.query("list_initiatives", {})["items"]] == [initiative_id]

    ref = {"initiative_id": other["initiative_id"]}
    not_found(lambda: holder.query("get_initiative", ref))
    not_found(lambda: holder.execute("set_working_group", {**ref, **WORKING_GROUP}))
    denied(lambda: holder.execute("create_initiative", HJOERRING), "access.write_denied")
    assert tap.quiet() == []


def test_the_national_centre_reads_every_district_but_changes_nothing(caller, initiative_id, store,
                                                                       tap):
    centre = caller(NATIONAL_CENTRE)
    ref = {"initiative_id": initiative_id}
    assert centre.query("get_initiative", ref)["district"] == "nordjylland"
    history = wait_until(lambda: centre.query("initiative_history", ref)["items"],
                         message="the audit trail has the published event")
    assert [e["type"] for e in history] == ["InitiativeCreated"]
    assert listed(centre, initiative_id)
    denied(lambda: centre.execute("set_working_group", {**ref, **WORKING_GROUP}), "access.write_denied")
    denied(lambda: centre.execute("create_initiative", HJOERRING), "access.write_denied")
    assert store.get(initiative_id)["version"] == 1 and store.count() == 1
    assert tap.quiet() == []
