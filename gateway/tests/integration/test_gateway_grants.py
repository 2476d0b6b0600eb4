"""The grants that follow the domain's events, on the real store: appointments grant,
replacements withdraw, memberships make representatives participants, and an older
event that arrives late changes nothing."""
from __future__ import annotations

import uuid

import pytest

from gateway import grants
from samskab_infra.context import Grant, Principal
from samskab_infra.envelope import Envelope
from samskab_infra.errors import Forbidden, ValidationFailed
from samskab_infra.mongo import make_client

pytestmark = pytest.mark.integration


@pytest.fixture
def db(mongo_uri, db_prefix):
    database = make_client(mongo_uri)[f"{db_prefix}_gateway"]
    grants.ensure_indexes(database)
    return database


def event(event_type: str, at: str, **data) -> Envelope:
    return Envelope(event_id=str(uuid.uuid4()), type=event_type, version=1, occurred_at=at, producer="test",
                    correlation_id="c", causation_id=None, district="nordjylland", data=data)


def anchor(initiative_id: str, person_id: str, at: str) -> Envelope:
    return event("AnchorPersonAssigned", at, initiative_id=initiative_id,
                 anchor_person={"person_id": person_id, "name": None, "email": None}, previous_anchor_person=None)


def held(db, subject: str) -> set[tuple[str, str | None]]:
    return {(g.role, g.scope) for g in grants.resolve(db, subject).grants}


def test_a_handover_moves_the_grant_and_a_late_older_event_changes_nothing(db):
    grants.apply_event(db, anchor("i-1", "anne", "2024-01-01T10:00:00.000000Z"))
    assert held(db, "anne") == {("anchor_person", "i-1")}
    grants.apply_event(db, anchor("i-1", "bent", "2024-01-02T10:00:00.000000Z"))
    grants.apply_event(db, anchor("i-1", "anne", "2024-01-01T10:00:00.000000Z"))  # redelivered late
    assert held(db, "anne") == set() and held(db, "bent") == {("anchor_person", "i-1")}


def test_the_working_group_follows_its_member_list(db):
    members = [{"person_id": p, "name": None, "email": None} for p in ("gitte", "hans")]
    grants.apply_event(db, event("WorkingGroupChanged", "2024-01-01T00:00:00.000000Z", initiative_id="i-2",
                                 added=members, removed=[], members=members))
    grants.apply_event(db, event("WorkingGroupChanged", "2024-01-03T00:00:00.000000Z", initiative_id="i-2",
                                 added=[], removed=["hans"], members=members[:1]))
    assert held(db, "gitte") == {("working_group", "i-2")} and held(db, "hans") == set()


def test_a_representative_participates_in_what_its_actor_joins_until_it_leaves_or_is_erased(db):
    grants.apply_event(db, event("ActorRepresentativeAdded", "2024-01-01T00:00:00.000000Z", actor_id="a-1",
                                 district="nordjylland", person_id="rep"))
    for initiative_id in ("i-3", "i-4"):
        grants.apply_event(db, event("ActorJoined", "2024-01-02T00:00:00.000000Z", actor_id="a-1",
                                     initiative_id=initiative_id, scope="initiative"))
    grants.apply_event(db, event("ActorLeft", "2024-01-03T00:00:00.000000Z", actor_id="a-1", initiative_id="i-3",
                                 scope="initiative"))
    # the join of i-3 arriving again after the leave does not bring the member back
    grants.apply_event(db, event("ActorJoined", "2024-01-02T00:00:00.000000Z", actor_id="a-1",
                                 initiative_id="i-3", scope="initiative"))
    assert held(db, "rep") == {("actor_representative", "a-1"), ("participant", "i-4")}
    grants.apply_event(db, event("ActorErased", "2024-01-04T00:00:00.000000Z", actor_id="a-1"))
    assert held(db, "rep") == set()


