"""The API contract through the whole system: malformed input is always a 4xx problem,
server-owned fields cannot be set, Idempotency-Key, ETag / If-Match, paging and
filters, and schemathesis against the served OpenAPI document (last: it writes a lot)."""
from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import eventlet
import pytest
import requests
from gateway_world import DISTRICT, TODAY, actor_body, build_world, initiative_body, ok

from gateway.openapi import build_spec
from gateway.service import GatewayService
from tests.system import System

pytestmark = [pytest.mark.integration, pytest.mark.e2e]
SCHEMATHESIS_EXAMPLES = 6
"""Per operation and generation mode (valid and invalid data); about a minute on 2 cores."""


@pytest.fixture(scope="module")
def contract(embedded_store):
    system = System(embedded_store.uri, extra_env={
        "NOTIFY_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1", "GATEWAY_RATE_PER_S": "1000",
        "GATEWAY_RATE_BURST": "1000"}).start()
    try:
        operator = system.session(subject="operator@nordjylland.politi.dk", district=DISTRICT)
        yield system, operator, build_world(operator, system.url, "kontrakt")
    finally:
        system.stop()


def _is_problem(response: requests.Response) -> bool:
    if not 400 <= response.status_code < 500 or response.headers.get("Content-Type") != "application/problem+json":
        return False
    body = response.json()
    return body["status"] == response.status_code and {"type", "title", "detail", "request_id"} <= set(body) \
        and "Traceback" not in response.text


def test_the_served_document_is_the_generated_one_and_the_docs_page_is_self_contained(contract):
    system, _, _ = contract
    assert requests.get(f"{system.url}/openapi.json", timeout=10).json() == \
        json.loads(json.dumps(build_spec(GatewayService)))
    docs = requests.get(f"{system.url}/docs", timeout=10)
    assert docs.headers["Content-Type"].startswith("text/html")
    assert docs.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert 'id="create_initiative"' in docs.text


