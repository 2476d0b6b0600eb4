"""Goals with a shared indicator, a target date and a sub-goal, and the anchor person's
deputy, through the gateway on a live system (issue 15): the deputy has the anchor person's
access as soon as appointed and loses it when relieved; a goal's managed indicator, date and
parent reach the initiative and its report, and funding and time reach the report's counts."""
from __future__ import annotations

import uuid

import pytest
import requests

from gateway.auth import issue_token
from tests.harness import wait_until

pytestmark = pytest.mark.e2e

INITIATIVE = {"title": "Hjørring – Fri for Indbrud", "challenge": {"text": "Indbrud i private hjem"},
              "themes": ["burglary_prevention"], "district": "nordjylland", "municipalities": ["Hjørring"]}


def person(system, subject: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {issue_token(system.jwt_secret, subject)}"
    return session


def start(system, operator) -> str:
    created = operator.post(f"{system.url}/initiatives", json=INITIATIVE)
    assert created.status_code == 201, created.text
    return created.json()["initiative_id"]


def test_the_deputy_steers_while_appointed_and_not_after(system):
    operator = system.session(subject=f"op-{uuid.uuid4().hex[:6]}@politi.dk")
    initiative_id = start(system, operator)
    url = f"{system.url}/initiatives/{initiative_id}"
    subject = f"mette-{uuid.uuid4().hex[:6]}@politi.dk"
    mette = person(system, subject)
    assert mette.get(url).status_code == 404
    appointed = operator.put(f"{url}/deputy-anchor-person", json={
        "deputy": {"person_id": subject, "name": "Mette Holm"}, "reason": "barsel"})
    assert appointed.status_code == 200, appointed.text
    wait_until(lambda: mette.get(url).status_code == 200, timeout=20, message="the deputy has access")
    funded = mette.post(f"{url}/funding", json={"source": "EU-pulje", "amount_kr": 2_000_000})
    assert funded.status_code == 201, funded.text
    assert mette.put(f"{url}/governance-groups/core_group", json={
        "members": [{"name": "Nabohjælp", "organisation": "Nabohjælp"}]}).status_code == 200
    relieved = operator.put(f"{url}/deputy-anchor-person", json={"deputy": None, "reason": "tilbage"})
    assert relieved.status_code == 200, relieved.text
    wait_until(lambda: mette.get(url).status_code == 404, timeout=20, message="relieving removes access")
    governance = operator.get(url).json()["governance"]
    assert governance["deputy_anchor_person"] is None and len(governance["core_group"]) == 1


def test_a_goal_with_a_shared_indicator_and_its_milestone_reach_the_report(system):
    operator = system.session(subject=f"op-{uuid.uuid4().hex[:6]}@politi.dk")
    initiative_id = start(system, operator)
    url = f"{system.url}/initiatives/{initiative_id}"
    year = operator.post(f"{url}/goals", json={
        "kind": "process", "goal_type": "quantitative", "title": "Flere partnere med",
        "indicator_id": "partners_involved", "baseline_value": 2, "target_value": 10,
        "target_date": "2016-12-31"})
    assert year.status_code == 201, year.text
    year_id = year.json()["goal_id"]
    goal = year.json()["initiative"]["goals"][year_id]
    assert (goal["indicator"], goal["unit"], goal["direction"]) == ("Involverede partnere", "partnere", "up")
    late = operator.post(f"{url}/goals", json={
        "kind": "process", "goal_type": "quantitative", "title": "Første kvartal", "parent_goal_id": year_id,
        "indicator_id": "partners_involved", "baseline_value": 2, "target_value": 4, "target_date": "2017-03-31"})
    assert late.status_code == 422 and late.json()["code"] == "goal.target_date.after_parent", late.text
    quarter = operator.post(f"{url}/goals", json={
        "kind": "process", "goal_type": "quantitative", "title": "Første kvartal", "parent_goal_id": year_id,
        "indicator_id": "partners_involved", "baseline_value": 2, "target_value": 4, "target_date": "2016-03-31"})
    assert quarter.status_code == 201, quarter.text
    measured = operator.post(f"{url}/goals/{quarter.json()['goal_id']}/measurements",
                             json={"date": "2016-03-31", "value": 5})
    assert measured.status_code == 201 and measured.json()["met"] is True, measured.text
    assert operator.post(f"{url}/time-contributions", json={
        "organisation": "Hjørring Kommune", "hours": 40, "period_start": "2016-01-01",
        "period_end": "2016-03-31"}).status_code == 201

    def reported() -> dict | None:
        report = operator.get(f"{system.url}/reports/initiatives/{initiative_id}")
        if report.status_code != 200 or report.json()["counts"].get("hours_contributed") != 40:
            return None
        return report.json()

    report = wait_until(reported, timeout=30, message="reporting has the goals and the hours")
    goals = {g["goal_id"]: g for g in report["initiative_goals"]}
    assert goals[quarter.json()["goal_id"]]["parent_goal_id"] == year_id
    assert goals[year_id]["indicator_id"] == "partners_involved" and goals[year_id]["target_date"] == "2016-12-31"
