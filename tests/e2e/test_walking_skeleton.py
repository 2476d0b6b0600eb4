"""The walking skeleton: POST an initiative through the gateway -> initiatives stores it and
emits InitiativeCreated -> reporting projects it -> GET lists it; notifications puts it in a feed.
The request id travels as correlation id through every event and log line."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.harness import wait_until

pytestmark = pytest.mark.e2e

HJOERRING = {
    "title": "Hjørring – Fri for Indbrud",
    "challenge": {"text": "Mange indbrud i private hjem; borgerne føler sig utrygge.",
                  "perspectives": [{"party": "Hjørring Kommune", "perspective": "Tryghed i boligområder"}]},
    "themes": ["burglary_prevention"],
    "district": "nordjylland",
    "municipalities": ["Hjørring"],
}


def test_post_initiative_reaches_reporting_and_the_feed_with_one_correlation_id(system):
    operator = system.session(subject="operator@nordjylland.politi.dk")
    subscribed = operator.post(f"{system.url}/subscriptions",
                               json={"event_types": ["InitiativeCreated"], "district": "nordjylland",
                                     "channels": ["feed"]})
    assert subscribed.status_code == 201, subscribed.text

    request_id = f"req-{uuid.uuid4()}"
    created = operator.post(f"{system.url}/initiatives", json=HJOERRING, headers={"X-Request-Id": request_id})
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-Id"] == request_id
    assert created.headers["ETag"] == 'W/"1"'
    initiative_id = created.json()["initiative_id"]
    assert created.headers["Location"] == f"/initiatives/{initiative_id}"
    assert created.json()["events"] == ["InitiativeCreated"]

    def listed():
        items = operator.get(f"{system.url}/reports/initiatives").json()["items"]
        return [i for i in items if i["initiative_id"] == initiative_id]

    row = wait_until(listed, timeout=30, message="reporting lists the initiative")[0]
    assert row["title"] == HJOERRING["title"] and row["phase"] == "start_up"

    def in_feed():
        return [i for i in operator.get(f"{system.url}/me/feed").json()["items"]
                if i.get("initiative_id") == initiative_id]

    item = wait_until(in_feed, timeout=30, message="the feed shows it")[0]
    assert "Hjørring" in str(item)

    history = operator.get(f"{system.url}/initiatives/{initiative_id}/history").json()["items"]
    assert [e["type"] for e in history] == ["InitiativeCreated"]
    assert history[0]["correlation_id"] == request_id
    wait_until(lambda: all(request_id in system.processes[name].log()
                           for name in ("initiatives", "reporting", "notifications")),
               timeout=15, message="every service logged the correlation id")


def test_every_service_exposes_metrics_and_health_on_its_ops_port_only(system):
    assert requests.get(f"{system.ops_url}/health/live", timeout=5).status_code == 200
    ready = requests.get(f"{system.ops_url}/health/ready", timeout=10)
    assert ready.status_code == 200 and ready.json()["checks"] == {"broker": True, "store": True}
    metrics = requests.get(f"{system.ops_url}/metrics", timeout=5).text
    assert "samskab_http_requests_total" in metrics
    for path in ("/metrics", "/health/live", "/health/ready"):  # not on the public API port
        assert requests.get(f"{system.url}{path}", timeout=5).status_code == 404, path
    for name, port in system.metrics_ports.items():
        body = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert "samskab_events_consumed_total" in body or "samskab_outbox" in body, name
        health = requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=10)
        assert health.status_code == 200, (name, health.text)


def test_bad_input_and_missing_authentication_get_problem_documents(system):
    operator = system.session()
    unauthenticated = requests.get(f"{system.url}/initiatives", timeout=5)
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["Content-Type"] == "application/problem+json"
    bad_json = operator.post(f"{system.url}/initiatives", data="{nope",
                             headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 400 and bad_json.json()["code"] == "validation_failed"
    unknown = operator.post(f"{system.url}/initiatives", json={**HJOERRING, "phase": "closing"})
    assert unknown.status_code == 400
    assert "phase" in unknown.json()["errors"]
    other_district = system.session(district="fyn").post(f"{system.url}/initiatives", json=HJOERRING)
    assert other_district.status_code == 403
