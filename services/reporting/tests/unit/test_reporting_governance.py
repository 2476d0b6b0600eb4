"""Governance and resources in the read model: proposals feed the influence monitor per
actor, and the counts say how much funding and time there is, how big the steering and core
groups are and whether the initiative is anchored (no names are kept)."""
from __future__ import annotations

import json

import pytest
from reporting_samples import created, envelope, joined

from reporting.domain.projections.alerts import step

pytestmark = pytest.mark.unit

ACTORS = ["a1", "a2", "a3", "a4", "a5"]


def feed(envelopes: list[dict]) -> tuple[dict, list]:
    model, raised = None, []
    for env in envelopes:
        model, events = step(model, env)
        raised += events
    return model, raised


def members() -> list[dict]:
    return [created()] + [joined(a, "association", f"2017-01-0{i + 1}T00:00:00Z")
                          for i, a in enumerate(ACTORS)]


def proposal(n: int, actor_id: str, adopted: bool = False) -> dict:
    return envelope("ProposalRecorded", proposal_id=f"pr-{n}", actor_id=actor_id,
                    activity_id=None, platform_id=None, adopted=adopted)


def test_proposals_are_counted_per_actor_and_tip_the_influence_monitor() -> None:
    model, raised = feed(members() + [proposal(1, "a1", adopted=True), proposal(2, "a1")])
    assert model["participation"]["a1"]["proposals"] == 2
    assert model["participation"]["a2"]["proposals"] == 0
    assert model["counts"]["proposals"] == 2 and model["counts"]["proposals_adopted"] == 1
    assert [e.type_name() for e in raised] == ["InfluenceImbalanceDetected"]


def test_funding_time_groups_and_anchoring_are_counted_without_names() -> None:
    group = envelope("GovernanceGroupSet")
    model, _ = feed(members() + [
        envelope("FundingRecorded", funding_id="f-1", amount_kr=2_000_000.0, co_financing=False),
        envelope("FundingRecorded", funding_id="f-2", amount_kr=500_000.0, co_financing=True),
        envelope("TimeContributed", contribution_id="t-1", hours=120.5),
        group, envelope("GovernanceGroupSet", group="core_group", members=group["data"]["members"][:1]),
        envelope("AnchoringDescribed")])
    counts = model["counts"]
    assert (counts["funding_lines"], counts["funding_kr"], counts["co_financing_kr"]) == (2, 2_500_000, 500_000)
    assert counts["hours_contributed"] == 120
    assert (counts["steering_group_members"], counts["core_group_members"], counts["anchored"]) == (2, 1, 1)
    assert "Kommunaldirektør" not in json.dumps(model) and "Lokalrådet" not in json.dumps(model)


def test_a_core_group_that_holds_most_of_the_participation_is_flagged() -> None:
    core = envelope("GovernanceGroupSet", group="core_group", members=[
        {"name": "Formand", "organisation": "Nabohjælp", "role": None, "actor_id": "a1"}])
    activity = envelope("ActivityHeld", activity_id="m-1", attendance=[{"actor_id": "a1", "count": 3}],
                        total_attendance=3)
    model, _ = feed(members() + [core, activity, proposal(1, "a1"), proposal(2, "a2")])
    assert model["influence"]["core_group"] == {"actors": 1, "share": pytest.approx(2 / 3, abs=1e-6),
                                                "dominates": False}
    model, _ = feed(members() + [core, activity, proposal(1, "a1"), proposal(2, "a1"), proposal(3, "a2")])
    assert model["influence"]["core_group"]["dominates"] is True  # 3 of 4 by one actor in five
    model, _ = feed(members() + [activity])
    assert model["influence"]["core_group"] is None
