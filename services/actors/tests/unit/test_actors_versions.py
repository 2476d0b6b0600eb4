"""Optimistic concurrency: every actor and membership answer carries its stored
version, and ``expected_version`` (the gateway's If-Match) refuses a stale change
without storing or emitting anything."""
from __future__ import annotations

import pytest
from actors_samples import INITIATIVE, citizen

from actors import handlers
from samskab_infra.errors import Conflict, ValidationFailed

pytestmark = pytest.mark.unit


@pytest.fixture
def person(register) -> dict:
    return register(citizen())


def _stale(call, stores, payload: dict, ctx) -> Conflict:
    published = {name: len(store.published) for name, store in stores.items()}
    with pytest.raises(Conflict) as refused:
        call(stores, payload, ctx)
    assert refused.value.code == "version.conflict"
    assert {name: len(store.published) for name, store in stores.items()} == published
    return refused.value


def test_answers_carry_the_stored_version(stores, ctx, person):
    assert person["version"] == 1
    assert handlers.get_actor(stores, {"actor_id": person["actor_id"]}, ctx)["version"] == 1
    changed = handlers.update_actor(stores, {"actor_id": person["actor_id"], "display_name": "Ny"}, ctx)
    assert changed["version"] == 2 == stores["actors"].get(person["actor_id"])["version"]


def test_an_update_against_the_current_version_is_made_and_a_stale_one_refused(stores, ctx, person):
    actor_id = person["actor_id"]
    changed = handlers.update_actor(stores, {"actor_id": actor_id, "display_name": "Ny",
                                             "expected_version": 1}, ctx)
    assert (changed["display_name"], changed["version"]) == ("Ny", 2)
    refused = _stale(handlers.update_actor, stores,
                     {"actor_id": actor_id, "display_name": "Gammel", "expected_version": 1}, ctx)
    assert refused.details == {"expected_version": 1, "version": 2}
    assert stores["actors"].get(actor_id)["display_name"] == "Ny"


def test_the_version_alone_is_not_a_change(stores, ctx, person):
    with pytest.raises(ValidationFailed):
        handlers.update_actor(stores, {"actor_id": person["actor_id"], "expected_version": 1}, ctx)


def test_consent_honours_the_expected_version(stores, ctx, person):
    payload = {"actor_id": person["actor_id"], "purpose": "notifications"}
    given = handlers.give_consent(stores, {**payload, "expected_version": 1}, ctx)
    assert given["version"] == 2
    _stale(handlers.withdraw_consent, stores, {**payload, "expected_version": 1}, ctx)
    assert handlers.withdraw_consent(stores, {**payload, "expected_version": 2}, ctx)["version"] == 3


def test_memberships_carry_their_version_and_honour_the_expected_one(stores, ctx, known_initiative, person):
    ref = {"initiative_id": INITIATIVE, "actor_id": person["actor_id"]}
    _stale(handlers.join_initiative, stores, {**ref, "expected_version": 1}, ctx)
    joined = handlers.join_initiative(stores, ref, ctx)
    assert joined["version"] == 1
    listed = handlers.list_memberships_of_actor(stores, {"actor_id": person["actor_id"]}, ctx)
    assert [m["version"] for m in listed["memberships"]] == [1]
    left = handlers.leave_initiative(stores, {**ref, "expected_version": 1}, ctx)
    assert (left["active"], left["version"]) == (False, 2)
    _stale(handlers.join_initiative, stores, {**ref, "expected_version": 1}, ctx)
