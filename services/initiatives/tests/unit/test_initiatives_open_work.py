"""What an initiative still has open (the to-do of "Mine initiativer"): its platforms' next
reality checks, its unresolved follow-up actions and its goals' latest measurements, in the
list's items; nothing once it is closed."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, in_phase, quantitative

from initiatives.domain.open_work import open_work
from initiatives.handlers import queries as q
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context

pytestmark = pytest.mark.unit

FINDINGS = [{"point": [57.4650, 9.9901], "category": "missing_lighting"},
            {"point": [57.4660, 9.9940], "category": "pleasant_place"},
            {"point": [57.4662, 9.9951], "category": "vegetation"}]


@pytest.fixture
def initiative():
    initiative = in_phase("co_creative_development")
    initiative.schedule_reality_checks("p-1", 90, "2023-02-01", by=BY, now=NOW)
    initiative.record_safety_walk("w-1", {"date": "2022-09-20", "place": "Hjørring Øst",
                                          "route": [[57.4641, 9.9872], [57.4655, 9.9920]],
                                          "attendance": [], "findings": FINDINGS},
                                  ["f-0", "f-1", "f-2"], by=BY, now=NOW)
    initiative.create_follow_up_action("f-0", "act-1", "a-kommune", "Opsæt belysning", "2022-12-01",
                                       by=BY, now=NOW)
    initiative.create_follow_up_action("f-2", "act-2", "a-kommune", "Beskær hækken", None, by=BY, now=NOW)
    initiative.resolve_finding("f-2", "Hækken er beskåret", "2022-11-01", by=BY, now=NOW)
    initiative.set_goal("g-1", quantitative(), by=BY, now=NOW)
    initiative.set_goal("g-2", quantitative(title="Flere i Nabohjælp", baseline_value=10, target_value=50,
                                            direction="up"), by=BY, now=NOW)
    initiative.record_measurement("g-1", "2022-10-01", 300, None, by=BY, now=NOW)
    initiative.record_measurement("g-1", "2022-12-31", 250, None, by=BY, now=NOW)
    return initiative


def test_open_work_lists_checks_open_actions_and_each_goals_latest_measurement(initiative):
    work = open_work(initiative)
    assert work["reality_checks"] == [{"platform_id": "p-1", "name": "Nabohjælp", "due": "2023-02-01"}]
    assert work["follow_up_actions"] == [{"finding_id": "f-0", "category": "missing_lighting",
                                          "description": "Opsæt belysning", "due_date": "2022-12-01"}]
    assert [(g["goal_id"], g["last_progress_on"]) for g in work["goals"]] == [("g-1", "2022-12-31"),
                                                                              ("g-2", None)]


def test_a_closed_initiative_has_nothing_open(initiative):
    initiative.status = "closed"
    assert open_work(initiative) == {"reality_checks": [], "follow_up_actions": [], "goals": []}


def test_the_list_carries_each_initiatives_open_work(initiative):
    store = InMemoryAggregateStore()
    store.documents[initiative.initiative_id] = {**initiative.to_document(), "_id": initiative.initiative_id,
                                                 "version": 3}
    items = q.list_initiatives(store, {}, Context(correlation_id="q", now=NOW, principal=SYSTEM))["items"]
    assert items[0]["open_work"] == open_work(initiative) and items[0]["version"] == 3
