"""Every route × every role against one running system: the authorisation matrix
(gateway_matrix.py). A route without a row fails the inventory test."""
from __future__ import annotations

import pytest
import requests
from gateway_matrix import MATRIX, ROLES, matches, principal_of
from gateway_world import DISTRICT, add_notifications, build_world, initiative_body

from gateway.openapi import api_routes, build_spec
from gateway.service import GatewayService
from tests.harness import wait_until
from tests.openapi_answers import answer_errors
from tests.system import System

pytestmark = [pytest.mark.integration, pytest.mark.e2e]
PUBLIC = {"openapi_document", "api_docs"}
"""Health and metrics are not API routes: they are on the ops port (samskab_infra.ops_http)."""
OWN_ENDPOINTS = ("national_centre", "district_operator", "partner", "foreign_operator")


def test_every_authenticated_route_has_a_row_in_the_matrix_and_only_those_are_public():
    routes = dict(api_routes(GatewayService))
    assert {name for name, route in routes.items() if route.public} == PUBLIC
    assert set(MATRIX) == {name for name, route in routes.items() if not route.public}


@pytest.fixture(scope="module")
def document() -> dict:
    return build_spec(GatewayService)


@pytest.fixture(scope="module")
def matrix(embedded_store):
    system = System(embedded_store.uri, extra_env={
        "NOTIFY_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1", "GATEWAY_RATE_PER_S": "1000",
        "GATEWAY_RATE_BURST": "1000"}).start()
    try:
        builder = system.session(subject="builder@nordjylland.politi.dk", district=DISTRICT)
        worlds = {role: build_world(builder, system.url, role) for role in ROLES}
        sessions = {}
        for role, world in worlds.items():
            sessions[role] = system.session(subject=f"{role}@example.dk", **principal_of(role, world))
            add_notifications(sessions[role], sessions[role] if role in OWN_ENDPOINTS else builder,
                              system.url, world)
        for world in worlds.values():
            wait_until(lambda w=world: builder.get(f"{system.url}/reports/initiatives/{w.initiative_id}")
                       .status_code == 200, timeout=20, message="reporting knows the world")
        yield system, worlds, sessions
    finally:
        system.stop()


@pytest.mark.parametrize("name", list(MATRIX))
def test_each_role_gets_the_outcome_the_matrix_says(matrix, document, name):
    """... and every success answer is what the OpenAPI document says it is (the response
    schema it names from samskab_contracts.responses)."""
    system, worlds, sessions = matrix
    call, expected = MATRIX[name]
    wrong, undocumented = [], []
    for role in ROLES:
        response = call.send(sessions[role], system.url, worlds[role])
        if not matches(response.status_code, expected[role]):
            wrong.append(f"{role}: expected {expected[role]}, got {response.status_code} {response.text[:300]}")
        if response.status_code >= 400:
            assert response.headers["Content-Type"] == "application/problem+json", response.text
        elif response.headers.get("Content-Type", "").startswith("application/json"):
            undocumented += [f"{role}: {error}" for error in answer_errors(document, name, response)[:5]]
    assert not wrong, f"{call.method} {call.path}:\n" + "\n".join(wrong)
    assert not undocumented, f"{call.method} {call.path} answers what the document does not say:\n" \
        + "\n".join(undocumented)


@pytest.mark.parametrize("path", ["/openapi.json", "/docs"])
def test_public_routes_answer_without_credentials(matrix, path):
    system, _, _ = matrix
    assert requests.get(system.url + path, timeout=10).status_code == 200


@pytest.mark.parametrize("path", ["/health/live", "/health/ready", "/metrics"])
def test_ops_routes_answer_on_the_ops_port_only(matrix, path):
    system, _, _ = matrix
    assert requests.get(system.ops_url + path, timeout=10).status_code == 200
    assert requests.get(system.url + path, timeout=10).status_code == 404


