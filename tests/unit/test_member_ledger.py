"""The membership ledger: any arrival order of a membership history ends in the state
of its last event.

Histories come from the actors service's own Membership aggregate, so the events are
exactly what the producer emits (including the leave an erasure emits)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actors.domain.membership import Membership
from samskab_contracts.member_ledger import MembershipFact, agrees, apply, erase, is_member, platforms
from samskab_infra.errors import Conflict, DomainRuleViolation

pytestmark = pytest.mark.unit

PLATFORMS = ("p1", "p2", "p3")
START = datetime(2025, 1, 1, tzinfo=UTC)
FACTS = {"name": "KN Låseteknik", "department": None}

step = st.one_of(
    st.tuples(st.just("join"), st.lists(st.sampled_from(PLATFORMS), max_size=2, unique=True)),
    st.tuples(st.just("join_platform"), st.sampled_from(PLATFORMS)),
    st.tuples(st.just("leave_platform"), st.sampled_from(PLATFORMS)),
    st.tuples(st.just("leave"), st.none()),
)


def history(steps: list[tuple], erased: bool) -> tuple[list[tuple[str, dict]], Membership]:
    """Run the steps the domain accepts; ``at`` one second apart, so version-1 ordering by
    time is as faithful as the sequence number."""
    membership = Membership.new("i1", "nordjylland", "a1", "business")
    for n, (kind, arg) in enumerate(steps):
        now = (START + timedelta(seconds=n)).isoformat().replace("+00:00", "Z")
        try:
            if kind == "join":
                membership.join_initiative(role="member", contributions=[], interests={},
                                           platform_ids=arg, actor_facts=FACTS, now=now)
            elif kind == "join_platform":
                membership.join_platform(platform_id=arg, role="member", actor_facts=FACTS, now=now)
            elif kind == "leave_platform":
                membership.leave_platform(platform_id=arg, reason=None, reason_code=None, now=now)
            else:
                membership.leave_initiative(reason=None, reason_code=None, now=now)
        except (Conflict, DomainRuleViolation):
            continue
    if erased and membership.active:
        now = (START + timedelta(seconds=len(steps))).isoformat().replace("+00:00", "Z")
        membership.leave_initiative(reason=None, reason_code="erased", now=now)
    return [(e.type_name(), dict(e.data)) for e in membership.pending_events], membership


def fold(events: list[tuple[str, dict]]) -> dict | None:
    entry = None
    for event_type, data in events:
        entry = apply(entry, MembershipFact.from_event(event_type, data)).entry
    return entry


def without_seq(events: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    return [(t, {k: v for k, v in d.items() if k != "membership_seq"}) for t, d in events]


def truth(membership: Membership) -> tuple[bool, list[str]]:
    return membership.active, sorted(membership.active_platform_ids())


@settings(max_examples=300, deadline=None)
@given(steps=st.lists(step, max_size=14), erased=st.booleans(), data=st.data(),
       version_1=st.booleans())
def test_any_arrival_order_with_redeliveries_ends_in_the_state_of_the_last_event(
        steps, erased, data, version_1):
    events, membership = history(steps, erased)
    if version_1:
        events = without_seq(events)
    redelivered = data.draw(st.lists(st.sampled_from(events), max_size=4)) if events else []
    arrived = data.draw(st.permutations(events + redelivered))
    for entry in (fold(events), fold(arrived)):
        assert (is_member(entry), sorted(platforms(entry))) == truth(membership)


def test_a_late_join_does_not_bring_back_a_member_who_left():
    events, membership = history([("join", ["p1"]), ("leave", None)], erased=False)
    joined, left = events
    entry = fold([left, joined])
    assert not is_member(entry) and platforms(entry) == [] and not membership.active
    assert apply(fold([left]), MembershipFact.from_event(*joined)).applied is False


def test_an_erased_actor_never_comes_back_whatever_the_numbers_say():
    events, _ = history([("join", []), ("leave", None), ("join", ["p2"])], erased=True)
    entry = fold([events[-1]])
    rejoin = ("ActorJoined", {**events[2][1], "membership_seq": 99, "at": "2030-01-01T00:00:00Z"})
    assert apply(entry, MembershipFact.from_event(*rejoin)).applied is False
    assert not is_member(fold([*events[-1:], *events]))


def test_actor_erased_is_a_tombstone_before_any_membership_event():
    events, _ = history([("join", ["p1"])], erased=False)
    entry = erase(None)
    assert apply(entry, MembershipFact.from_event(*events[0])).applied is False
    assert not is_member(entry)


def test_a_platform_joined_before_the_initiative_was_left_does_not_count_while_its_leave_is_late():
    events, _ = history([("join", ["p1"]), ("leave_platform", "p1"), ("leave", None)], erased=False)
    joined, _, left = events
    entry = fold([left, joined])
    assert not is_member(entry) and platforms(entry) == []


def test_a_leave_wins_a_tie_of_version_1_times():
    at = "2025-01-01T00:00:00Z"
    joined = MembershipFact.from_event("ActorJoined", {"scope": "initiative", "platform_ids": [], "at": at})
    left = MembershipFact.from_event("ActorLeft", {"scope": "initiative", "platform_ids": [], "at": at})
    assert not is_member(apply(apply(None, joined).entry, left).entry)
    assert not is_member(apply(apply(None, left).entry, joined).entry)


def test_times_in_either_utc_spelling_compare_as_instants():
    joined = MembershipFact.from_event("ActorJoined", {"scope": "initiative", "platform_ids": [],
                                                       "at": "2025-01-01T10:00:00.000000+00:00"})
    left = MembershipFact.from_event("ActorLeft", {"scope": "initiative", "platform_ids": [],
                                                   "at": "2025-01-01T10:00:01Z"})
    assert not is_member(apply(apply(None, left).entry, joined).entry)
    naive = MembershipFact.from_event("ActorJoined", {"scope": "initiative", "platform_ids": [],
                                                      "at": "2025-01-01T10:00:00"})
    assert not is_member(apply(apply(None, left).entry, naive).entry)


def test_only_membership_events_are_facts():
    with pytest.raises(ValueError):
        MembershipFact.from_event("ActorErased", {})


def test_only_events_that_agree_with_the_ledger_are_news():
    events, _ = history([("join", ["p1"]), ("leave_platform", "p1"), ("leave", None), ("join", [])],
                        erased=False)
    joined, left_platform, left, rejoined = (MembershipFact.from_event(*e) for e in events)
    entry = fold(events)
    assert agrees(entry, rejoined) and agrees(entry, left_platform)
    assert not agrees(entry, joined) and not agrees(entry, left)
