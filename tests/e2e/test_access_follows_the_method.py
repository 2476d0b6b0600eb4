"""Rights follow the method's own assignments, on a live system (issue 11, findings 3 and 6):
appointing someone grants access at once, replacing them removes it at once, with no new
token; a coordinator cannot replace the anchor person; one person holding roles in two
initiatives is one principal; and nothing fails open."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import requests
from nameko.standalone.rpc import ClusterRpcProxy

from gateway.auth import create_api_key, issue_token, revoke_api_key
from samskab_infra.errors import Unauthorized
from tests.harness import wait_until

pytestmark = pytest.mark.e2e

INITIATIVE = {"title": "Adgang følger metoden", "challenge": {"text": "Indbrud"}, "themes": ["burglary_prevention"],
              "district": "nordjylland", "municipalities": ["Hjørring"]}


def person(system, subject: str) -> requests.Session:
    """A person with a token that says only who they are: no grant of their own."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {issue_token(system.jwt_secret, subject)}"
    return session


def start(system, operator) -> str:
    created = operator.post(f"{system.url}/initiatives", json=INITIATIVE)
    assert created.status_code == 201, created.text
    return created.json()["initiative_id"]


def appoint(system, operator, initiative_id: str, subject: str):
    return operator.put(f"{system.url}/initiatives/{initiative_id}/anchor-person",
                        json={"anchor_person": {"person_id": subject, "name": "Anne Anker"}, "reason": "udpeget"})


def test_an_appointed_anchor_person_has_access_at_once_and_loses_it_when_replaced(system):
    operator = system.session(subject=f"op-{uuid.uuid4().hex[:6]}@politi.dk")
    initiative_id = start(system, operator)
    first, second = (f"{name}-{uuid.uuid4().hex[:6]}@politi.dk" for name in ("anne", "bent"))
    anne, bent = person(system, first), person(system, second)
    url = f"{system.url}/initiatives/{initiative_id}"
    assert anne.get(url).status_code == 404  # before the appointment she may not even see it

    assert appoint(system, operator, initiative_id, first).status_code == 200
    wait_until(lambda: anne.get(url).status_code == 200, timeout=20, message="the appointment grants access")
    goal = anne.post(f"{url}/goals", json={"kind": "process", "goal_type": "qualitative", "title": "Tryghed",
                                           "target_level": 4})
    assert goal.status_code == 201, goal.text
    assert [g["role"] for g in anne.get(f"{system.url}/me").json()["grants"]] == ["anchor_person"]

    handover = anne.put(f"{url}/anchor-person", json={"anchor_person": {"person_id": second, "name": "Bent"},
                                                       "reason": "overdragelse"})
    assert handover.status_code == 200, handover.text
    wait_until(lambda: anne.get(url).status_code == 404, timeout=20, message="the replacement removes access")
    assert anne.post(f"{url}/results", json={"title": "Lys", "date": "2024-05-01", "size": "small"}
                     ).status_code == 404
    wait_until(lambda: bent.get(url).status_code == 200, timeout=20, message="the successor has access")


def test_a_coordinator_cannot_replace_the_anchor_person(system):
    operator = system.session(subject=f"op-{uuid.uuid4().hex[:6]}@politi.dk")
    initiative_id = start(system, operator)
    coordinator_subject = f"carl-{uuid.uuid4().hex[:6]}@hjoerring.dk"
    url = f"{system.url}/initiatives/{initiative_id}"
    assert operator.put(f"{url}/coordinator", json={"coordinator": {"person_id": coordinator_subject,
                                                                    "name": "Carl"}}).status_code == 200
    carl = person(system, coordinator_subject)
    wait_until(lambda: carl.get(url).status_code == 200, timeout=20, message="the coordinator has access")
    refused = appoint(system, carl, initiative_id, coordinator_subject)
    assert refused.status_code == 403 and refused.json()["code"] == "access.write_denied", refused.text
    assert operator.get(url).json()["anchor_person"] is None


def test_one_person_with_roles_in_two_initiatives_is_one_principal(system):
    operator = system.session(subject=f"op-{uuid.uuid4().hex[:6]}@politi.dk")
    one, other = start(system, operator), start(system, operator)
    subject = f"gitte-{uuid.uuid4().hex[:6]}@politi.dk"
    assert appoint(system, operator, one, subject).status_code == 200
    added = operator.patch(f"{system.url}/initiatives/{other}/working-group",
                           json={"add": [{"person_id": subject, "name": "Gitte"}]})
    assert added.status_code == 200, added.text
    gitte = person(system, subject)
    grants = wait_until(lambda: (lambda g: g if len(g) == 2 else None)(
        gitte.get(f"{system.url}/me").json()["grants"]), timeout=20, message="both grants")
    assert sorted((g["role"], g["scope"]) for g in grants) == sorted(
        [("anchor_person", one), ("working_group", other)])
    assert gitte.get(f"{system.url}/initiatives/{one}").status_code == 200
    assert gitte.get(f"{system.url}/initiatives/{other}").status_code == 200
    # the working group works, but does not steer: advancing a phase is the anchor person's
    assert gitte.post(f"{system.url}/initiatives/{other}/phase-transitions",
                      json={"to_phase": "mapping", "reason": "klar"}).status_code == 403
    listed = {i["initiative_id"] for i in gitte.get(f"{system.url}/initiatives").json()["items"]}
    assert listed == {one, other}


