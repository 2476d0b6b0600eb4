"""Consent: given and withdrawn per purpose, history kept, notifications stop at once."""
from __future__ import annotations

import pytest
from actors_samples import NOW, citizen, organisation

from actors import handlers
from samskab_infra.errors import DomainRuleViolation, NotFound, ValidationFailed

pytestmark = pytest.mark.unit


@pytest.fixture
def person(register) -> dict:
    return register(citizen())


def shared(stores) -> list[dict]:
    """The contacts told to notifications (ActorContactShared), oldest first."""
    return [{k: e.data[k] for k in ("channel", "address", "name")}
            for e in stores["actors"].events_of_type("ActorContactShared")]


def test_giving_consent_records_it_and_emits_consent_given(stores, ctx, person):
    view = handlers.give_consent(stores, {"actor_id": person["actor_id"], "purpose": "notifications"}, ctx)
    assert view["consents"] == [{"purpose": "notifications", "given_at": NOW, "withdrawn_at": None}]
    [event] = stores["actors"].events_of_type("ConsentGiven")
    assert event.data == {"actor_id": person["actor_id"], "district": "nordjylland",
                          "purpose": "notifications", "initiative_id": None, "at": NOW}


def test_giving_the_same_consent_twice_records_and_emits_once(stores, ctx, person):
    for _ in range(2):
        handlers.give_consent(stores, {"actor_id": person["actor_id"], "purpose": "notifications"}, ctx)
    assert len(stores["actors"].events_of_type("ConsentGiven")) == 1
    assert len(stores["actors"].get(person["actor_id"])["consents"]) == 1


def test_withdrawal_closes_the_record_emits_consent_withdrawn_and_stops_notifications(stores, ctx, person):
    payload = {"actor_id": person["actor_id"], "purpose": "notifications"}
    handlers.give_consent(stores, payload, ctx)
    assert shared(stores) == [{"channel": "email", "address": "nabo@example.dk", "name": None}]
    later = ctx.__class__(correlation_id="corr-9", now="2024-06-01T07:00:00Z")
    view = handlers.withdraw_consent(stores, payload, later)
    assert view["consents"] == [{"purpose": "notifications", "given_at": NOW,
                                 "withdrawn_at": "2024-06-01T07:00:00Z"}]
    [event] = stores["actors"].events_of_type("ConsentWithdrawn")
    assert event.data["cause"] == "withdrawn" and event.data["purpose"] == "notifications"
    assert event.correlation_id == "corr-9"
    assert len(shared(stores)) == 1, "ConsentWithdrawn itself tells notifications to drop the contact"
    assert [e.type for e in stores["actors"].published][-1] == "ConsentWithdrawn"


def test_withdrawing_twice_or_without_consent_is_a_quiet_no_op(stores, ctx, person):
    payload = {"actor_id": person["actor_id"], "purpose": "contact_directory"}
    handlers.withdraw_consent(stores, payload, ctx)
    handlers.give_consent(stores, payload, ctx)
    handlers.withdraw_consent(stores, payload, ctx)
    handlers.withdraw_consent(stores, payload, ctx)
    assert len(stores["actors"].events_of_type("ConsentWithdrawn")) == 1


def test_consent_given_again_opens_a_new_record_and_keeps_history(stores, ctx, person):
    payload = {"actor_id": person["actor_id"], "purpose": "notifications"}
    handlers.give_consent(stores, payload, ctx)
    handlers.withdraw_consent(stores, payload, ctx)
    view = handlers.give_consent(stores, payload, ctx)
    assert [c["withdrawn_at"] is None for c in view["consents"]] == [False, True]


def test_no_contact_is_shared_without_consent_or_with_channel_none(stores, register):
    register(citizen(contact={"channel": "none"}, consent_purposes=["notifications"]))
    register(citizen(consent_purposes=["contact_directory"]))
    assert shared(stores) == []


def test_consent_is_for_citizens_only(stores, ctx, register):
    org = register(organisation())
    with pytest.raises(DomainRuleViolation) as err:
        handlers.give_consent(stores, {"actor_id": org["actor_id"], "purpose": "notifications"}, ctx)
    assert err.value.code == "consent.citizens_only"


def test_unknown_purpose_is_refused(stores, ctx, person):
    with pytest.raises(ValidationFailed) as err:
        handlers.give_consent(stores, {"actor_id": person["actor_id"], "purpose": "marketing"}, ctx)
    assert "purpose" in err.value.details


def test_consent_to_take_part_is_given_for_one_known_initiative(stores, ctx, person, known_initiative):
    payload = {"actor_id": person["actor_id"], "purpose": "take_part", "initiative_id": known_initiative}
    view = handlers.give_consent(stores, payload, ctx)
    assert view["consents"] == [{"purpose": "take_part", "initiative_id": known_initiative, "given_at": NOW,
                                 "withdrawn_at": None}]
    [given] = stores["actors"].events_of_type("ConsentGiven")
    assert given.data["initiative_id"] == known_initiative and given.data["purpose"] == "take_part"
    handlers.withdraw_consent(stores, payload, ctx)
    [withdrawn] = stores["actors"].events_of_type("ConsentWithdrawn")
    assert withdrawn.data["initiative_id"] == known_initiative and withdrawn.data["cause"] == "withdrawn"


@pytest.mark.parametrize("payload", [
    {"purpose": "take_part"},
    {"purpose": "notifications", "initiative_id": "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10"},
], ids=["take-part-without-initiative", "notifications-for-an-initiative"])
def test_an_initiative_is_named_exactly_for_take_part(stores, ctx, person, known_initiative, payload):
    with pytest.raises(ValidationFailed) as err:
        handlers.give_consent(stores, {"actor_id": person["actor_id"], **payload}, ctx)
    assert "initiative_id" in err.value.details
    assert stores["actors"].events_of_type("ConsentGiven") == []


def test_consent_to_take_part_in_an_unknown_initiative_is_not_found(stores, ctx, person):
    with pytest.raises(NotFound):
        handlers.give_consent(stores, {"actor_id": person["actor_id"], "purpose": "take_part",
                                       "initiative_id": "no-such-initiative"}, ctx)


def test_erasure_ends_every_take_part_consent(stores, ctx, person, known_initiative):
    handlers.give_consent(stores, {"actor_id": person["actor_id"], "purpose": "take_part",
                                   "initiative_id": known_initiative}, ctx)
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, ctx)
    [ended] = stores["actors"].events_of_type("ConsentWithdrawn")
    assert (ended.data["purpose"], ended.data["initiative_id"], ended.data["cause"]) == (
        "take_part", known_initiative, "erasure")


def test_take_part_is_not_given_at_registration(register):
    with pytest.raises(ValidationFailed):
        register(citizen(consent_purposes=["take_part"]))
