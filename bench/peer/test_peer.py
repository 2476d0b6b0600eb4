"""Smoke test of the naive peer: 20 initiatives through its gateway reach every consumer.

Not part of ``make test`` (bench/ is outside the pytest testpaths); run it with
``.venv/bin/python -m pytest bench/peer/test_peer.py -q``.
"""
from __future__ import annotations

import pytest
import requests

from bench.peer.run import start_peer
from tests.harness import wait_until
from tests.system import create_vhost, delete_vhost

pytestmark = pytest.mark.integration

COMMANDS = 20


@pytest.fixture
def peer(mongo_uri):
    vhost = create_vhost()
    system = start_peer(mongo_uri, f"amqp://guest:guest@127.0.0.1:5672/{vhost}")
    yield system
    system.stop()
    delete_vhost(vhost)


def test_every_initiative_reaches_the_read_model_and_the_other_consumers(peer, mongo_client):
    created = []
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {peer.token}"
        for i in range(COMMANDS):
            response = session.post(f"{peer.url}/initiatives", timeout=10, json={
                "title": f"Bench {i}", "challenge": {"text": "Indbrud"},
                "themes": ["burglary_prevention"], "district": "nordjylland"})
            assert response.status_code == 201, response.text
            created.append(response.json()["initiative_id"])
        assert session.post(f"{peer.url}/initiatives", json={"title": "x"}, timeout=10,
                            headers={"Authorization": "Bearer wrong"}).status_code == 401

    database, collection = peer.read_model
    read_model = mongo_client[database][collection]
    prefix = database.removesuffix("_peer_reporting")
    wait_until(lambda: read_model.count_documents({"_id": {"$in": created}}) == COMMANDS, timeout=30,
               message=f"{COMMANDS} read-model documents")
    assert {doc["title"] for doc in read_model.find({"_id": {"$in": created}})} == {
        f"Bench {i}" for i in range(COMMANDS)}
    wait_until(lambda: (mongo_client[database]["districts"].find_one({"_id": "nordjylland"}) or {})
               .get("initiatives") == COMMANDS, timeout=30, message="the district counter")
    wait_until(lambda: mongo_client[f"{prefix}_peer_actors"]["initiatives"].count_documents({}) == COMMANDS,
               timeout=30, message="the actors' records")
    wait_until(lambda: mongo_client[f"{prefix}_peer_notifications"]["feed"].count_documents({}) == COMMANDS,
               timeout=30, message="the feed entries")
    assert set(peer.pids) == {"gateway", "initiatives", "reporting", "notifications", "actors"}