def _corpus(world) -> list[tuple[str, str, dict]]:
    i = f"/initiatives/{world.initiative_id}"
    valid = initiative_body()
    return [
        ("POST", "/initiatives", {"data": b'{"title": "x"', "headers": {"Content-Type": "application/json"}}),
        ("POST", "/initiatives", {"data": b"[1, 2]", "headers": {"Content-Type": "application/json"}}),
        ("POST", "/initiatives", {"data": b"null", "headers": {"Content-Type": "application/json"}}),
        ("POST", "/initiatives", {"data": b"", "headers": {"Content-Type": "application/json"}}),
        ("POST", "/initiatives", {"data": b"\xff\xfe\x00", "headers": {"Content-Type": "application/json"}}),
        ("POST", "/initiatives", {"data": b"[" * 50_000 + b"]" * 50_000,
                                  "headers": {"Content-Type": "application/json"}}),
        ("POST", "/initiatives", {"data": json.dumps(valid), "headers": {"Content-Type": "text/plain"}}),
        ("POST", "/initiatives", {"data": "title=x", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}),
        ("POST", "/initiatives", {"files": {"f": ("a.json", b"{}")}}),
        ("POST", "/initiatives", {"data": json.dumps(valid)}),
        ("POST", "/initiatives", {"json": {**valid, "priority": "high"}}),
        ("POST", "/initiatives", {"json": {**valid, "challenge": {"text": "x", "severity": 5}}}),
        ("POST", "/initiatives", {"json": {**valid, "title": 123}}),
        ("POST", "/initiatives", {"json": {**valid, "themes": "burglary_prevention"}}),
        ("POST", "/initiatives", {"json": {**valid, "district": "atlantis"}}),
        ("POST", "/initiatives", {"json": {**valid, "challenge": "text"}}),
        ("POST", "/initiatives", {"json": {**valid, "title": "x" * 100_000}}),
        ("POST", "/initiatives", {"json": {**valid, "title": "\ud800"}}),
        ("POST", "/initiatives", {"data": b'{"title": "\\ud800"}', "headers": {"Content-Type": "application/json"}}),
        ("POST", "/initiatives", {"json": {**valid, "title": None}}),
        ("POST", "/initiatives", {"data": json.dumps({**valid, "title": "x" * 400_000}),
                                  "headers": {"Content-Type": "application/json"}}),
        ("POST", i + "/goals/" + world.quantitative_goal_id + "/measurements",
         {"data": '{"date": "' + TODAY + '", "value": NaN}', "headers": {"Content-Type": "application/json"}}),
        ("POST", i + "/goals/" + world.quantitative_goal_id + "/measurements",
         {"data": '{"date": "' + TODAY + '", "value": 1e999}', "headers": {"Content-Type": "application/json"}}),
        ("POST", i + "/goals/" + world.qualitative_goal_id + "/assessments",
         {"json": {"date": TODAY, "level": "3", "assessment": "x"}}),
        ("POST", i + "/safety-walks", {"json": {"date": "yesterday", "place": "x", "route": [[1]]}}),
        ("POST", i + "/safety-walks", {"json": {"date": TODAY, "place": "x", "route": [[91, 0], [0, 181]]}}),
        ("PUT", i + "/platforms/" + world.platform_id + "/reality-check-schedule", {"json": {"interval_days": 10**40}}),
        ("POST", i + "/platforms/" + world.platform_id + "/reality-checks",
         {"json": {"date": TODAY, "scores": {"mood": 9}}}),
        ("POST", i + "/phase-transitions", {"json": {"to_phase": "closing", "reason": "x"},
                                            "headers": {"If-Match": "garbage"}}),
        ("POST", i + "/phase-transitions", {"json": {"to_phase": "x"}, "headers": {"Idempotency-Key": "k" * 300}}),
        ("GET", "/initiatives/does-not-exist", {}),
        ("GET", "/initiatives/" + "x" * 2000, {}),
        ("GET", "/initiatives/%00%FF", {}),
        ("GET", "/initiatives/..%2F..%2Fetc%2Fpasswd", {}),
        ("GET", "/actors/' OR 1=1 --", {}),
        ("GET", "/initiatives", {"params": {"limit": "abc"}}),
        ("GET", "/initiatives", {"params": {"limit": "1000"}}),
        ("GET", "/initiatives", {"params": {"district": "mars"}}),
        ("GET", "/initiatives", {"params": {"$where": "1"}}),
        ("GET", "/reports/exports/secrets", {}),
        ("GET", "/reports/initiatives", {"params": {"limit": "-1"}}),
        ("PATCH", "/actors/" + world.actor_id, {"json": {}}),
        ("DELETE", "/actors/" + world.actor_id + "/consents/everything", {}),
        ("POST", "/subscriptions", {"json": {"event_types": ["NoSuchEvent"]}}),
        ("POST", "/webhook-endpoints", {"json": {"url": "ftp://example", "event_types": ["InitiativeCreated"]}}),
        ("GET", "/me/feed", {"params": {"page_size": "0"}}),
        ("GET", "/me/feed", {"params": {"cursor": "bm90IG91cnM"}}),
        ("GET", "/subscriptions", {"params": {"cursor": "sub_unknown"}}),
        ("GET", "/webhook-endpoints", {"params": {"limit": "101"}}),
        ("GET", "/actors/" + world.member_actor_id + "/memberships", {"params": {"limit": "0"}}),
        ("POST", "/subscriptions", {"json": {"event_types": ["InitiativeClosed"]}, "headers": {"If-Match": 'W/"1"'}}),
        ("PATCH", "/actors/" + world.actor_id, {"json": {"display_name": "x"}, "headers": {"If-Match": "1"}}),
        ("GET", "/initiatives", {"headers": {"Authorization": "Basic dXNlcjpwYXNz"}}),
        ("GET", "/initiatives", {"headers": {"Authorization": "Bearer "}}),
    ]


