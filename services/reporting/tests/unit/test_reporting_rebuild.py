"""Rebuild from scratch == incremental application, with duplicates and reordering."""
from __future__ import annotations

import copy
import json
import random

import pytest
from reporting_samples import (
    created,
    envelope,
    hjoerring_story,
    joined,
    left,
    without_bookkeeping,
)

from reporting.domain.projections import initiative, state

pytestmark = pytest.mark.unit


def events() -> list[dict]:
    other = "11111111-2222-4333-8444-555555555555"
    return hjoerring_story() + [
        created(other, title="Ældre og Tryghed", district="fyn", themes=["safety_of_the_elderly"],
                at="2019-01-01T08:00:00Z"),
        joined("org-aeldre", "association", "2019-02-01T08:00:00Z", initiative_id=other,
               district="fyn", name="Ældre Sagen"),
        left("org-laas", "business", "2021-01-01T08:00:00Z"),
        envelope("ActorRegistered", actor_id="org-laas", actor_kind="business",
                 name="KN Låseteknik", at="2016-01-01T08:00:00Z"),
        envelope("ActorErased", actor_id="cit-1", actor_kind="citizen", at="2022-01-01T08:00:00Z"),
    ]


def incremental(batches: list[list[dict]]) -> dict:
    current = state.empty_state()
    for batch in batches:
        for env in batch:
            current = state.apply(current, env)
    return current


def test_rebuild_equals_incremental_with_duplicates_re_sent() -> None:
    stream = events()
    rebuilt = state.rebuild(stream)
    batches = [stream[:7], stream[3:15], stream[10:], stream[:2], stream[-3:]]
    assert incremental(batches) == rebuilt
    assert json.loads(json.dumps(rebuilt)) == rebuilt  # JSON-native, ready to store or serve


def test_rebuild_equals_applying_one_event_at_a_time() -> None:
    stream = events() + events()[:5]
    one_by_one = state.empty_state()
    for env in stream:
        one_by_one = state.apply(one_by_one, env)
    assert state.rebuild(stream) == one_by_one


def test_apply_never_changes_the_model_it_was_given() -> None:
    stream = events()
    model = initiative.apply_many(None, stream[:12])
    frozen = copy.deepcopy(model)
    for env in stream[12:]:
        initiative.apply(model, env)
    assert model == frozen


def test_rebuild_is_independent_of_delivery_order() -> None:
    stream = events()
    rebuilt = state.rebuild(stream)
    for seed in range(5):
        shuffled = stream + stream[::3]
        random.Random(seed).shuffle(shuffled)
        other = state.rebuild(shuffled)
        for kind in (state.INITIATIVES, state.ACTORS):
            assert other[kind].keys() == rebuilt[kind].keys()
            for doc_id in rebuilt[kind]:
                assert without_bookkeeping(other[kind][doc_id]) == \
                    without_bookkeeping(rebuilt[kind][doc_id]), (seed, kind, doc_id)


def test_targets_route_actor_events_to_both_read_models() -> None:
    env = joined("org-x")
    assert state.targets(env) == [(state.INITIATIVES, env["data"]["initiative_id"]),
                                  (state.ACTORS, "org-x")]
    assert state.targets({"type": "Unknown", "data": {}}) == []
    assert state.targets(envelope("ConsentWithdrawn")) == []
