"""GDPR: export everything held about a citizen; erase (anonymise) exactly once."""
from __future__ import annotations

import json

import pytest
from actors_samples import INITIATIVE, NOW, PLATFORM, citizen, organisation

from actors import handlers
from actors.domain import claim_id, membership_id
from samskab_infra.context import Context
from samskab_infra.errors import DomainRuleViolation

pytestmark = pytest.mark.unit

LATER = Context(correlation_id="corr-erase", now="2024-09-01T10:00:00Z")


@pytest.fixture
def person(stores, ctx, known_initiative, register) -> dict:
    actor = register(citizen(consent_purposes=["notifications", "contact_directory"]))
    handlers.join_initiative(stores, {
        "initiative_id": INITIATIVE, "actor_id": actor["actor_id"], "platform_ids": [PLATFORM],
        "contributions": ["Jeg kender alle på Vestergade"],
        "interests": {"categories": ["safety"], "free_text": "Tryg vej til skole for mine børn"}}, ctx)
    return actor


def test_export_holds_everything_about_the_citizen_as_json(stores, ctx, person):
    export = handlers.export_personal_data(stores, {"actor_id": person["actor_id"]}, ctx)
    assert json.loads(json.dumps(export)) == export
    assert export["service"] == "actors" and export["exported_at"] == NOW
    assert export["actor"]["display_name"] == "Nabo i Vrå"
    assert export["actor"]["contact"] == {"channel": "email", "address": "nabo@example.dk"}
    assert export["actor"]["preferred_language"] == "da"
    assert {c["purpose"] for c in export["actor"]["consents"]} == {"notifications", "contact_directory"}
    [membership] = export["memberships"]
    assert membership["contributions"] == ["Jeg kender alle på Vestergade"]
    assert membership["interests"]["free_text"] == "Tryg vej til skole for mine børn"
    assert membership["platforms"][0]["platform_id"] == PLATFORM
    stored_actor = {k for k in stores["actors"].get(person["actor_id"])
                    if k not in ("_id", "version", "doc_type", "name_terms")}  # the name's search key
    assert stored_actor == set(export["actor"])


def test_erasure_anonymises_and_keeps_a_minimal_consent_record(stores, person):
    view = handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    assert view["display_name"] == "slettet"
    assert view["contact"] == {"channel": "none", "address": None}
    assert view["erased_at"] == "2024-09-01T10:00:00Z"
    assert all(c["withdrawn_at"] == "2024-09-01T10:00:00Z" for c in view["consents"])
    assert {c["purpose"] for c in view["consents"]} == {"notifications", "contact_directory"}
    stored = json.dumps(stores["actors"].get(person["actor_id"]), ensure_ascii=False)
    assert "Nabo i Vrå" not in stored and "nabo@example.dk" not in stored


def test_erasure_emits_consent_withdrawn_and_actor_erased_once(stores, person):
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    types = [e.type for e in stores["actors"].published]
    assert types.count("ActorErased") == 1
    withdrawn = stores["actors"].events_of_type("ConsentWithdrawn")
    assert sorted(e.data["purpose"] for e in withdrawn) == ["contact_directory", "notifications"]
    assert all(e.data["cause"] == "erasure" for e in withdrawn)
    [erased] = stores["actors"].events_of_type("ActorErased")
    assert erased.data == {"actor_id": person["actor_id"], "actor_kind": "citizen",
                           "district": "nordjylland", "at": "2024-09-01T10:00:00Z"}
    assert erased.correlation_id == "corr-erase"


def test_erasure_ends_memberships_and_scrubs_their_free_text(stores, person):
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    doc = stores["memberships"].get(membership_id(INITIATIVE, person["actor_id"]))
    assert doc["active"] is False
    assert doc["contributions"] == [] and doc["interests"] == {"categories": ["safety"], "free_text": None}
    assert doc["periods"][-1]["leave_reason_code"] == "erased"
    [left] = stores["memberships"].events_of_type("ActorLeft")
    assert left.data["reason_code"] == "erased" and left.data["platform_ids"] == [PLATFORM]


def test_erasure_scrubs_free_text_of_past_memberships_too(stores, ctx, person):
    handlers.leave_initiative(stores, {"initiative_id": INITIATIVE, "actor_id": person["actor_id"],
                                       "reason": "Flytter til Aarhus med min mand",
                                       "reason_code": "other"}, ctx)
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    doc = stores["memberships"].get(membership_id(INITIATIVE, person["actor_id"]))
    assert "Aarhus" not in json.dumps(doc, ensure_ascii=False)
    assert len(stores["memberships"].events_of_type("ActorLeft")) == 1


def test_an_interrupted_erasure_is_finished_by_the_repeat(stores, person):
    memberships = stores["memberships"]

    class Crash(Exception):
        pass

    original_update = memberships.update

    def crash(*args, **kwargs):
        raise Crash()

    memberships.update = crash
    with pytest.raises(Crash):
        handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    memberships.update = original_update
    assert memberships.get(membership_id(INITIATIVE, person["actor_id"]))["active"] is True
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    assert memberships.get(membership_id(INITIATIVE, person["actor_id"]))["active"] is False
    assert len(stores["actors"].events_of_type("ActorErased")) == 1


def test_an_erased_actor_cannot_be_changed_join_or_consent(stores, ctx, person):
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    shared_before = len(stores["actors"].events_of_type("ActorContactShared"))
    for call, payload in (
        (handlers.update_actor, {"display_name": "Tilbage"}),
        (handlers.give_consent, {"purpose": "notifications"}),
        (handlers.join_initiative, {"initiative_id": INITIATIVE}),
    ):
        with pytest.raises(DomainRuleViolation) as err:
            call(stores, {"actor_id": person["actor_id"], **payload}, ctx)
        assert err.value.code == "actor.erased"
    assert len(stores["actors"].events_of_type("ActorContactShared")) == shared_before


def test_erasing_an_organisation_drops_contacts_and_frees_its_cvr(stores, ctx, register):
    org = register(organisation())
    view = handlers.erase_actor(stores, {"actor_id": org["actor_id"]}, LATER)
    assert view["name"] == "slettet" and view["contact_points"] == [] and view["cvr"] is None
    assert stores["actors"].find({"doc_type": "cvr_claim", "actor_id": org["actor_id"]}) == []
    again = register(organisation())
    assert again["actor_id"] != org["actor_id"]
    assert stores["actors"].get(claim_id("29189846"))["actor_id"] == again["actor_id"]


def test_export_of_an_erased_citizen_shows_what_is_left(stores, ctx, person):
    handlers.erase_actor(stores, {"actor_id": person["actor_id"]}, LATER)
    export = handlers.export_personal_data(stores, {"actor_id": person["actor_id"]}, ctx)
    text = json.dumps(export, ensure_ascii=False)
    assert "Nabo i Vrå" not in text and "nabo@example.dk" not in text and "Vestergade" not in text