def test_every_malformed_request_gets_a_4xx_problem_document(contract):
    system, operator, world = contract
    wrong = []
    for method, path, kwargs in _corpus(world):
        response = operator.request(method, system.url + path, timeout=30, **kwargs)
        if not _is_problem(response):
            wrong.append(f"{method} {path[:80]} {str(kwargs)[:80]} -> {response.status_code} {response.text[:200]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path, body, fields", [
    ("/initiatives", initiative_body(), ("initiative_id", "status", "phase", "version", "created_at",
                                         "created_by", "updated_at")),
    ("/actors", actor_body("Foreningen"), ("actor_id", "version", "created_at", "erased_at")),
    ("/subscriptions", {"event_types": ["InitiativeCreated"]}, ("subscription_id", "subscriber_id",
                                                                "created_at")),
    ("/webhook-endpoints", {"url": "https://127.0.0.1:9/x", "event_types": ["InitiativeCreated"]},
     ("endpoint_id", "secret", "owner", "status")),
])
def test_server_owned_fields_cannot_be_set_and_are_named_in_the_answer(contract, path, body, fields):
    system, operator, _ = contract
    for field in fields:
        response = operator.post(system.url + path, json={**body, field: "mine"})
        assert response.status_code == 400, (field, response.text)
        assert field in response.json()["errors"], response.text


def test_ids_and_versions_of_existing_objects_come_from_the_url_and_if_match(contract):
    system, operator, world = contract
    url = f"{system.url}/initiatives/{world.initiative_id}/working-group"
    for body, field in (({"add": [{"person_id": "p"}], "initiative_id": "other"}, "initiative_id"),
                        ({"add": [{"person_id": "p"}], "expected_version": 1}, "expected_version"),
                        ({"add": [{"person_id": "p"}], "phase": "closing"}, "phase")):
        response = operator.patch(url, json=body)
        assert response.status_code == 400 and field in response.json()["errors"], response.text
    response = operator.patch(f"{system.url}/actors/{world.actor_id}", json={"display_name": "x", "version": 9})
    assert response.status_code == 400 and "version" in response.json()["errors"], response.text


def test_a_retried_post_with_the_same_key_creates_once_and_gets_the_same_answer(contract):
    system, operator, _ = contract
    title, key = f"Idempotent {uuid.uuid4().hex[:6]}", str(uuid.uuid4())
    first = operator.post(f"{system.url}/initiatives", json=initiative_body(title), headers={"Idempotency-Key": key})
    again = operator.post(f"{system.url}/initiatives", json=initiative_body(title), headers={"Idempotency-Key": key})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    other = operator.post(f"{system.url}/initiatives", json=initiative_body(title + "!"),
                          headers={"Idempotency-Key": key})
    assert other.status_code == 422 and other.json()["code"] == "idempotency.key_reused"
    assert _titles(system, operator).count(title) == 1


def test_concurrent_duplicates_with_one_key_create_once(contract):
    system, operator, _ = contract
    title, key = f"Samtidig {uuid.uuid4().hex[:6]}", str(uuid.uuid4())

    def post(_):
        return operator.post(f"{system.url}/initiatives", json=initiative_body(title),
                             headers={"Idempotency-Key": key}, timeout=30)

    answers = list(eventlet.GreenPool(8).imap(post, range(8)))
    assert {a.status_code for a in answers} <= {201, 409}
    assert len({a.json()["initiative_id"] for a in answers if a.status_code == 201}) == 1
    assert _titles(system, operator).count(title) == 1


