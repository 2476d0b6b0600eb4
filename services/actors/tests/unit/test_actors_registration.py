"""Registering and updating actors: kinds, CVR, duplicates, privacy of events."""
from __future__ import annotations

import pytest
from actors_samples import citizen, organisation

from actors import handlers
from actors.domain.cvr_claim import claim_id
from samskab_infra.aggregate_store import AlreadyExists
from samskab_infra.errors import Conflict, NotFound, ValidationFailed

pytestmark = pytest.mark.unit


def test_an_organisation_is_registered_with_its_details_and_a_named_event(stores, register):
    view = register(organisation())
    assert view["kind"] == "business"
    assert view["cvr"] == "29189846"
    assert view["contact_points"][0]["email"] == "karen@kn.dk"
    stored = stores["actors"].get(view["actor_id"])
    assert stored["name"] == "KN Låseteknik"
    event, shared = stores["actors"].published
    assert shared.type == "ActorContactShared"
    assert event.type == "ActorRegistered"
    assert event.district == "nordjylland"
    assert event.correlation_id == "corr-1" and event.causation_id == "cause-1"
    assert event.data["name"] == "KN Låseteknik"
    assert event.data["actor_kind"] == "business"
    assert "contact_points" not in event.data and "cvr" not in event.data


def test_a_citizens_events_carry_no_name_and_only_the_shared_contact_its_address(stores, register):
    view = register(citizen(consent_purposes=["notifications"]))
    assert view["display_name"] == "Nabo i Vrå"
    types = [e.type for e in stores["actors"].published]
    assert types == ["ActorRegistered", "ConsentGiven", "ActorContactShared"]
    for event in stores["actors"].published:
        text = repr(event.data)
        assert "Nabo i Vrå" not in text
        assert ("nabo@example.dk" in text) == (event.type == "ActorContactShared")
    assert stores["actors"].published[0].data["name"] is None
    assert stores["actors"].published[0].data["actor_kind"] == "citizen"


def test_a_municipality_department_is_kept(register):
    view = register(organisation(kind="municipality", name="Aalborg Kommune", cvr="29189838",
                                 department="Skoleforvaltningen"))
    assert view["department"] == "Skoleforvaltningen"


@pytest.mark.parametrize("payload, field", [
    (organisation(kind="pirates"), "kind"),
    (organisation(cvr="29189847"), "cvr"),
    (organisation(cvr="2918984"), "cvr"),
    (organisation(department="Teknik"), "department"),
    (organisation(name=None), "name"),
    (organisation(district="jylland"), "district"),
    (organisation(display_name="Karen"), "display_name"),
    (citizen(cvr="29189846"), "cvr"),
    (citizen(name="Hans Hansen"), "name"),
    (citizen(display_name=None), "display_name"),
    (citizen(contact={"channel": "email", "address": "not-an-email"}), "contact"),
    (citizen(contact={"channel": "sms", "address": None}), "contact"),
    (citizen(contact={"channel": "none", "address": "nabo@example.dk"}), "contact"),
    (citizen(consent_purposes=["marketing"]), "consent_purposes"),
    (citizen(actor_id="chosen-by-client"), "actor_id"),
])
def test_invalid_registrations_are_refused_and_nothing_is_stored(stores, register, payload, field):
    payload = {k: v for k, v in payload.items() if v is not None}
    with pytest.raises(ValidationFailed) as err:
        register(payload)
    assert field in err.value.details
    assert stores["actors"].documents == {}
    assert stores["actors"].published == []


def test_a_second_registration_of_the_same_cvr_points_at_the_first(stores, register):
    first = register(organisation())
    with pytest.raises(Conflict) as err:
        register(organisation(name="KN Låse ApS"))
    assert err.value.details == {"existing_actor_id": first["actor_id"]}
    actors = stores["actors"].find({"doc_type": "actor"})
    assert [a["actor_id"] for a in actors] == [first["actor_id"]]
    assert len(stores["actors"].events_of_type("ActorRegistered")) == 1


def test_organisations_without_cvr_are_not_duplicates(stores, register):
    register(organisation(kind="citizen_group", cvr=None, name="Borgere i Hjørring"))
    register(organisation(kind="citizen_group", cvr=None, name="Borgere i Vrå"))
    assert len(stores["actors"].find({"doc_type": "actor"})) == 2


def test_a_duplicate_key_from_the_store_becomes_a_conflict_naming_the_holder(stores, register, ctx):
    first = register(organisation())
    claims = stores["actors"]
    del claims.documents[claim_id("29189846")]
    original_create = claims.create

    def unique_cvr_create(doc_id, state, events, command=None):
        if state.get("doc_type") == "actor" and claims.find({"doc_type": "actor", "cvr": state["cvr"]}):
            raise AlreadyExists(doc_id)
        return original_create(doc_id, state, events, command)

    claims.create = unique_cvr_create
    with pytest.raises(Conflict) as err:
        register(organisation())
    assert err.value.details == {"existing_actor_id": first["actor_id"]}


