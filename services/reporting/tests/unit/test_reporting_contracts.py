"""Against the real contracts: every producer event is read or knowingly ignored, every
example projects without error, and the actor directory keeps citizens and erasures unnamed."""
from __future__ import annotations

import pytest
from reporting_samples import GOAL, created, envelope, joined

from reporting.domain.projections import directory, initiative, state
from samskab_infra.event_types import REGISTRY

pytestmark = pytest.mark.unit

PRODUCERS = ("initiatives", "actors")


def test_every_event_type_of_the_producers_is_read_or_knowingly_ignored() -> None:
    for name, cls in REGISTRY.items():
        if cls.producer in PRODUCERS:
            read = initiative.handles(name) or directory.handles(name)
            assert read or name in state.IGNORED, f"{name}: new event type, decide what to read"


@pytest.mark.parametrize("name", sorted(n for n, c in REGISTRY.items() if c.producer in PRODUCERS))
def test_each_contract_example_projects(name: str) -> None:
    built = state.rebuild([created(), envelope(name)])
    assert state.INITIATIVES in built
    if "initiative_id" in REGISTRY[name].example:
        model = built[state.INITIATIVES][REGISTRY[name].example["initiative_id"]]
        assert model["district"] == "nordjylland"


def test_qualitative_goal_is_judged_on_the_1_to_5_scale() -> None:
    qualitative = {**REGISTRY["GoalSet"].example["goal"], "goal_type": "qualitative",
                   "indicator": None, "unit": None, "baseline_value": None,
                   "target_value": None, "direction": None, "target_level": 4}
    stream = [created(), envelope("GoalSet", goal=qualitative)]
    for level, day in ((2, "2019-01-01"), (4, "2020-01-01")):
        stream.append(envelope("GoalProgressRecorded", goal_type="qualitative", value=None,
                               level=level, date=day, assessment="Bedre samarbejde",
                               indicator=None, unit=None, baseline_value=None,
                               target_value=None, target_level=4, direction=None, met=level >= 4))
    goal = state.rebuild(stream)[state.INITIATIVES][created()["data"]["initiative_id"]][
        "goal_status"][GOAL]
    assert goal["reached"] is True and goal["trend"] == "improving"
    assert goal["progress_pct"] == 100.0


def test_goal_adjustment_arriving_before_the_goal_still_wins_by_time() -> None:
    adjusted = envelope("GoalAdjusted", at="2019-01-01T00:00:00Z")
    goal_set = envelope("GoalSet", at="2018-01-01T00:00:00Z")
    model = initiative.apply_many(None, [created(), adjusted, goal_set])
    assert model["goal_status"][GOAL]["target_value"] == 80.0


def test_directory_never_names_citizens_and_erasure_is_sticky() -> None:
    citizen = joined("cit-9", "citizen")
    entry = directory.apply(None, citizen)
    assert entry["kind"] == "citizen" and entry["name"] is None
    org = envelope("ActorRegistered", actor_id="org-9", at="2020-01-01T00:00:00Z")
    erased = envelope("ActorErased", actor_id="org-9", actor_kind="municipality",
                      at="2021-01-01T00:00:00Z")
    late_update = envelope("ActorUpdated", actor_id="org-9", at="2022-01-01T00:00:00Z")
    entry = None
    for env in (org, erased, late_update):
        entry = directory.apply(entry, env)
    assert entry["erased"] is True and entry["name"] is None and entry["department"] is None
    assert directory.apply(entry, erased) is entry  # duplicate


def test_reporting_contract_example_is_valid() -> None:
    from samskab_contracts.events.reporting import InfluenceImbalanceDetected

    event = InfluenceImbalanceDetected(**InfluenceImbalanceDetected.example)
    assert event.producer == "reporting" and event.description