def test_a_gate_of_phases_3_to_5_refuses_until_its_work_is_recorded_or_a_decision_overrides_it(matrix):
    """Through the gateway on the matrix's running system: the refusal names its gate, stores
    nothing, an override with a reason passes and is recorded, and reporting counts the work."""
    system, _, _ = matrix
    operator = system.session(subject="gates@nordjylland.politi.dk", district=DISTRICT)
    created = operator.post(f"{system.url}/initiatives", json=initiative_body("Porten"), timeout=10)
    url = f"{system.url}/initiatives/{created.json()['initiative_id']}"
    operator.put(f"{url}/anchor-person", json={"anchor_person": {"person_id": "anne"}}, timeout=10)
    operator.post(f"{url}/phase-transitions", json={"to_phase": "mapping", "reason": "klar"}, timeout=10)
    version = operator.get(url, timeout=10).json()["version"]

    refused = operator.post(f"{url}/phase-transitions", json={"to_phase": "analysis", "reason": "hurtigt"},
                            timeout=10)
    assert refused.status_code == 422 and refused.json()["code"] == "phase.gate.problem_statement_required"
    assert operator.get(url, timeout=10).json()["version"] == version, "a refused step stores nothing"

    source = operator.post(f"{url}/mapping/sources", timeout=10, json={
        "kind": "observation", "gathered_by": "Nærpolitiet", "date": "2024-01-10", "description": "Aftenvagt"})
    assert source.status_code == 201, source.text
    moved = operator.post(f"{url}/phase-transitions", timeout=10, json={
        "to_phase": "analysis", "reason": "hurtigt", "override_reason": "Ledelsen har besluttet det"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["initiative"]["phase_history"][-1]["override_reason"] == "Ledelsen har besluttet det"

    def counted() -> dict | None:
        report = operator.get(f"{system.url}/reports/initiatives/{created.json()['initiative_id']}", timeout=10)
        counts = report.json().get("counts", {}) if report.ok else {}
        return counts if counts.get("sources") == 1 else None

    counts = wait_until(counted, timeout=20, message="reporting counts the source")
    assert (counts["problem_statements"], counts["potential_actors"]) == (0, 0)


def test_a_participating_district_reads_and_lists_the_initiative_and_a_district_not_taking_part_finds_nothing(
        matrix):
    """On the matrix's running system: the lead lets fyn take part; fyn's operator reads the
    initiative and its report, finds it in its district's lists, follows it and sees its feed
    items, but does not steer it nor see its contacts (403); bornholm's operator is told it is
    not found; once fyn leaves, fyn is told so too, and its feed no longer shows the item."""
    system, _, _ = matrix
    lead = system.session(subject="reach@nordjylland.politi.dk", district=DISTRICT)
    fyn = system.session(subject="reach@fyn.politi.dk", district="fyn")
    bornholm = system.session(subject="reach@bornholm.politi.dk", district="bornholm")
    created = lead.post(f"{system.url}/initiatives", json=initiative_body("På tværs af kredse"), timeout=10)
    initiative_id = created.json()["initiative_id"]
    url = f"{system.url}/initiatives/{initiative_id}"
    assert fyn.get(url, timeout=10).status_code == 404
    added = lead.put(f"{url}/participating-districts/fyn", timeout=10)
    assert added.status_code == 200, added.text
    assert added.json()["scope"] == "cross_district"

    view = fyn.get(url, timeout=10)
    assert view.status_code == 200 and view.json()["districts"] == [DISTRICT, "fyn"]
    listed = fyn.get(f"{system.url}/initiatives", params={"district": "fyn"}, timeout=10).json()["items"]
    assert initiative_id in [item["initiative_id"] for item in listed]
    assert fyn.put(f"{url}/scope", json={"scope": "national"}, timeout=10).status_code == 403
    assert bornholm.get(url, timeout=10).status_code == 404
    assert bornholm.put(f"{url}/scope", json={"scope": "national"}, timeout=10).status_code == 404

    report = f"{system.url}/reports/initiatives/{initiative_id}"
    seen = wait_until(lambda: (lambda r: r.json() if r.ok and "fyn" in r.json()["districts"] else None)(
        fyn.get(report, timeout=10)), timeout=20, message="reporting knows fyn takes part")
    assert seen["scope"] == "cross_district"
    reports = fyn.get(f"{system.url}/reports/initiatives", params={"district": "fyn"}, timeout=10).json()["items"]
    assert initiative_id in [item["initiative_id"] for item in reports]
    assert bornholm.get(report, timeout=10).status_code == 404

    # notifications and actors learn the districts from the events: fyn follows the initiative
    # and sees its feed items; the contact directory is refused (403), not hidden, to fyn only
    follow = {"event_types": ["InitiativePaused"], "initiative_id": initiative_id, "channels": ["feed"]}
    wait_until(lambda: fyn.post(f"{system.url}/subscriptions", json=follow, timeout=10).status_code == 201,
               timeout=20, message="notifications know fyn takes part")
    assert bornholm.post(f"{system.url}/subscriptions", json=follow, timeout=10).status_code == 404
    wait_until(lambda: fyn.get(f"{url}/contacts", timeout=10).status_code == 403, timeout=20,
               message="actors know fyn takes part")
    assert bornholm.get(f"{url}/contacts", timeout=10).status_code == 404
    assert lead.post(f"{url}/pause", json={"reason": "COVID-19"}, timeout=10).ok

    def fyns_feed() -> list[str]:
        return [item["initiative_id"] for item in fyn.get(f"{system.url}/me/feed", timeout=10).json()["items"]]

    wait_until(lambda: initiative_id in fyns_feed(), timeout=20, message="fyn's feed shows the pause")

    assert lead.delete(f"{url}/participating-districts/fyn", timeout=10).status_code == 200
    assert fyn.get(url, timeout=10).status_code == 404
    wait_until(lambda: initiative_id not in fyns_feed(), timeout=20, message="fyn no longer sees the item")
    wait_until(lambda: fyn.get(f"{url}/contacts", timeout=10).status_code == 404, timeout=20,
               message="actors know fyn left")
    assert fyn.post(f"{system.url}/subscriptions", json=follow, timeout=10).status_code == 404