def test_a_call_without_a_principal_is_refused_never_the_system(system):
    with ClusterRpcProxy({"AMQP_URI": system.amqp_uri}) as cluster:
        with pytest.raises(Unauthorized) as refused:
            cluster.initiatives.execute("create_initiative", INITIATIVE)
    assert refused.value.code == "auth.no_principal"


def test_an_administrative_grant_is_given_audited_and_withdrawn_at_once(system):
    national_subject = f"nfc-{uuid.uuid4().hex[:6]}@politi.dk"
    national = system.session(role="national_centre", district=None, subject=national_subject)
    subject = f"ny-{uuid.uuid4().hex[:6]}@politi.dk"
    newcomer = person(system, subject)
    assert newcomer.post(f"{system.url}/initiatives", json=INITIATIVE).status_code == 403
    given = national.post(f"{system.url}/admin/grants",
                          json={"subject": subject, "role": "district_operator", "district": "nordjylland"})
    assert given.status_code == 201, given.text
    assert newcomer.post(f"{system.url}/initiatives", json=INITIATIVE).status_code == 201
    grant_id = given.json()["grant_id"]
    assert national.delete(f"{system.url}/admin/grants/{grant_id}").status_code == 200
    assert newcomer.post(f"{system.url}/initiatives", json=INITIATIVE).status_code == 403
    audit = national.get(f"{system.url}/admin/grants-audit", params={"limit": 100}).json()["items"]
    mine = [(a["action"], a["by"]) for a in audit if a["subject"] == subject]
    assert mine == [("give", national_subject), ("withdraw", national_subject)]
    fyn = system.session(subject=f"op-{uuid.uuid4().hex[:6]}@fyn.politi.dk", district="fyn")
    foreign = fyn.post(f"{system.url}/admin/grants",
                       json={"subject": subject, "role": "district_operator", "district": "nordjylland"})
    assert foreign.status_code == 403


def test_revoking_a_key_needs_its_exact_id(system):
    created = create_api_key(system.gateway_db, f"partner-{uuid.uuid4().hex[:6]}@example.dk", timedelta(days=1))
    key_id = created["key_id"]
    assert not revoke_api_key(system.gateway_db, "")
    assert not revoke_api_key(system.gateway_db, key_id[:8])
    assert revoke_api_key(system.gateway_db, key_id)


def test_a_webhook_secret_is_shown_once_even_to_a_retry_with_the_same_idempotency_key(system):
    owner = system.session(role="partner", district=None, subject=f"partner-{uuid.uuid4().hex[:6]}@example.dk")
    body = {"url": "https://127.0.0.1:9/hook", "event_types": ["InitiativeClosed"]}
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    first = owner.post(f"{system.url}/webhook-endpoints", json=body, headers=headers)
    assert first.status_code == 201, first.text
    secret = first.json()["secret"]
    assert secret.startswith("whsec_")
    replayed = owner.post(f"{system.url}/webhook-endpoints", json=body, headers=headers)
    assert replayed.status_code == 201 and replayed.headers["Idempotent-Replayed"] == "true"
    assert replayed.json()["endpoint_id"] == first.json()["endpoint_id"]
    assert secret not in replayed.text
    stored = list(system.gateway_db["idempotency_keys"].find({}))
    assert stored and not any(secret in str(row) for row in stored)


def test_an_anchor_person_registers_actors_only_in_the_district_of_their_initiatives(system):
    operator = system.session(subject=f"op-{uuid.uuid4().hex[:6]}@politi.dk")
    initiative_id = start(system, operator)
    subject = f"anne-{uuid.uuid4().hex[:6]}@politi.dk"
    assert appoint(system, operator, initiative_id, subject).status_code == 200
    anne = person(system, subject)
    wait_until(lambda: anne.get(f"{system.url}/initiatives/{initiative_id}").status_code == 200, timeout=20,
               message="the appointment grants access")
    club = {"kind": "association", "name": f"Idrætsforeningen {uuid.uuid4().hex[:6]}"}
    here = anne.post(f"{system.url}/actors", json={**club, "district": "nordjylland"})
    assert here.status_code == 201, here.text
    elsewhere = anne.post(f"{system.url}/actors", json={**club, "district": "fyn"})
    assert elsewhere.status_code == 403 and elsewhere.json()["code"] == "access.write_denied"
