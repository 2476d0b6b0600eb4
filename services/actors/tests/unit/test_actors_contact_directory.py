"""The contact directory: who is in, since when, representing whom (anchor person, coordinator)."""
from __future__ import annotations

import pytest
from actors_samples import INITIATIVE, NOW, PLATFORM, citizen, organisation

from actors import handlers
from actors.handlers.authorisation import authorise
from samskab_infra.context import Context, Principal
from samskab_infra.errors import Forbidden, NotFound

pytestmark = pytest.mark.unit


@pytest.fixture
def members(stores, ctx, known_initiative, register) -> dict:
    municipality = register(organisation(kind="municipality", name="Hjørring Kommune", cvr="29189838",
                                         department="Teknik og Miljø", shared_with_initiatives=True))
    shy = register(citizen(display_name="Nabo A"))
    open_ = register(citizen(display_name="Nabo B", consent_purposes=["contact_directory"]))
    for actor, platforms in ((municipality, [PLATFORM]), (shy, []), (open_, [])):
        handlers.join_initiative(stores, {"initiative_id": INITIATIVE, "actor_id": actor["actor_id"],
                                          "platform_ids": platforms}, ctx)
    return {"municipality": municipality, "shy": shy, "open": open_}


def entries_by_id(result: dict) -> dict:
    return {e["actor_id"]: e for e in result["entries"]}


def test_the_anchor_person_sees_who_is_in_since_when_and_for_whom(stores, anchor_ctx, members):
    result = handlers.contact_directory(stores, {"initiative_id": INITIATIVE}, anchor_ctx)
    assert result["district"] == "nordjylland"
    entries = entries_by_id(result)
    kommune = entries[members["municipality"]["actor_id"]]
    assert kommune["name"] == "Hjørring Kommune" and kommune["department"] == "Teknik og Miljø"
    assert kommune["member_since"] == NOW and kommune["active"] is True
    assert kommune["platforms"] == [{"platform_id": PLATFORM, "role": "member", "since": NOW}]
    assert kommune["contacts"][0]["email"] == "karen@kn.dk"


def test_a_citizens_contact_shows_only_with_consent(stores, anchor_ctx, members):
    entries = entries_by_id(handlers.contact_directory(stores, {"initiative_id": INITIATIVE}, anchor_ctx))
    assert entries[members["shy"]["actor_id"]]["contacts"] == []
    assert entries[members["shy"]["actor_id"]]["name"] == "Nabo A"
    assert entries[members["open"]["actor_id"]]["contacts"] == [
        {"name": "Nabo B", "role": None, "email": "nabo@example.dk", "phone": None}]


def test_former_members_appear_only_on_request(stores, ctx, anchor_ctx, members):
    handlers.leave_initiative(stores, {"initiative_id": INITIATIVE,
                                       "actor_id": members["shy"]["actor_id"]}, ctx)
    current = entries_by_id(handlers.contact_directory(stores, {"initiative_id": INITIATIVE}, anchor_ctx))
    assert members["shy"]["actor_id"] not in current
    everyone = handlers.contact_directory(stores, {"initiative_id": INITIATIVE, "include_former": True},
                                          anchor_ctx)
    former = entries_by_id(everyone)[members["shy"]["actor_id"]]
    assert former["active"] is False and former["left_at"] == NOW
    assert everyone["entries"][-1]["actor_id"] == members["shy"]["actor_id"]


@pytest.mark.parametrize("principal", [
    Principal.of(subject="x@politi.dk", role="anchor_person", initiatives=("another-initiative",)),
    Principal.of(subject="ops@politi.dk", role="district_operator", district="fyn"),
    Principal.of(subject="partner", role="partner"),
], ids=["anchor-elsewhere", "other-district", "partner"])
def test_strangers_do_not_find_the_directory(stores, members, principal):
    with pytest.raises(NotFound):
        authorise(stores, "contact_directory", {"initiative_id": INITIATIVE},
                  Context(correlation_id="c", principal=principal))


def test_the_working_group_sees_the_initiative_but_not_the_contacts(stores, members):
    member = Principal.of(subject="wg@hjoerring.dk", role="working_group", initiatives=(INITIATIVE,))
    with pytest.raises(Forbidden):
        authorise(stores, "contact_directory", {"initiative_id": INITIATIVE},
                  Context(correlation_id="c", principal=member))


