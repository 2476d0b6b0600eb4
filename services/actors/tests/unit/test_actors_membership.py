"""Joining and leaving the joint platform and development platforms."""
from __future__ import annotations

import pytest
from actors_samples import INITIATIVE, NOW, PLATFORM, PLATFORM_2, citizen, organisation

from actors import handlers
from actors.domain import membership_id
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import Context
from samskab_infra.errors import Conflict, DomainRuleViolation, NotFound, ValidationFailed

pytestmark = pytest.mark.unit

LATER = Context(correlation_id="corr-later", now="2025-01-15T08:30:00Z")


@pytest.fixture
def business(register) -> dict:
    return register(organisation())


def join(stores, ctx, actor_id, **extra) -> dict:
    return handlers.join_initiative(stores, {"initiative_id": INITIATIVE, "actor_id": actor_id, **extra}, ctx)


def test_joining_records_what_the_actor_brings_and_expects(stores, ctx, known_initiative, business):
    view = join(stores, ctx, business["actor_id"], role="member",
                contributions=["Gratis låsetjek for nabohjælp-husstande"],
                interests={"categories": ["turnover", "safety"], "free_text": "Flere kunder"},
                platform_ids=[PLATFORM])
    assert view["active"] is True
    assert view["membership_id"] == f"{INITIATIVE}:{business['actor_id']}"
    assert view["contributions"] == ["Gratis låsetjek for nabohjælp-husstande"]
    assert view["interests"] == {"categories": ["turnover", "safety"], "free_text": "Flere kunder"}
    assert view["periods"] == [{"joined_at": NOW, "left_at": None, "leave_reason": None,
                                "leave_reason_code": None}]
    assert [p["platform_id"] for p in view["platforms"]] == [PLATFORM]
    [event] = stores["memberships"].published
    assert event.type == "ActorJoined" and event.district == "nordjylland"
    assert event.data == {
        "actor_id": business["actor_id"], "actor_kind": "business", "district": "nordjylland",
        "initiative_id": INITIATIVE, "scope": "initiative", "platform_ids": [PLATFORM],
        "role": "member", "name": "KN Låseteknik", "department": None,
        "interests": ["turnover", "safety"], "membership_seq": 1, "at": NOW,
    }


def test_a_citizen_joins_unnamed(stores, ctx, known_initiative, register):
    person = register(citizen())
    join(stores, ctx, person["actor_id"])
    [event] = stores["memberships"].events_of_type("ActorJoined")
    assert event.data["actor_kind"] == "citizen" and event.data["name"] is None


def test_joining_a_platform_after_the_initiative(stores, ctx, known_initiative, business):
    join(stores, ctx, business["actor_id"])
    view = handlers.join_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM_2,
                                           "actor_id": business["actor_id"], "role": "platform_lead"},
                                  ctx)
    assert view["platforms"] == [{"platform_id": PLATFORM_2, "role": "platform_lead", "periods": [
        {"joined_at": NOW, "left_at": None, "leave_reason": None, "leave_reason_code": None}]}]
    event = stores["memberships"].events_of_type("ActorJoined")[-1]
    assert event.data["scope"] == "platform" and event.data["platform_ids"] == [PLATFORM_2]
    assert event.data["role"] == "platform_lead"


def test_a_platform_needs_the_initiative_first(stores, ctx, known_initiative, business):
    with pytest.raises(DomainRuleViolation) as err:
        handlers.join_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                        "actor_id": business["actor_id"]}, ctx)
    assert err.value.code == "membership.not_in_initiative"
    assert stores["memberships"].documents == {}


def test_unknown_initiative_platform_or_actor_is_refused(stores, ctx, known_initiative, business):
    with pytest.raises(NotFound) as err:
        handlers.join_initiative(stores, {"initiative_id": "nope", "actor_id": business["actor_id"]}, ctx)
    assert err.value.code == "initiative.unknown"
    with pytest.raises(NotFound) as err:
        join(stores, ctx, business["actor_id"], platform_ids=["no-such-platform"])
    assert err.value.code == "platform.unknown"
    with pytest.raises(NotFound) as err:
        join(stores, ctx, "nobody")
    assert err.value.code == "actor.unknown"
    join(stores, ctx, business["actor_id"])
    with pytest.raises(NotFound) as err:
        handlers.join_platform(stores, {"initiative_id": INITIATIVE, "platform_id": "other",
                                        "actor_id": business["actor_id"]}, ctx)
    assert err.value.code == "platform.unknown"
    assert len(stores["memberships"].published) == 1


def test_a_closed_initiative_takes_no_new_members(stores, ctx, known_initiative, business):
    closed = {"initiative_id": INITIATIVE, "district": "nordjylland"}
    handlers.apply_initiative_closed(stores["initiatives"], closed, "ev-closed", ctx)
    with pytest.raises(DomainRuleViolation) as err:
        join(stores, ctx, business["actor_id"])
    assert err.value.code == "initiative.closed"
    assert stores["memberships"].documents == {}


