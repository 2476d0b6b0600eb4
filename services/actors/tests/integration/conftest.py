"""One running system (real RabbitMQ, real store, the gateway, every service) for the
actors service's tests through the gateway, shared by the files of this directory; each
file works in an initiative of its own."""
from __future__ import annotations

import uuid

import pytest
from pymongo import MongoClient

from tests.harness import wait_until
from tests.system import System

ANCHOR = f"anchor-{uuid.uuid4().hex[:8]}@nordjylland.politi.dk"
INITIATIVE = {
    "title": "Hjørring – Fri for Indbrud", "district": "nordjylland", "municipalities": ["Hjørring"],
    "themes": ["burglary_prevention"],
    "challenge": {"text": "Mange indbrud i private hjem.", "perspectives": []},
}


@pytest.fixture(scope="package")
def system(embedded_store):
    running = System(embedded_store.uri).start()
    yield running
    running.stop()


@pytest.fixture(scope="package")
def actors_db(system):
    client = MongoClient(system.mongo_uri)
    yield client[f"{system.db_prefix}_actors"]
    client.close()


def initiative_world(system, actors_db, title: str) -> dict:
    """A new initiative the actors service has heard of, its district operator, and its
    anchor person (appointed through the API; their person id is the token's subject)."""
    operator = system.session(subject="operator@nordjylland.politi.dk")
    created = operator.post(f"{system.url}/initiatives", json={**INITIATIVE, "title": title})
    assert created.status_code == 201, created.text
    initiative_id = created.json()["initiative_id"]
    assigned = operator.put(f"{system.url}/initiatives/{initiative_id}/anchor-person",
                            json={"anchor_person": {"person_id": ANCHOR, "name": "Anker Person"}})
    assert assigned.status_code == 200, assigned.text
    wait_until(lambda: actors_db["initiatives"].find_one({"_id": initiative_id}),
               message="the actors service heard of the initiative")
    return {"operator": operator, "initiative_id": initiative_id, "db": actors_db,
            "anchor": system.session(role="anchor_person", subject=ANCHOR, district="nordjylland",
                                     initiatives=(initiative_id,))}


@pytest.fixture(scope="module")
def world(system, actors_db):
    return initiative_world(system, actors_db, INITIATIVE["title"])