def test_a_claim_left_by_an_interrupted_registration_expires(stores, register, ctx):
    stores["actors"].create(claim_id("29189846"), {"doc_type": "cvr_claim", "number": "29189846",
                                                   "actor_id": "never-written",
                                                   "claimed_at": "2024-04-10T11:59:30Z"}, [])
    with pytest.raises(Conflict):
        register(organisation())
    stores["actors"].documents[claim_id("29189846")]["claimed_at"] = "2024-04-10T11:00:00Z"
    view = register(organisation())
    assert stores["actors"].get(claim_id("29189846"))["actor_id"] == view["actor_id"]


def test_update_changes_fields_and_the_event_names_them_without_values(stores, register, ctx):
    actor = register(organisation())
    view = handlers.update_actor(stores, {"actor_id": actor["actor_id"], "name": "KN Lås & Alarm",
                                          "contact_points": []}, ctx)
    assert view["name"] == "KN Lås & Alarm" and view["contact_points"] == []
    event = stores["actors"].events_of_type("ActorUpdated")[0]
    assert sorted(event.data["changed_fields"]) == ["contact_points", "name"]
    assert event.data["name"] == "KN Lås & Alarm"
    assert "karen@kn.dk" not in repr(event.data)


def test_an_update_that_changes_nothing_emits_nothing(stores, register, ctx):
    actor = register(organisation())
    version = stores["actors"].get(actor["actor_id"])["version"]
    handlers.update_actor(stores, {"actor_id": actor["actor_id"], "name": "KN Låseteknik"}, ctx)
    assert stores["actors"].events_of_type("ActorUpdated") == []
    assert stores["actors"].get(actor["actor_id"])["version"] == version


def test_a_citizen_update_event_does_not_carry_the_new_pseudonym(stores, register, ctx):
    actor = register(citizen())
    handlers.update_actor(stores, {"actor_id": actor["actor_id"], "display_name": "Vrå-naboen"}, ctx)
    event = stores["actors"].events_of_type("ActorUpdated")[0]
    assert event.data["changed_fields"] == ["display_name"] and event.data["name"] is None
    assert "Vrå-naboen" not in repr(event.data)


@pytest.mark.parametrize("change, field", [
    ({"kind": "association"}, "kind"),
    ({"department": "Teknik"}, "department"),
    ({"cvr": "11111111"}, "cvr"),
    ({}, "_schema"),
])
def test_invalid_updates_are_refused(stores, register, ctx, change, field):
    actor = register(organisation())
    with pytest.raises(ValidationFailed) as err:
        handlers.update_actor(stores, {"actor_id": actor["actor_id"], **change}, ctx)
    assert field in err.value.details
    assert stores["actors"].get(actor["actor_id"])["version"] == 1


def test_correcting_a_cvr_moves_the_claim_and_frees_the_old_number(stores, register, ctx):
    actor = register(organisation())
    handlers.update_actor(stores, {"actor_id": actor["actor_id"], "cvr": "10150817"}, ctx)
    assert stores["actors"].get(claim_id("10150817"))["actor_id"] == actor["actor_id"]
    other = register(organisation(name="Anden virksomhed"))
    assert other["cvr"] == "29189846"


def test_correcting_to_a_taken_cvr_is_refused(stores, register, ctx):
    first = register(organisation())
    second = register(organisation(cvr="10150817", name="Glaseksperten"))
    with pytest.raises(Conflict) as err:
        handlers.update_actor(stores, {"actor_id": second["actor_id"], "cvr": "29189846"}, ctx)
    assert err.value.details == {"existing_actor_id": first["actor_id"]}
    assert stores["actors"].get(second["actor_id"])["cvr"] == "10150817"


def test_unknown_actor_is_not_found(stores, ctx):
    with pytest.raises(NotFound):
        handlers.get_actor(stores, {"actor_id": "nobody"}, ctx)
    with pytest.raises(NotFound):
        handlers.get_actor(stores, {"actor_id": claim_id("29189846")}, ctx)


def test_get_actor_returns_the_view_without_internal_fields(stores, register, ctx):
    actor = register(citizen())
    view = handlers.get_actor(stores, {"actor_id": actor["actor_id"]}, ctx)
    assert view == actor
    assert "doc_type" not in view and "_id" not in view
    assert view["version"] == 1, "the stored version, answered as the ETag"


def test_a_duplicate_cvr_names_the_holder_only_to_a_caller_who_may_read_it(stores, register):
    from samskab_infra.context import Context, Principal

    first = register(organisation())

    def again(principal: Principal, district: str = "nordjylland") -> Conflict:
        with pytest.raises(Conflict) as err:
            handlers.register_actor(stores, organisation(district=district),
                                    Context(correlation_id="c", principal=principal))
        assert err.value.code == "actor.duplicate_cvr"
        return err.value

    fyn = again(Principal.of("ops@fyn.politi.dk", "district_operator", district="fyn"), "fyn")
    assert fyn.details == {"existing_actor_id": None}
    assert first["actor_id"] not in str(fyn.details) + str(fyn)
    own = again(Principal.of("ops@nordjylland.politi.dk", "district_operator", district="nordjylland"))
    assert own.details == {"existing_actor_id": first["actor_id"]}
    anchor = again(Principal.of("jsn@politi.dk", "anchor_person", initiatives=("i-1",)))
    assert anchor.details == {"existing_actor_id": None}