def test_a_representative_event_from_an_erased_actors_redacted_history_grants_nobody(db):
    """The actors service nulls person_id in its published history after an erasure; a
    replay of that history must not create a grant for no one."""
    grants.apply_event(db, event("ActorRepresentativeAdded", "2024-01-01T00:00:00.000000Z", actor_id="a-9",
                                 district="nordjylland", person_id=None))
    assert db["grants"].count_documents({"scope": "a-9"}) == 0
    assert db["grant_holders"].count_documents({"scope": "a-9"}) == 0


def test_a_platform_lead_leads_one_platform(db):
    grants.apply_event(db, event("PlatformLeadAssigned", "2024-01-01T00:00:00.000000Z", initiative_id="i-5",
                                 platform_id="p-1", lead={"person_id": "pia", "name": None, "email": None},
                                 previous_lead=None, reason=None))
    assert held(db, "pia") == {("platform_lead", "i-5/p-1")}
    grants.apply_event(db, event("PlatformLeadAssigned", "2024-01-02T00:00:00.000000Z", initiative_id="i-5",
                                 platform_id="p-1", lead=None, previous_lead=None, reason=None))
    assert held(db, "pia") == set()


def test_administrative_grants_are_given_by_those_allowed_and_audited(db):
    national = Principal("nfc@politi.dk", (Grant("national_centre"),))
    operator = Principal("op@politi.dk", (Grant("district_operator", "fyn"),))
    given = grants.give(db, national, "ny@politi.dk", "district_operator", "nordjylland")
    assert held(db, "ny@politi.dk") == {("district_operator", "nordjylland")}
    with pytest.raises(Forbidden):
        grants.give(db, operator, "x@politi.dk", "district_operator", "nordjylland")
    with pytest.raises(Forbidden):
        grants.give(db, operator, "x@politi.dk", "national_centre")
    with pytest.raises(ValidationFailed):
        grants.give(db, national, "x@politi.dk", "anchor_person", "i-1")
    with pytest.raises(ValidationFailed):
        grants.give(db, national, "x@politi.dk", "district_operator", "atlantis")
    grants.give(db, operator, "kollega@politi.dk", "district_operator", "fyn")
    assert [g["subject"] for g in grants.list_grants(db, operator)] == ["kollega@politi.dk"]
    grants.withdraw(db, national, given["grant_id"])
    assert held(db, "ny@politi.dk") == set()
    assert [(a["action"], a["by"], a["subject"]) for a in grants.audit_log(db, national)] == [
        ("give", "nfc@politi.dk", "ny@politi.dk"), ("give", "op@politi.dk", "kollega@politi.dk"),
        ("withdraw", "nfc@politi.dk", "ny@politi.dk")]


def test_a_registered_co_owners_representatives_read_the_initiative_while_it_co_owns_it(db):
    """Bo Trygt: a programme named as co-owner with its actor id; a revision that drops it
    ends the read, and a late, older creation does not bring it back."""
    grants.apply_event(db, event("ActorRepresentativeAdded", "2024-01-01T00:00:00.000000Z", actor_id="bo-trygt",
                                 district="nordjylland", person_id="bo-rep"))
    owners = [{"kind": "district", "name": "nordjylland"},
              {"kind": "programme", "name": "Bo Trygt", "actor_id": "bo-trygt"}]
    created = event("InitiativeCreated", "2024-01-02T00:00:00.000000Z", initiative_id="i-co", co_owners=owners)
    grants.apply_event(db, created)
    assert held(db, "bo-rep") == {("actor_representative", "bo-trygt"), ("participant", "i-co")}
    grants.apply_event(db, event("InitiativeRevised", "2024-01-03T00:00:00.000000Z", initiative_id="i-co",
                                 co_owners=owners[:1], changed_fields=["co_owners"]))
    grants.apply_event(db, created)  # redelivered late
    assert held(db, "bo-rep") == {("actor_representative", "bo-trygt")}