def test_joining_twice_is_a_conflict_and_changes_nothing(stores, ctx, known_initiative, business):
    join(stores, ctx, business["actor_id"], platform_ids=[PLATFORM])
    with pytest.raises(Conflict) as err:
        join(stores, ctx, business["actor_id"])
    assert err.value.code == "membership.already_member"
    with pytest.raises(Conflict) as err:
        handlers.join_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                        "actor_id": business["actor_id"]}, ctx)
    assert err.value.code == "membership.already_on_platform"
    assert len(stores["memberships"].published) == 1
    assert stores["memberships"].get(membership_id(INITIATIVE, business["actor_id"]))["version"] == 1


def test_leaving_a_platform_keeps_the_initiative_membership(stores, ctx, known_initiative, business):
    join(stores, ctx, business["actor_id"], platform_ids=[PLATFORM, PLATFORM_2])
    view = handlers.leave_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                            "actor_id": business["actor_id"], "reason": "Travlt",
                                            "reason_code": "lack_of_resources"}, LATER)
    assert view["active"] is True
    left = next(p for p in view["platforms"] if p["platform_id"] == PLATFORM)
    assert left["periods"][-1]["left_at"] == "2025-01-15T08:30:00Z"
    assert left["periods"][-1]["leave_reason"] == "Travlt"
    [event] = stores["memberships"].events_of_type("ActorLeft")
    assert event.data["scope"] == "platform" and event.data["platform_ids"] == [PLATFORM]
    assert event.data["reason_code"] == "lack_of_resources"
    assert "Travlt" not in repr(event.data)


def test_leaving_the_initiative_leaves_every_open_platform(stores, ctx, known_initiative, business):
    join(stores, ctx, business["actor_id"], platform_ids=[PLATFORM, PLATFORM_2])
    handlers.leave_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                     "actor_id": business["actor_id"]}, ctx)
    view = handlers.leave_initiative(stores, {"initiative_id": INITIATIVE,
                                              "actor_id": business["actor_id"]}, LATER)
    assert view["active"] is False
    assert all(p["periods"][-1]["left_at"] for p in view["platforms"])
    event = stores["memberships"].events_of_type("ActorLeft")[-1]
    assert event.data["scope"] == "initiative" and event.data["platform_ids"] == [PLATFORM_2]
    assert event.data["reason_code"] is None and event.data["at"] == "2025-01-15T08:30:00Z"


def test_leaving_when_not_a_member_is_a_clear_error(stores, ctx, known_initiative, business):
    leave = {"initiative_id": INITIATIVE, "actor_id": business["actor_id"]}
    with pytest.raises(DomainRuleViolation) as err:
        handlers.leave_initiative(stores, leave, ctx)
    assert err.value.code == "membership.not_a_member"
    join(stores, ctx, business["actor_id"])
    with pytest.raises(DomainRuleViolation) as err:
        handlers.leave_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                         "actor_id": business["actor_id"]}, ctx)
    assert err.value.code == "membership.not_on_platform"
    handlers.leave_initiative(stores, leave, ctx)
    with pytest.raises(DomainRuleViolation):
        handlers.leave_initiative(stores, leave, ctx)
    assert len(stores["memberships"].events_of_type("ActorLeft")) == 1


def test_the_erased_reason_code_is_reserved(stores, ctx, known_initiative, business):
    join(stores, ctx, business["actor_id"])
    with pytest.raises(ValidationFailed) as err:
        handlers.leave_initiative(stores, {"initiative_id": INITIATIVE, "actor_id": business["actor_id"],
                                           "reason_code": "erased"}, ctx)
    assert "reason_code" in err.value.details


def test_rejoining_opens_a_new_period_and_keeps_the_history(stores, ctx, known_initiative, business):
    join(stores, ctx, business["actor_id"], platform_ids=[PLATFORM])
    handlers.leave_initiative(stores, {"initiative_id": INITIATIVE, "actor_id": business["actor_id"]}, ctx)
    view = join(stores, LATER, business["actor_id"], platform_ids=[PLATFORM], role="observer")
    assert [p["left_at"] is None for p in view["periods"]] == [False, True]
    assert [p["left_at"] is None for p in view["platforms"][0]["periods"]] == [False, True]
    assert view["role"] == "observer"
    assert [e.type for e in stores["memberships"].published] == ["ActorJoined", "ActorLeft", "ActorJoined"]


def test_membership_events_are_numbered_per_initiative_and_actor_the_erasure_leave_too(
        stores, ctx, known_initiative, business, register):
    """Consumers put late events back in order by membership_seq (samskab_contracts.member_ledger)."""
    other = register(citizen())
    join(stores, ctx, business["actor_id"], platform_ids=[PLATFORM])
    join(stores, ctx, other["actor_id"])
    handlers.join_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM_2,
                                    "actor_id": business["actor_id"], "role": "member"}, ctx)
    handlers.leave_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                     "actor_id": business["actor_id"]}, ctx)
    handlers.erase_actor(stores, {"actor_id": business["actor_id"]}, LATER)
    events = [(e.type, e.data["actor_id"], e.data["membership_seq"], e.data.get("reason_code"))
              for e in stores["memberships"].published]
    assert events == [("ActorJoined", business["actor_id"], 1, None),
                      ("ActorJoined", other["actor_id"], 1, None),
                      ("ActorJoined", business["actor_id"], 2, None),
                      ("ActorLeft", business["actor_id"], 3, None),
                      ("ActorLeft", business["actor_id"], 4, "erased")]
    assert all(e.version == 2 for e in stores["memberships"].published)


