"""Representatives: the people who act for an actor; their events give and withdraw access."""
from __future__ import annotations

import pytest
from actors_samples import NOW, citizen, organisation

from actors import handlers
from actors.handlers.authorisation import authorise
from samskab_infra.context import Context, Principal
from samskab_infra.errors import DomainRuleViolation, NotFound, ValidationFailed

pytestmark = pytest.mark.unit


def representatives(stores) -> list[tuple[str, str]]:
    return [(e.type, e.data["person_id"]) for e in stores["actors"].published
            if e.type.startswith("ActorRepresentative")]


def appoint(stores, ctx, actor_id, person_id, command="appoint_representative") -> dict:
    return getattr(handlers, command)(stores, {"actor_id": actor_id, "person_id": person_id}, ctx)


def test_registering_may_name_the_first_representative(stores, register):
    business = register(organisation(representative="karen@kn.dk"))
    assert business["representatives"] == ["karen@kn.dk"]
    [added] = stores["actors"].events_of_type("ActorRepresentativeAdded")
    assert added.data == {"actor_id": business["actor_id"], "district": "nordjylland",
                          "person_id": "karen@kn.dk", "at": NOW}
    assert [e.type for e in stores["actors"].published][:1] == ["ActorRegistered"]


def test_appointing_and_removing_emit_once_each(stores, ctx, register):
    person = register(citizen())
    assert person["representatives"] == []
    for _ in range(2):
        view = appoint(stores, ctx, person["actor_id"], "nabo@example.dk")
    assert view["representatives"] == ["nabo@example.dk"]
    for _ in range(2):
        view = appoint(stores, ctx, person["actor_id"], "nabo@example.dk", "remove_representative")
    assert view["representatives"] == []
    assert representatives(stores) == [("ActorRepresentativeAdded", "nabo@example.dk"),
                                       ("ActorRepresentativeRemoved", "nabo@example.dk")]


def test_an_erased_actor_gets_no_new_representative_and_forgets_its_old_ones(stores, ctx, register):
    business = register(organisation(representative="karen@kn.dk"))
    erased = handlers.erase_actor(stores, {"actor_id": business["actor_id"]}, ctx)
    assert erased["representatives"] == []
    with pytest.raises(DomainRuleViolation):
        appoint(stores, ctx, business["actor_id"], "ny@kn.dk")


def test_a_person_id_is_required_and_bounded(stores, ctx, register):
    business = register(organisation())
    for person_id in ("", "x" * 201):
        with pytest.raises(ValidationFailed):
            appoint(stores, ctx, business["actor_id"], person_id)


@pytest.mark.parametrize("role", ["district_operator", "actor_representative"])
@pytest.mark.parametrize("command", ["appoint_representative", "remove_representative"])
def test_its_districts_operator_and_its_representatives_may_appoint(stores, register, role, command):
    business = register(organisation())
    principal = Principal.of("ops@politi.dk", role, district="nordjylland", actor_id=business["actor_id"])
    assert authorise(stores, command, {"actor_id": business["actor_id"], "person_id": "ny@kn.dk"},
                     Context(correlation_id="c", principal=principal)) is None


@pytest.mark.parametrize("principal", [
    Principal.of("ops@fyn.politi.dk", "district_operator", district="fyn"),
    Principal.of("jsn@politi.dk", "anchor_person", initiatives=("i-1",)),
    Principal.of("p", "partner"),
    Principal.of("nc@politi.dk", "national_centre"),
], ids=["other-district", "anchor-person", "partner", "national-centre"])
def test_nobody_else_may_appoint_a_representative(stores, register, principal):
    business = register(organisation())
    with pytest.raises(NotFound):
        authorise(stores, "appoint_representative", {"actor_id": business["actor_id"], "person_id": "me@x.dk"},
                  Context(correlation_id="c", principal=principal))

