"""The local copy of platform members, kept from ActorJoined / ActorLeft, idempotently."""
from __future__ import annotations

import pytest
from initiatives_samples import NOW, add_platform, in_phase

from initiatives.domain import Initiative

pytestmark = pytest.mark.unit


@pytest.fixture
def initiative():
    initiative = in_phase("co_creative_development")
    add_platform(initiative, "p-2", "Byggemarkeder")
    initiative.pending_events.clear()
    return initiative


def test_joining_updates_platforms_and_the_joint_platform_once_per_event(initiative):
    assert initiative.member_joined("a-1", "business", ["p-1", "p-2"], "e-1", now=NOW, name="XL-Byg")
    assert not initiative.member_joined("a-1", "business", ["p-1", "p-2"], "e-1", now=NOW)
    assert set(initiative.platforms["p-1"].members) == {"a-1"}
    assert initiative.actors["a-1"]["platform_ids"] == ["p-1", "p-2"]
    assert initiative.actors["a-1"]["name"] == "XL-Byg"
    assert initiative.pending_events == [], "membership is the actors service's fact, not ours"


def test_a_second_join_event_for_the_same_actor_is_harmless(initiative):
    initiative.member_joined("a-1", "business", ["p-1"], "e-1", now=NOW)
    initiative.member_joined("a-1", "business", ["p-1"], "e-2", now=NOW)
    assert initiative.actors["a-1"]["platform_ids"] == ["p-1"]
    assert len(initiative.platforms["p-1"].members) == 1


def test_unknown_platforms_are_skipped(initiative):
    initiative.member_joined("a-1", "citizen", ["p-404", "p-1"], "e-1", now=NOW)
    assert initiative.actors["a-1"]["platform_ids"] == ["p-1"]


def test_leaving_a_platform_keeps_the_actor_on_the_joint_platform(initiative):
    initiative.member_joined("a-1", "business", ["p-1", "p-2"], "e-1", now=NOW)
    assert initiative.member_left("a-1", ["p-1"], "e-2", now=NOW, scope="platform")
    assert not initiative.member_left("a-1", ["p-1"], "e-2", now=NOW, scope="platform")
    assert "a-1" not in initiative.platforms["p-1"].members
    assert "a-1" in initiative.platforms["p-2"].members
    assert initiative.actors["a-1"]["platform_ids"] == ["p-2"]


def test_leaving_the_initiative_leaves_every_platform(initiative):
    initiative.member_joined("a-1", "business", ["p-1", "p-2"], "e-1", now=NOW)
    initiative.member_left("a-1", ["p-1"], "e-2", now=NOW, scope="initiative")
    assert "a-1" not in initiative.actors
    assert all("a-1" not in p.members for p in initiative.platforms.values())


def test_no_platform_ids_and_no_scope_means_the_whole_initiative(initiative):
    initiative.member_joined("a-1", "business", ["p-1"], "e-1", now=NOW)
    initiative.member_left("a-1", [], "e-2", now=NOW)
    assert initiative.actors == {}


def test_applied_event_ids_survive_the_document_round_trip(initiative):
    initiative.member_joined("a-1", "business", ["p-1"], "e-1", now=NOW)
    again = Initiative.from_document(initiative.to_document())
    assert not again.member_joined("a-1", "business", ["p-1"], "e-1", now=NOW)


def test_a_join_that_arrives_after_the_following_leave_leaves_no_member(initiative):
    """The join went to the retry queue on a version conflict; the leave overtook it."""
    assert initiative.member_left("a-1", ["p-1"], "e-2", now=NOW, scope="initiative", seq=2)
    assert not initiative.member_joined("a-1", "business", ["p-1"], "e-1", now=NOW, name="XL-Byg",
                                        scope="initiative", seq=1)
    assert initiative.actors == {} and initiative.platforms["p-1"].members == {}
    assert "XL-Byg" not in str(initiative.to_document())


def test_a_late_join_of_an_erased_actor_brings_back_neither_member_nor_name(initiative):
    initiative.member_left("a-1", [], "e-9", now=NOW, scope="initiative", seq=9, reason_code="erased")
    again = Initiative.from_document(initiative.to_document())
    assert not again.member_joined("a-1", "business", [], "e-1", now="2030-01-01T00:00:00Z",
                                   name="XL-Byg", scope="initiative", seq=1)
    assert again.actors == {} and "XL-Byg" not in str(again.to_document())


def test_version_1_events_without_a_number_are_ordered_by_their_time(initiative):
    initiative.member_left("a-1", [], "e-2", now="2025-01-01T10:00:01Z", scope="initiative")
    initiative.member_joined("a-1", "business", [], "e-1", now="2025-01-01T10:00:00Z", name="XL-Byg")
    assert initiative.actors == {}


def test_the_ledger_is_kept_but_not_shown(initiative):
    initiative.member_joined("a-1", "business", ["p-1"], "e-1", now=NOW, seq=1)
    doc = initiative.to_document()
    assert "a-1" in doc["_member_ledger"] and "member_ledger" not in doc
