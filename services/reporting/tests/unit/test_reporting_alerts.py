"""InfluenceImbalanceDetected: raised once per upward crossing of the Gini threshold."""
from __future__ import annotations

import pytest
from reporting_samples import activity, created, joined, left

from reporting.domain.projections.alerts import step
from samskab_contracts.events.reporting import InfluenceImbalanceDetected
from samskab_infra.envelope import Envelope

pytestmark = pytest.mark.unit

ACTORS = ["a1", "a2", "a3", "a4", "a5"]


def feed(model: dict | None, envelopes: list[dict]) -> tuple[dict, list]:
    raised = []
    for env in envelopes:
        model, events = step(model, env)
        raised += events
    return model, raised


def five_members() -> list[dict]:
    return [created()] + [joined(a, "association" if a != "a1" else "municipality",
                                 f"2017-01-0{i + 1}T00:00:00Z") for i, a in enumerate(ACTORS)]


def dominated(n: int, start: int = 0) -> list[dict]:
    """n activities only actor a1 attends."""
    return [activity(f"solo-{start + i}", {"a1": 3}) for i in range(n)]


def test_raised_once_when_gini_crosses_and_not_on_every_event() -> None:
    model, raised = feed(None, five_members())
    assert raised == []
    model, raised = feed(model, dominated(1))  # a1: 1, others 0 -> Gini 0.8
    assert len(raised) == 1
    event = raised[0]
    assert isinstance(event, InfluenceImbalanceDetected)
    assert event.data["gini"] == pytest.approx(0.8) and event.data["actor_count"] == 5
    assert event.data["by_kind"]["municipality"] == {"participation": 1, "share": 1.0}
    InfluenceImbalanceDetected(**event.data)  # valid against its own contract
    Envelope.wrap(event, producer="reporting", district=event.data["district"])
    model, raised = feed(model, dominated(3, start=1))
    assert raised == []


def test_raised_again_only_after_falling_below_and_rising_again() -> None:
    model, raised = feed(None, five_members() + dominated(1))
    assert len(raised) == 1
    everyone = activity("all-1", {a: 1 for a in ACTORS})
    model, raised = feed(model, [everyone, activity("all-2", {a: 1 for a in ACTORS})])
    assert model["influence"]["imbalanced"] is False and raised == []
    model, raised = feed(model, dominated(40, start=10))  # a1 42 vs 2 each -> Gini 0.67
    assert len(raised) == 1


def test_duplicate_never_raises_and_fewer_than_five_actors_never_raise() -> None:
    members = five_members()[:4]  # created + 3 actors
    model, raised = feed(None, members + dominated(3))
    assert raised == [] and model["influence"]["gini"] > 0.6
    model, _ = feed(model, [joined("a4"), joined("a5")])
    crossing = activity("solo-x", {"a1": 1})
    model, raised = feed(model, [crossing])
    again, raised_again = step(model, crossing)
    assert again is model and raised_again == []


def test_actors_that_left_do_not_count() -> None:
    model, _ = feed(None, five_members() + dominated(1))
    model, _ = feed(model, [left("a1", "municipality", "2019-01-01T00:00:00Z")])
    assert model["influence"]["actor_count"] == 4
    assert model["influence"]["imbalanced"] is False
