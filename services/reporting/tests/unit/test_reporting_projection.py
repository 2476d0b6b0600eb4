"""The per-initiative projection: facts in, read model out, whatever the delivery order."""
from __future__ import annotations

import pytest
from reporting_samples import (
    INITIATIVE,
    PLATFORM,
    advanced,
    created,
    envelope,
    hjoerring_story,
    joined,
    left,
    progress,
)

from reporting.domain.projections import initiative

pytestmark = pytest.mark.unit


def run(envelopes: list[dict]) -> dict:
    model = None
    for env in envelopes:
        model = initiative.apply(model, env)
    return model


def test_the_whole_story_gives_phase_goals_results_and_status() -> None:
    model = run(hjoerring_story())
    assert model["title"] == "Hjørring – Fri for Indbrud"
    assert model["district"] == "nordjylland"
    assert model["phase"] == "closing"
    assert [h["phase"] for h in model["phase_history"]] == [
        "start_up", "mapping", "analysis", "actor_involvement", "establishment",
        "co_creative_development", "closing"]
    assert model["phase_days"]["start_up"] == pytest.approx(30.0)
    assert model["phase_days"]["closing"] == pytest.approx(28.08, abs=0.01)
    assert model["status"] == "network"
    assert model["network"]["name"] == "Det Gode Naboskab"
    goal = model["goal_status"][next(iter(model["goal_status"]))]
    assert goal["target_value"] == 80.0  # the adjustment (later in time) wins over GoalSet
    assert goal["latest"]["value"] == 70.0 and goal["reached"] is True
    assert goal["trend"] == "improving"  # 300 -> 70 with direction "down"
    assert goal["progress_pct"] == pytest.approx(102.9)
    assert model["platform_status"][PLATFORM]["goals_reached"] is True
    assert model["counts"]["results"] == 1 and model["counts"]["ripple_effects"] == 1
    assert model["actors"]["active_by_kind"] == {"business": 1, "citizen": 1, "municipality": 1}


def test_duplicate_event_is_a_no_op() -> None:
    first = created()
    model = initiative.apply(None, first)
    again = initiative.apply(model, first)
    assert again is model
    moved = advanced("mapping", "2015-10-01T08:00:00Z")
    model = initiative.apply(model, moved)
    assert initiative.apply(model, moved) == model
    assert len(model["phase_history"]) == 2


def test_latest_measurement_is_decided_by_its_date_not_by_arrival() -> None:
    newer = progress(70.0, "2022-12-31", "2023-01-15T10:00:00Z")
    older = progress(300.0, "2017-12-31", "2018-01-10T08:00:00Z")
    model = run([created(), envelope("GoalSet"), newer, older])
    goal = model["goal_status"][next(iter(model["goal_status"]))]
    assert goal["latest"] == {"date": "2022-12-31", "value": 70.0, "level": None,
                              "assessment": None}
    assert [p["value"] for p in goal["series"]] == [300.0, 70.0]


def test_current_phase_is_decided_by_time_not_by_arrival() -> None:
    model = run([advanced("analysis", "2016-01-01T08:00:00Z"),
                 advanced("mapping", "2015-10-01T08:00:00Z"),
                 created(at="2015-09-01T08:00:00Z")])
    assert model["phase"] == "analysis"
    assert model["phase_days"] == {"start_up": pytest.approx(30.0),
                                   "mapping": pytest.approx(92.0)}
    assert model["title"] == "Hjørring – Fri for Indbrud"  # created arrived last, still applied


def test_unknown_event_types_and_unknown_fields_are_ignored() -> None:
    model = initiative.apply(None, created())
    strange = {"event_id": "x-1", "type": "SomethingNew", "version": 3,
               "occurred_at": "2020-01-01T00:00:00Z", "data": {"initiative_id": INITIATIVE}}
    assert initiative.apply(model, strange) is model
    extra = created(event_id="x-2")
    extra["data"] = {**extra["data"], "future_field": {"nested": [1, 2]}}
    assert initiative.apply(model, extra)["title"] == "Hjørring – Fri for Indbrud"
    sparse = {"event_id": "x-3", "type": "GoalProgressRecorded", "data": {}}
    assert initiative.apply(model, sparse)["goal_status"] == {}


def test_actors_by_kind_over_time_and_leaving() -> None:
    model = run([created(),
                 joined("a1", "business", "2017-01-05T00:00:00Z"),
                 joined("a2", "association", "2017-02-05T00:00:00Z"),
                 left("a1", "business", "2017-03-05T00:00:00Z"),
                 joined("a3", "citizen", "2017-03-06T00:00:00Z")])
    actors = model["actors"]
    assert actors["active_by_kind"] == {"association": 1, "citizen": 1}
    assert actors["left_by_kind"] == {"business": 1}
    months = {m["month"]: m for m in actors["by_month"]}
    assert months["2017-03"]["by_kind"]["business"] == {"joined": 0, "left": 1}
    assert months["2017-03"]["active_by_kind"] == {"association": 1, "business": 0, "citizen": 1}


def test_leaving_a_platform_keeps_the_actor_in_the_joint_platform() -> None:
    model = run([created(),
                 joined("a1", at="2017-01-05T00:00:00Z", platform_ids=[PLATFORM]),
                 left("a1", at="2017-03-05T00:00:00Z", scope="platform",
                      platform_ids=[PLATFORM])])
    assert model["actors"]["active_by_kind"] == {"business": 1}
    assert model["actors"]["per_platform"] == {}


def test_left_before_joined_arrives_still_ends_as_left() -> None:
    model = run([created(), left("a1", at="2018-01-01T00:00:00Z"),
                 joined("a1", at="2017-01-01T00:00:00Z")])
    assert model["actors"]["active_total"] == 0
    assert model["actors"]["left_by_kind"] == {"business": 1}


def test_within_one_instant_the_membership_number_decides_not_the_event_id() -> None:
    same = "2018-01-01T00:00:00Z"
    model = run([created(),
                 left("a1", at=same, membership_seq=2, event_id="00000000-0000-0000-0000-00000000000a"),
                 joined("a1", at=same, membership_seq=1, event_id="00000000-0000-0000-0000-00000000000b")])
    assert model["actors"]["active_total"] == 0


def test_a_join_stamped_after_the_erasure_leave_by_a_skewed_clock_does_not_revive_the_actor() -> None:
    model = run([created(),
                 left("a1", at="2018-01-01T00:00:00Z", membership_seq=2, reason_code="erased"),
                 joined("a1", at="2018-01-01T00:00:05Z", membership_seq=1)])
    assert model["actors"]["active_total"] == 0


def test_obstacles_come_from_low_reality_checks_and_goal_adjustments() -> None:
    model = run(hjoerring_story())
    texts = [(o["source"], o["text"]) for o in model["obstacles"]]
    assert ("reality_check", "For få ressourcer hos aktørerne.") in texts
    assert ("goal_adjustment", "Nabohjælp er udbredt hurtigere end ventet.") in texts
    good = envelope("RealityCheckRecorded", reality_check_id="rc-ok", average_score=4.0,
                    scores={"collaboration": 4}, notes="Alt kører.")
    assert all(o["text"] != "Alt kører." for o in initiative.apply(model, good)["obstacles"])


def test_applied_event_ids_are_bounded() -> None:
    model = initiative.apply(None, created())
    for i in range(initiative.APPLIED_KEEP + 5):
        model = initiative.apply(model, envelope("ActivityHeld", activity_id=f"a{i}"))
    assert len(model["_applied"]) == initiative.APPLIED_KEEP
    assert model["counts"]["activities"] == initiative.APPLIED_KEEP + 5
