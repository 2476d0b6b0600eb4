"""Joining respects the joiner: who may put which actor into an initiative (domain/enrolment.py)."""
from __future__ import annotations

import pytest
from actors_samples import INITIATIVE, NOW, PLATFORM, citizen, organisation

from actors import handlers
from samskab_infra.context import Context, Principal
from samskab_infra.errors import Forbidden, NotFound

pytestmark = pytest.mark.unit

ANCHOR = Principal.of("jsn@politi.dk", "anchor_person", initiatives=(INITIATIVE,))
COORDINATOR = Principal.of("mk@hjoerring.dk", "coordinator", initiatives=(INITIATIVE,))
OPERATOR = Principal.of("ops@nordjylland.politi.dk", "district_operator", district="nordjylland")
FYN_OPERATOR = Principal.of("ops@fyn.politi.dk", "district_operator", district="fyn")
WORKING_GROUP = Principal.of("wg@hjoerring.dk", "working_group", initiatives=(INITIATIVE,))


def as_(principal: Principal) -> Context:
    return Context(correlation_id="corr-join", principal=principal, now=NOW)


def join(stores, principal, actor_id, **extra) -> dict:
    return handlers.join_initiative(stores, {"initiative_id": INITIATIVE, "actor_id": actor_id, **extra},
                                    as_(principal))


def stored_nothing(stores) -> bool:
    return stores["memberships"].find({}) == [] and stores["memberships"].published == []


@pytest.fixture
def person(register, known_initiative) -> dict:
    return register(citizen())


@pytest.mark.parametrize("principal", [ANCHOR, COORDINATOR, OPERATOR], ids=["anchor", "coordinator", "operator"])
def test_nobody_enrols_a_citizen_without_their_consent(stores, person, principal):
    with pytest.raises(Forbidden) as err:
        join(stores, principal, person["actor_id"])
    assert err.value.code == "enrolment.citizen_consent_required"
    assert stored_nothing(stores)


def test_a_citizens_consent_to_take_part_in_this_initiative_lets_its_leaders_enrol_them(stores, ctx, person):
    handlers.give_consent(stores, {"actor_id": person["actor_id"], "purpose": "take_part",
                                   "initiative_id": INITIATIVE}, ctx)
    view = join(stores, ANCHOR, person["actor_id"])
    assert view["active"] is True
    assert [e.type for e in stores["memberships"].published] == ["ActorJoined"], \
        "a citizen enrolled with consent gets no ActorEnrolled (it was their own choice)"


def test_consent_for_another_initiative_or_a_withdrawn_one_does_not_count(stores, ctx, person):
    other = "another-initiative"
    handlers.apply_initiative_created(stores["initiatives"], {"initiative_id": other, "district": "nordjylland"},
                                      "ev-other", ctx)
    handlers.give_consent(stores, {"actor_id": person["actor_id"], "purpose": "take_part",
                                   "initiative_id": other}, ctx)
    consent = {"actor_id": person["actor_id"], "purpose": "take_part", "initiative_id": INITIATIVE}
    handlers.give_consent(stores, consent, ctx)
    handlers.withdraw_consent(stores, consent, ctx)
    with pytest.raises(Forbidden):
        join(stores, ANCHOR, person["actor_id"])
    assert stored_nothing(stores)


def test_a_citizen_joins_on_their_own_request(stores, person):
    own = Principal.of("nabo@example.dk", "actor_representative", actor_id=person["actor_id"])
    assert join(stores, own, person["actor_id"])["active"] is True
    assert [e.type for e in stores["memberships"].published] == ["ActorJoined"]


def test_the_initiatives_leaders_enrol_an_organisation_of_its_district_and_it_is_told(stores, register,
                                                                                      known_initiative):
    business = register(organisation())
    join(stores, ANCHOR, business["actor_id"], platform_ids=[PLATFORM])
    joined, enrolled = stores["memberships"].published
    assert (joined.type, enrolled.type) == ("ActorJoined", "ActorEnrolled")
    assert enrolled.data == {
        "actor_id": business["actor_id"], "actor_kind": "business", "district": "nordjylland",
        "initiative_id": INITIATIVE, "scope": "initiative", "platform_ids": [PLATFORM],
        "name": "KN Låseteknik", "enrolled_by_role": "anchor_person", "at": NOW}


def test_putting_an_enrolled_organisation_on_a_platform_tells_it_too(stores, register, known_initiative):
    business = register(organisation())
    join(stores, COORDINATOR, business["actor_id"])
    handlers.join_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                    "actor_id": business["actor_id"]}, as_(COORDINATOR))
    enrolled = stores["memberships"].events_of_type("ActorEnrolled")
    assert [(e.data["scope"], e.data["enrolled_by_role"]) for e in enrolled] == [
        ("initiative", "coordinator"), ("platform", "coordinator")]


def test_an_organisation_joining_itself_is_not_enrolled(stores, register, known_initiative):
    business = register(organisation())
    own = Principal.of("karen@kn.dk", "actor_representative", actor_id=business["actor_id"])
    join(stores, own, business["actor_id"])
    assert stores["memberships"].events_of_type("ActorEnrolled") == []


def test_an_organisation_from_another_district_is_not_enrolled_by_the_initiatives_leaders(stores, register,
                                                                                          known_initiative):
    odense = register(organisation(district="fyn", cvr="10150817", name="Odense Låse"))
    for principal in (ANCHOR, OPERATOR):
        with pytest.raises(Forbidden) as err:
            join(stores, principal, odense["actor_id"])
        assert err.value.code == "enrolment.other_district"
    assert stored_nothing(stores)


def test_across_districts_the_organisation_agrees_through_its_representative_or_its_districts_operator(
        stores, register, known_initiative):
    odense = register(organisation(district="fyn", cvr="10150817", name="Odense Låse"))
    aarhus = register(organisation(district="oestjylland", cvr="24256790", name="Aarhus Lys"))
    own = Principal.of("lone@odense.dk", "actor_representative", actor_id=odense["actor_id"])
    join(stores, own, odense["actor_id"])
    with pytest.raises(NotFound):
        join(stores, FYN_OPERATOR, aarhus["actor_id"])
    keeper = Principal.of("ops@oestjylland.politi.dk", "district_operator", district="oestjylland")
    join(stores, keeper, aarhus["actor_id"])
    [enrolled] = stores["memberships"].events_of_type("ActorEnrolled")
    assert enrolled.data["actor_id"] == aarhus["actor_id"]
    assert enrolled.data["enrolled_by_role"] == "district_operator"


@pytest.mark.parametrize("principal, error", [
    (WORKING_GROUP, Forbidden),
    (Principal.of("x@politi.dk", "anchor_person", initiatives=("elsewhere",)), NotFound),
    (Principal.of("p", "partner"), NotFound),
    (Principal.of("nc@politi.dk", "national_centre"), Forbidden),
], ids=["working-group", "anchor-elsewhere", "partner", "national-centre"])
def test_others_may_not_enrol_anyone(stores, register, known_initiative, principal, error):
    business = register(organisation())
    with pytest.raises(error):
        join(stores, principal, business["actor_id"])
    assert stored_nothing(stores)


def test_a_closed_initiative_is_refused_only_after_the_caller_is_known_to_be_allowed(stores, ctx, register,
                                                                                    known_initiative):
    handlers.apply_initiative_closed(stores["initiatives"], {"initiative_id": INITIATIVE,
                                                             "district": "nordjylland"}, "ev-closed", ctx)
    business = register(organisation())
    with pytest.raises(NotFound):
        join(stores, Principal.of("p", "partner"), business["actor_id"])