def test_memberships_of_an_actor_are_listed(stores, ctx, known_initiative, business):
    handlers.apply_initiative_created(stores["initiatives"],
                                      {"initiative_id": "other-initiative", "district": "fyn"}, "ev-x", ctx)
    join(stores, ctx, business["actor_id"])
    handlers.join_initiative(stores, {"initiative_id": "other-initiative",
                                      "actor_id": business["actor_id"]}, ctx)
    listed = handlers.list_memberships_of_actor(stores, {"actor_id": business["actor_id"]}, ctx)
    listed_ids = sorted(m["initiative_id"] for m in listed["memberships"])
    assert listed_ids == sorted([INITIATIVE, "other-initiative"])
    other = stores["memberships"].events_of_type("ActorJoined")[-1]
    assert other.district == "fyn" and other.data["district"] == "fyn"


class RacingStore(InMemoryAggregateStore):
    """Lets a competing command write just before this one's write lands."""

    def __init__(self) -> None:
        super().__init__()
        self.race = None

    def _run_race(self) -> None:
        race, self.race = self.race, None
        if race is not None:
            race()

    def create(self, aggregate_id, state, events, command=None):
        self._run_race()
        return super().create(aggregate_id, state, events, command)

    def update(self, aggregate_id, state, expected_version, events, command=None):
        self._run_race()
        return super().update(aggregate_id, state, expected_version, events, command)


def test_concurrent_identical_joins_make_one_membership(stores, ctx, known_initiative, business):
    stores["memberships"] = RacingStore()
    stores["memberships"].race = lambda: join(stores, ctx, business["actor_id"], platform_ids=[PLATFORM])
    with pytest.raises(Conflict) as err:
        join(stores, ctx, business["actor_id"], platform_ids=[PLATFORM])
    assert err.value.code == "membership.already_member"
    assert len(stores["memberships"].documents) == 1
    assert len(stores["memberships"].events_of_type("ActorJoined")) == 1


def test_concurrent_joins_of_one_platform_make_one_platform_membership(stores, ctx, known_initiative,
                                                                       business):
    join(stores, ctx, business["actor_id"])
    racing = RacingStore()
    racing.documents = stores["memberships"].documents
    stores["memberships"] = racing
    payload = {"initiative_id": INITIATIVE, "platform_id": PLATFORM, "actor_id": business["actor_id"]}
    racing.race = lambda: handlers.join_platform(stores, payload, ctx)
    with pytest.raises(Conflict) as err:
        handlers.join_platform(stores, payload, ctx)
    assert err.value.code == "membership.already_on_platform"
    doc = racing.get(membership_id(INITIATIVE, business["actor_id"]))
    assert len(doc["platforms"]) == 1 and len(doc["platforms"][0]["periods"]) == 1


def test_concurrent_joins_of_different_platforms_both_succeed(stores, ctx, known_initiative, business):
    join(stores, ctx, business["actor_id"])
    racing = RacingStore()
    racing.documents = stores["memberships"].documents
    stores["memberships"] = racing
    other = {"initiative_id": INITIATIVE, "platform_id": PLATFORM_2, "actor_id": business["actor_id"]}
    racing.race = lambda: handlers.join_platform(stores, other, ctx)
    view = handlers.join_platform(stores, {"initiative_id": INITIATIVE, "platform_id": PLATFORM,
                                           "actor_id": business["actor_id"]}, ctx)
    assert sorted(p["platform_id"] for p in view["platforms"]) == sorted([PLATFORM, PLATFORM_2])
    assert len(racing.events_of_type("ActorJoined")) == 2


def test_a_repeated_registration_and_join_are_answered_from_the_record(stores, known_initiative):
    keyed = Context(correlation_id="corr-9", now=NOW, command_id="cmd-register")
    registered = handlers.register_actor(stores, organisation(), keyed)
    assert handlers.register_actor(stores, organisation(), keyed)["actor_id"] == registered["actor_id"]
    assert len(stores["actors"].events_of_type("ActorRegistered")) == 1

    joining = Context(correlation_id="corr-10", now=NOW, command_id="cmd-join")
    first = join(stores, joining, registered["actor_id"])
    again = join(stores, joining, registered["actor_id"])
    assert again == first
    assert len(stores["memberships"].events_of_type("ActorJoined")) == 1
    with pytest.raises(Conflict):
        join(stores, Context(correlation_id="corr-11", now=NOW, command_id="cmd-other"),
             registered["actor_id"])