@pytest.mark.parametrize("principal", [
    Principal.of(subject="mk@hjoerring.dk", role="coordinator", initiatives=(INITIATIVE,)),
    Principal.of(subject="ops@politi.dk", role="district_operator", district="nordjylland"),
], ids=["coordinator", "operator"])
def test_the_coordinator_and_the_districts_operator_may(stores, members, principal):
    authorise(stores, "contact_directory", {"initiative_id": INITIATIVE},
              Context(correlation_id="c", principal=principal))


def test_the_coordinator_of_the_initiative_may(stores, members):
    coordinator = Principal.of(subject="mk@hjoerring.dk", role="coordinator", initiatives=(INITIATIVE,))
    result = handlers.contact_directory(stores, {"initiative_id": INITIATIVE},
                                        Context(correlation_id="c", principal=coordinator))
    assert len(result["entries"]) == 3


def test_unknown_initiative(stores, ctx):
    with pytest.raises(NotFound):
        handlers.contact_directory(stores, {"initiative_id": "nope"}, ctx)


def test_an_organisation_that_has_not_shared_its_contacts_appears_with_name_and_kind_only(
        stores, ctx, anchor_ctx, members, register):
    private = register(organisation(cvr="10150817", name="Vrå Låse"))
    handlers.join_initiative(stores, {"initiative_id": INITIATIVE, "actor_id": private["actor_id"]}, ctx)
    entry = entries_by_id(handlers.contact_directory(stores, {"initiative_id": INITIATIVE},
                                                     anchor_ctx))[private["actor_id"]]
    assert (entry["name"], entry["actor_kind"], entry["contacts"], entry["contacts_shared"]) == (
        "Vrå Låse", "business", [], False)
    assert "karen@kn.dk" not in str(entry)


def test_the_organisation_decides_to_share_and_to_stop_sharing(stores, ctx, anchor_ctx, members):
    kommune = members["municipality"]["actor_id"]

    def contacts() -> list[dict]:
        result = handlers.contact_directory(stores, {"initiative_id": INITIATIVE}, anchor_ctx)
        return entries_by_id(result)[kommune]["contacts"]

    assert contacts()[0]["email"] == "karen@kn.dk"
    handlers.update_actor(stores, {"actor_id": kommune, "shared_with_initiatives": False}, ctx)
    assert contacts() == []


def test_a_citizen_shares_through_consent_not_a_flag(register):
    from samskab_infra.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as err:
        register(citizen(shared_with_initiatives=True))
    assert "shared_with_initiatives" in err.value.details


def _fyn_takes_part(stores, ctx, *, at: str = "2019-09-01T10:00:00Z", event_id: str = "reach-1",
                    districts: tuple[str, ...] = ("nordjylland", "fyn")) -> None:
    from samskab_contracts.events.initiatives import ParticipatingDistrictAdded
    handlers.apply_reach_changed(stores["initiatives"], {
        **ParticipatingDistrictAdded.example, "initiative_id": INITIATIVE, "district": "nordjylland",
        "participating_district": "fyn", "districts": list(districts), "at": at}, event_id, ctx)


def test_a_participating_districts_operator_reads_but_is_refused_the_contacts(stores, ctx, members):
    """It may read the initiative (docs/access.md), so the directory is forbidden, not hidden."""
    _fyn_takes_part(stores, ctx)
    operator = Principal.of(subject="ops@politi.dk", role="district_operator", district="fyn")
    with pytest.raises(Forbidden) as err:
        authorise(stores, "contact_directory", {"initiative_id": INITIATIVE},
                  Context(correlation_id="c", principal=operator))
    assert err.value.code == "access.write_denied"


def test_a_district_that_left_is_not_found_again_and_a_late_older_change_does_not_return_it(
        stores, ctx, members):
    _fyn_takes_part(stores, ctx, at="2020-01-10T10:00:00Z", event_id="reach-2", districts=("nordjylland",))
    _fyn_takes_part(stores, ctx)  # the older addition arrives last
    assert stores["initiatives"].get(INITIATIVE)["participating_districts"] == []
    operator = Principal.of(subject="ops@politi.dk", role="district_operator", district="fyn")
    with pytest.raises(NotFound):
        authorise(stores, "contact_directory", {"initiative_id": INITIATIVE},
                  Context(correlation_id="c", principal=operator))
