"""Writes without If-Match never fail for a write nobody asked to check: while actors
join (the initiatives service applies their ActorJoined events to the same document)
and other results are posted at the same time, every result is documented (no 409);
with a stale If-Match the answer is 412."""
from __future__ import annotations

import uuid

import eventlet
import pytest

from tests.harness import wait_until

pytestmark = pytest.mark.e2e
ACTORS = 16
RESULTS = 16


def test_results_posted_while_members_join_are_never_refused_and_a_stale_if_match_is_412(system):
    operator = system.session()
    url = system.url
    created = operator.post(f"{url}/initiatives", json={
        "title": f"Samtidige skrivninger {uuid.uuid4().hex[:8]}", "challenge": {"text": "Indbrud"},
        "themes": ["burglary_prevention"], "district": "nordjylland", "municipalities": ["Hjørring"]})
    assert created.status_code == 201, created.text
    initiative_id, first_etag = created.json()["initiative_id"], created.headers["ETag"]
    members = f"{url}/initiatives/{initiative_id}/members"
    actor_ids = []
    for n in range(ACTORS):
        registered = operator.post(f"{url}/actors", json={
            "kind": "business", "name": f"Låsesmed {n}", "district": "nordjylland", "municipality": "Hjørring"})
        assert registered.status_code == 201, registered.text
        actor_ids.append(registered.json()["actor_id"])
    # The actors service learns of the initiative from its event; the first join waits for that.
    wait_until(lambda: operator.post(members, json={"actor_id": actor_ids[0]}).status_code == 201,
               timeout=30, interval=0.2, message="the actors service knows the initiative")

    def join(actor_id: str):
        return operator.post(members, json={"actor_id": actor_id})

    def document(n: int):
        return operator.post(f"{url}/initiatives/{initiative_id}/results", json={
            "title": f"Resultat {n}", "size": "small", "date": "2024-05-31"})

    pool = eventlet.GreenPool(2 * RESULTS)
    joins = [pool.spawn(join, actor_id) for actor_id in actor_ids[1:]]
    results = [pool.spawn(document, n) for n in range(RESULTS)]
    joined = [j.wait() for j in joins]
    documented = [r.wait() for r in results]

    assert [r.status_code for r in joined] == [201] * (ACTORS - 1), [r.text for r in joined]
    assert [r.status_code for r in documented] == [201] * RESULTS, \
        [r.text for r in documented if r.status_code != 201]
    view = wait_until(lambda: (lambda v: v if v["actor_count"] == ACTORS else None)(
        operator.get(f"{url}/initiatives/{initiative_id}").json()),
        timeout=30, message="every join applied to the initiative")
    assert sorted(r["title"] for r in view["results"]) == sorted(f"Resultat {n}" for n in range(RESULTS))

    stale = operator.post(f"{url}/initiatives/{initiative_id}/results", headers={"If-Match": first_etag},
                          json={"title": "For sent", "size": "small", "date": "2024-05-31"})
    assert stale.status_code == 412, stale.text
    assert stale.json()["code"] == "version.precondition_failed"
    current = operator.get(f"{url}/initiatives/{initiative_id}")
    assert "For sent" not in [r["title"] for r in current.json()["results"]]
    fresh = operator.post(f"{url}/initiatives/{initiative_id}/results", headers={"If-Match": current.headers["ETag"]},
                          json={"title": "I tide", "size": "small", "date": "2024-05-31"})
    assert fresh.status_code == 201, fresh.text