def _titles(system, operator) -> list[str]:
    titles, cursor = [], None
    while True:
        page = ok(operator.get(f"{system.url}/initiatives", params={"limit": 100, "cursor": cursor}))
        titles += [item["title"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return titles


def test_if_match_guards_changes_and_if_none_match_saves_a_read(contract):
    system, operator, world = contract
    url = f"{system.url}/initiatives/{world.initiative_id}"
    etag = operator.get(url).headers["ETag"]
    assert operator.get(url, headers={"If-None-Match": etag}).status_code == 304
    changed = operator.patch(f"{url}/working-group", json={"add": [{"person_id": "ida"}]}, headers={"If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert changed.headers["ETag"] != etag
    stale = operator.patch(f"{url}/working-group", json={"add": [{"person_id": "ole"}]}, headers={"If-Match": etag})
    assert stale.status_code == 412 and stale.json()["code"] == "version.precondition_failed"
    assert operator.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_actors_and_memberships_honour_if_match_and_other_operations_refuse_it(contract):
    system, operator, world = contract
    url = f"{system.url}/actors/{world.actor_id}"
    read = operator.get(url)
    etag = read.headers["ETag"]
    assert etag == f'W/"{read.json()["version"]}"'
    assert operator.get(url, headers={"If-None-Match": etag}).status_code == 304
    changed = operator.patch(url, json={"display_name": "Borger Ny"}, headers={"If-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag, changed.text
    stale = operator.patch(url, json={"display_name": "Borger Gammel"}, headers={"If-Match": etag})
    assert stale.status_code == 412 and stale.json()["code"] == "version.precondition_failed", stale.text
    assert operator.get(url).json()["display_name"] == "Borger Ny"
    consent = operator.post(f"{url}/consents", json={"purpose": "notifications"},
                            headers={"If-Match": changed.headers["ETag"]})
    assert consent.status_code == 201, consent.text
    assert operator.delete(f"{url}/consents/notifications", headers={"If-Match": etag}).status_code == 412

    members = f"{system.url}/initiatives/{world.initiative_id}/members"
    assert operator.post(members, json={"actor_id": world.actor_id}, headers={"If-Match": 'W/"1"'}).status_code == 412
    joined = operator.post(members, json={"actor_id": world.actor_id})
    assert joined.status_code == 201 and joined.headers["ETag"] == 'W/"1"', joined.text
    left = operator.post(f"{members}/{world.actor_id}/leave", json={}, headers={"If-Match": 'W/"1"'})
    assert left.status_code == 200 and left.headers["ETag"] == 'W/"2"', left.text

    for response in (operator.post(f"{system.url}/actors", json=actor_body("Med If-Match"), headers={"If-Match": etag}),
                     operator.post(f"{url}/erasure", headers={"If-Match": etag}),
                     operator.get(f"{system.url}/initiatives", headers={"If-Match": etag})):
        assert response.status_code == 400 and "If-Match" in response.json()["errors"], response.text
    assert operator.get(url).json()["erased_at"] is None


def _all_pages(session, url: str, limit: int, **params) -> list[list[dict]]:
    pages, cursor = [], None
    while True:
        page = ok(session.get(url, params={**params, "limit": limit, "cursor": cursor}))
        pages.append(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


def test_every_list_pages_with_limit_and_cursor(contract):
    system, _, world = contract
    me = system.session(subject=f"paging-{uuid.uuid4().hex[:6]}@politi.dk", district=DISTRICT)
    ok(me.post(f"{system.url}/subscriptions", json={
        "event_types": ["InitiativeCreated", "InitiativeClosed", "ActorJoined"], "channels": ["feed"]}), 201)
    subscriptions = _all_pages(me, f"{system.url}/subscriptions", 2)
    assert [len(page) for page in subscriptions] == [2, 1]
    assert ok(me.get(f"{system.url}/subscriptions"))["defaults"]
    registered = []
    for _ in range(3):
        created = me.post(f"{system.url}/webhook-endpoints", json={
            "url": "https://127.0.0.1:9/x", "event_types": ["InitiativeCreated"]})
        assert created.status_code == 201, created.text
        assert ok(me.get(system.url + created.headers["Location"]))["endpoint_id"] == created.json()["endpoint_id"]
        registered.append(created.json()["endpoint_id"])
    endpoints = _all_pages(me, f"{system.url}/webhook-endpoints", 2)
    assert [e["endpoint_id"] for page in endpoints for e in page] == registered
    assert _all_pages(me, f"{system.url}/webhook-endpoints/{registered[0]}/deliveries", 5) == [[]]
    assert set(ok(me.get(f"{system.url}/me/feed", params={"limit": 5, "unread_only": "true"}))) == {
        "items", "next_cursor"}

    (memberships,) = _all_pages(me, f"{system.url}/actors/{world.member_actor_id}/memberships", 1)
    assert [(m["initiative_id"], m["version"]) for m in memberships] == [(world.initiative_id, 1)]
    anchor = system.session(role="anchor_person", district=DISTRICT, initiatives=(world.initiative_id,))
    contacts = _all_pages(anchor, f"{system.url}/initiatives/{world.initiative_id}/contacts", 1,
                          include_former="true")
    assert all(len(page) == 1 for page in contacts) and world.member_actor_id in str(contacts)
    for path in ("/subscriptions", "/webhook-endpoints", "/me/feed", f"/actors/{world.member_actor_id}/memberships"):
        assert me.get(system.url + path, params={"limit": 101}).status_code == 400, path


def test_lists_page_with_a_cursor_and_filter_by_district_theme_and_phase(contract):
    system, _, world = contract
    bornholm = system.session(subject="operator@bornholm.politi.dk", district="bornholm")
    for n in range(3):
        body = {**initiative_body(f"Bornholm {n}", district="bornholm"), "themes": ["loneliness"]}
        ok(bornholm.post(f"{system.url}/initiatives", json=body), 201)
    params = {"district": "bornholm", "theme": "loneliness", "phase": "start_up", "limit": 2}
    first = ok(bornholm.get(f"{system.url}/initiatives", params=params))
    second = ok(bornholm.get(f"{system.url}/initiatives", params={**params, "cursor": first["next_cursor"]}))
    assert len(first["items"]) == 2 and len(second["items"]) == 1 and second["next_cursor"] is None
    assert {i["district"] for i in first["items"] + second["items"]} == {"bornholm"}
    assert ok(bornholm.get(f"{system.url}/initiatives", params={**params, "phase": "mapping"}))["items"] == []
    assert bornholm.get(f"{system.url}/initiatives", params={"limit": 101}).status_code == 400
    operator = system.session(district=DISTRICT)
    history = ok(operator.get(f"{system.url}/initiatives/{world.initiative_id}/history", params={"limit": 5}))
    rest = ok(operator.get(f"{system.url}/initiatives/{world.initiative_id}/history",
                           params={"limit": 100, "cursor": history["next_cursor"]}))
    assert len(history["items"]) == 5 and len(rest["items"]) >= 5
    assert history["items"][0]["type"] == "InitiativeCreated"


def test_schemathesis_finds_no_server_error_and_no_schema_violation(contract, tmp_path):
    """Every operation, authenticated as the world's anchor person (so writes pass
    authorisation and reach the services' validation), ids of the world in paths."""
    system, _, world = contract
    token = system.token(role="anchor_person", district=DISTRICT, subject="anchor@example.dk",
                         initiatives=(world.initiative_id,))
    config = tmp_path / "schemathesis.toml"
    ids = {"initiative_id": world.initiative_id, "platform_id": world.platform_id,
           "goal_id": world.quantitative_goal_id, "finding_id": world.finding_ids[0], "actor_id": world.actor_id}
    config.write_text("[cache]\nenabled = false\n\n[parameters]\n"
                      + "".join(f'"path.{name}" = "{value}"\n' for name, value in ids.items()))
    command = [str(Path(sys.executable).with_name("st")), "--config-file", str(config), "run",
               f"{system.url}/openapi.json", "--header", f"Authorization: Bearer {token}",
               "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                           "response_schema_conformance,response_headers_conformance",
               "--phases", "examples,fuzzing", "--max-examples", str(SCHEMATHESIS_EXAMPLES),
               "--workers", "2", "--seed", "7", "--request-timeout", "20", "--no-color"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    summary = run.stdout[-6000:]
    assert run.returncode == 0, summary
    operations = sum(len(methods) for methods in build_spec(GatewayService)["paths"].values())
    # loaded from the URL, schemathesis leaves out GET /openapi.json itself
    assert f"Selected: {operations - 1}/{operations - 1}\n  Tested: {operations - 1}\n" in run.stdout, summary
