"""ActorContactShared: notifications learns an actor's contact whenever it becomes known
or changes while it may be used, and only then."""
from __future__ import annotations

import pytest
from actors_samples import NOW, citizen, organisation

from actors import handlers
from samskab_contracts.events.actors import ActorContactShared

pytestmark = pytest.mark.unit


def shared(stores) -> list[dict]:
    return [e.data for e in stores["actors"].events_of_type("ActorContactShared")]


def consent(stores, ctx, actor_id: str, purpose: str = "notifications", give: bool = True) -> None:
    call = handlers.give_consent if give else handlers.withdraw_consent
    call(stores, {"actor_id": actor_id, "purpose": purpose}, ctx)


def test_a_citizens_contact_is_shared_once_consent_for_notifications_is_given(stores, ctx, register):
    person = register(citizen(preferred_language="en"))
    assert shared(stores) == []
    consent(stores, ctx, person["actor_id"], "contact_directory")
    assert shared(stores) == []
    consent(stores, ctx, person["actor_id"])
    consent(stores, ctx, person["actor_id"])
    [event] = shared(stores)
    assert event == {"actor_id": person["actor_id"], "district": "nordjylland", "actor_kind": "citizen",
                     "channel": "email", "address": "nabo@example.dk", "name": None, "language": "en",
                     "at": NOW}
    ActorContactShared(**event)
    envelope = stores["actors"].events_of_type("ActorContactShared")[0]
    assert envelope.correlation_id == "corr-1" and envelope.district == "nordjylland"


def test_a_changed_channel_or_language_is_shared_again_an_unrelated_change_is_not(stores, ctx, register):
    person = register(citizen(consent_purposes=["notifications"]))
    actor_id = person["actor_id"]
    handlers.update_actor(stores, {"actor_id": actor_id, "display_name": "Ny pseudonym"}, ctx)
    handlers.update_actor(stores, {"actor_id": actor_id, "district": "fyn"}, ctx)
    assert len(shared(stores)) == 1
    handlers.update_actor(stores, {"actor_id": actor_id,
                                   "contact": {"channel": "sms", "address": "+45 20304050"}}, ctx)
    handlers.update_actor(stores, {"actor_id": actor_id, "preferred_language": "en"}, ctx)
    handlers.update_actor(stores, {"actor_id": actor_id, "contact": {"channel": "none"}}, ctx)
    assert [(e["channel"], e["address"], e["language"]) for e in shared(stores)] == [
        ("email", "nabo@example.dk", "da"), ("sms", "+45 20304050", "da"),
        ("sms", "+45 20304050", "en"), ("none", None, "en")]
    assert all("Ny pseudonym" not in repr(e) for e in shared(stores))


def test_without_consent_a_changed_contact_is_not_shared_until_consent_is_given_again(stores, ctx,
                                                                                      register):
    actor_id = register(citizen(consent_purposes=["notifications"]))["actor_id"]
    consent(stores, ctx, actor_id, give=False)
    handlers.update_actor(stores, {"actor_id": actor_id,
                                   "contact": {"channel": "email", "address": "ny@example.dk"}}, ctx)
    assert [e["address"] for e in shared(stores)] == ["nabo@example.dk"]
    consent(stores, ctx, actor_id)
    assert [e["address"] for e in shared(stores)] == ["nabo@example.dk", "ny@example.dk"]
    types = [e.type for e in stores["actors"].published]
    assert types[-2:] == ["ConsentGiven", "ActorContactShared"]


def test_an_organisation_shares_its_first_contact_point_with_an_email_without_consent(stores, ctx,
                                                                                     register):
    org = register(organisation(contact_points=[
        {"name": "Ole Sms", "phone": "+4512345678"},
        {"name": "Karen Nielsen", "role": "indehaver", "email": "karen@kn.dk"},
        {"name": "Bo Andersen", "email": "bo@kn.dk"},
    ]))
    [event] = shared(stores)
    assert (event["actor_kind"], event["channel"], event["address"], event["name"]) == (
        "business", "email", "karen@kn.dk", "Karen Nielsen")
    handlers.update_actor(stores, {"actor_id": org["actor_id"], "contact_points": [
        {"name": "Bo Andersen", "email": "bo@kn.dk"}]}, ctx)
    handlers.update_actor(stores, {"actor_id": org["actor_id"], "contact_points": []}, ctx)
    assert [(e["channel"], e["address"], e["name"]) for e in shared(stores)] == [
        ("email", "karen@kn.dk", "Karen Nielsen"), ("email", "bo@kn.dk", "Bo Andersen"),
        ("none", None, None)]


def test_an_organisation_without_an_email_shares_nothing(stores, register):
    register(organisation(contact_points=[{"name": "Ole Sms", "phone": "+4512345678"}]))
    assert shared(stores) == []


def test_erasure_shares_nothing_more_actor_erased_tells_notifications(stores, ctx, register):
    actor_id = register(citizen(consent_purposes=["notifications"]))["actor_id"]
    handlers.erase_actor(stores, {"actor_id": actor_id}, ctx)
    assert len(shared(stores)) == 1
    assert [e.type for e in stores["actors"].published][-2:] == ["ConsentWithdrawn", "ActorErased"]
