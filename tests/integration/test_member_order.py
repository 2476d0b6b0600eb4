"""Membership events applied out of order leave no ghost member (issue 12, failure 2).

A join that meets a version conflict waits in a retry queue while the leave that followed
it, or the leave an erasure emits, is applied first. Here the race is made certain: the
consumers of initiatives, notifications and reporting are stopped while the real actors
service records joins, leaves and erasures, then every message waiting in their queues
is put back in reverse order before they start again. A second test publishes version-1
events (no ``membership_seq``) leave-first, as an actors service from before the
numbering would have.

The whole system runs in real processes with the real broker and store.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import amqp
import pytest
import requests
from kombu import Connection
from pymongo import MongoClient

from notifications.adapters.mongo_directory import MongoDirectory
from samskab_contracts.events.actors import ActorJoined, ActorLeft
from samskab_infra.envelope import Envelope
from samskab_infra.publisher import ConfirmingPublisher
from tests.harness import RABBIT_API, RABBIT_AUTH, ServiceProcess, handled_count, wait_for_rpc, wait_until
from tests.system import SERVICES, System

pytestmark = pytest.mark.integration

CONSUMERS = ("initiatives", "notifications", "reporting")
INITIATIVE = {
    "title": "Tryghed i Vrå", "district": "nordjylland", "municipalities": ["Hjørring"],
    "themes": ["burglary_prevention"],
    "challenge": {"text": "Indbrud i parcelhuskvarteret.", "perspectives": []},
}


@pytest.fixture(scope="module")
def system(embedded_store):
    # Dozens of events about one initiative at once: its consumer's writes conflict and
    # go round the retry queues (the race itself); a long ladder keeps them out of the DLQ.
    retries = ",".join(["100", "200", "400", "800"] + ["1000"] * 8)
    running = System(embedded_store.uri, extra_env={"SAMSKAB_RETRY_DELAYS_MS": retries}).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def store(system):
    client = MongoClient(system.mongo_uri)
    yield client
    client.close()


@pytest.fixture(scope="module")
def operator(system):
    return system.session(subject="operator@nordjylland.politi.dk")


@pytest.fixture
def initiative_id(system, store, operator) -> str:
    created = operator.post(f"{system.url}/initiatives", json=INITIATIVE)
    assert created.status_code == 201, created.text
    initiative_id = created.json()["initiative_id"]
    for service, collection in (("actors", "initiatives"), ("notifications", "directory_initiatives")):
        wait_until(lambda s=service, c=collection: store[f"{system.db_prefix}_{s}"][c].find_one(
            {"_id": initiative_id}), timeout=30, message=f"{service} heard of the initiative")
    return initiative_id


# -- the system's parts ------------------------------------------------------


def queues(system) -> list[dict]:
    response = requests.get(f"{RABBIT_API}/api/queues/{quote(system.vhost, safe='')}", auth=RABBIT_AUTH,
                            timeout=10)
    response.raise_for_status()
    return response.json()


def consumer_queues(system) -> list[str]:
    return sorted(q["name"] for q in queues(system) if q["name"].split(".")[0] in CONSUMERS
                  and q["name"].endswith(".events"))


def unprocessed(system, store, waiting: dict[str, list[str]]) -> dict[str, int]:
    """How many of the events that waited for each consumer it has not handled yet (by what
    it records as handled)."""
    left = {}
    for service, event_ids in waiting.items():
        db = store[f"{system.db_prefix}_{service}"]
        not_done = [event_id for event_id in set(event_ids) if not handled_count(db, service, event_id)]
        if not_done:
            left[service] = len(not_done)
    return left


def all_processed(system, store, waiting: dict[str, list[str]], timeout: float) -> None:
    try:
        wait_until(lambda: not unprocessed(system, store, waiting), timeout=timeout)
    except AssertionError:
        queued = {q["name"]: q.get("messages") for q in queues(system) if q.get("messages")}
        raise AssertionError(f"not handled: {unprocessed(system, store, waiting)}; queued: {queued}") from None


def stop_consumers(system) -> None:
    for name in CONSUMERS:
        system.processes[name].terminate()
    for name in CONSUMERS:
        system.processes[name].stop(timeout=15)


def start_consumers(system) -> None:
    for name in CONSUMERS:
        env = {**system.env, "METRICS_PORT": str(system.metrics_ports[name])}
        system.processes[name] = ServiceProcess(SERVICES[name], env, name).start()
    for name in CONSUMERS:
        wait_for_rpc(system.vhost, name, process=system.processes[name])


def outbox_drained(system, store) -> bool:
    db = store[f"{system.db_prefix}_actors"]
    return not any(db[c].find_one({"_outbox.0": {"$exists": True}}) for c in ("actors", "memberships"))


def reverse_waiting_messages(system) -> dict[str, list[str]]:
    """Take every waiting message off each consumer queue and put them back last-first;
    returns the event ids now waiting for each consumer."""
    waiting: dict[str, list[str]] = {}
    with Connection(system.amqp_uri) as connection:
        channel = connection.channel()
        for queue in consumer_queues(system):
            taken = []
            while (message := channel.basic_get(queue, no_ack=False)) is not None:
                taken.append(message)
            for message in reversed(taken):
                channel.basic_publish(amqp.Message(message.body, **{**message.properties, "delivery_mode": 2}),
                                      exchange="", routing_key=queue)
            for message in taken:
                channel.basic_ack(message.delivery_tag)
            waiting.setdefault(queue.split(".")[0], []).extend(
                json.loads(m.body)["event_id"] for m in taken)
        channel.close()
    return waiting


def everywhere(system, store, markers: tuple[str, ...]) -> list[str]:
    """Where in any database of this system any marker occurs (database/collection)."""
    found = []
    prefix = f"{system.db_prefix}_"
    for db_name in store.list_database_names():
        if db_name.startswith(prefix):
            for collection in store[db_name].list_collection_names():
                for doc in store[db_name][collection].find({}):
                    if any(marker in repr(doc) for marker in markers):
                        found.append(f"{db_name[len(prefix):]}/{collection}")
    return sorted(set(found))


def members(system, store, operator, initiative_id: str, names: dict[str, str]) -> dict[str, set[str]]:
    """Who each consumer of the actors' events holds as a member of the initiative (actor
    ids; reporting shows active organisations by name, mapped back through ``names``)."""
    initiative = operator.get(f"{system.url}/initiatives/{initiative_id}")
    assert initiative.status_code == 200, initiative.text
    report = operator.get(f"{system.url}/reports/initiatives/{initiative_id}")
    assert report.status_code == 200, report.text
    directory = MongoDirectory(store[f"{system.db_prefix}_notifications"])
    ids = {name: actor_id for actor_id, name in names.items()}
    return {
        "initiatives": set(initiative.json()["actors"]),
        "reporting": {ids.get(o["name"], o["name"]) for o in report.json()["actors"]["organisations"]},
        "notifications": {m.person_id.removeprefix("actor:") for m in directory.members(initiative_id)
                          if m.role == "actor_contact"},
    }


# -- the actors' side, through the gateway ------------------------------------


def register(system, operator, name: str) -> str:
    registered = operator.post(f"{system.url}/actors", json={
        "kind": "business", "name": name, "district": "nordjylland", "municipality": "Hjørring"},
        headers={"Idempotency-Key": f"register-{uuid.uuid4()}"})
    assert registered.status_code == 201, registered.text
    return registered.json()["actor_id"]


def join(system, operator, initiative_id: str, actor_id: str) -> None:
    joined = operator.post(f"{system.url}/initiatives/{initiative_id}/members", json={"actor_id": actor_id})
    assert joined.status_code == 201, joined.text


def leave(system, operator, initiative_id: str, actor_id: str) -> None:
    left = operator.post(f"{system.url}/initiatives/{initiative_id}/members/{actor_id}/leave", json={})
    assert left.status_code == 200, left.text


def erase(system, operator, actor_id: str) -> None:
    erased = operator.post(f"{system.url}/actors/{actor_id}/erasure")
    assert erased.status_code == 200, erased.text


def names(count: int, what: str) -> Iterator[str]:
    for _ in range(count):
        yield f"Markoer {what} {uuid.uuid4().hex[:10]} ApS"


# -- the tests -----------------------------------------------------------------


def test_joins_applied_after_their_leaves_and_erasures_leave_no_ghost_and_no_name(
        system, store, operator, initiative_id):
    leaving = {register(system, operator, n): n for n in names(4, "Udtraadt")}
    erased = {register(system, operator, n): n for n in names(4, "Slettet")}
    staying = {register(system, operator, n): n for n in names(2, "Bliver")}
    stop_consumers(system)
    try:
        for actor_id in leaving:
            join(system, operator, initiative_id, actor_id)
            leave(system, operator, initiative_id, actor_id)
        for actor_id in erased:
            join(system, operator, initiative_id, actor_id)
            erase(system, operator, actor_id)
        for actor_id in staying:  # left and came back: the last word is a join
            join(system, operator, initiative_id, actor_id)
            leave(system, operator, initiative_id, actor_id)
            join(system, operator, initiative_id, actor_id)
        wait_until(lambda: outbox_drained(system, store), timeout=60, message="the actors' outbox drained")
        waiting = reverse_waiting_messages(system)
    finally:
        start_consumers(system)
    assert len(waiting["initiatives"]) == 2 * len(leaving) + 2 * len(erased) + 3 * len(staying)
    all_processed(system, store, waiting, timeout=120)

    held = members(system, store, operator, initiative_id, {**leaving, **erased, **staying})
    assert held == {service: set(staying) for service in CONSUMERS}
    assert everywhere(system, store, tuple(erased.values())) == []
    assert all(everywhere(system, store, (n,)) for n in staying.values())  # names do arrive


def version_1(event: ActorJoined | ActorLeft) -> Envelope:
    """As an actors service from before membership_seq published it."""
    envelope = Envelope.wrap(event, producer="actors", district="nordjylland", occurred_at=event.data["at"])
    return Envelope(**{**envelope.to_dict(), "version": 1})


def test_version_1_events_published_leave_first_are_ordered_by_their_time(system, store, operator,
                                                                          initiative_id):
    actor_id, name = str(uuid.uuid4()), next(names(1, "Gammel"))
    facts = {"actor_id": actor_id, "actor_kind": "business", "district": "nordjylland",
             "initiative_id": initiative_id, "scope": "initiative", "platform_ids": []}
    joined = ActorJoined(**facts, role="member", name=name, department=None, interests=[],
                         at="2026-03-01T09:00:00.000000Z")
    left = ActorLeft(**facts, reason_code="other", at="2026-03-01T09:05:00.000000Z")
    envelopes = [version_1(left), version_1(joined)]
    publisher = ConfirmingPublisher(system.amqp_uri, "samskab.events")
    try:
        publisher.publish_batch(envelopes)
    finally:
        publisher.close()
    event_ids = [e.event_id for e in envelopes]
    all_processed(system, store, {service: event_ids for service in CONSUMERS}, timeout=60)
    held = members(system, store, operator, initiative_id, {actor_id: name})
    assert held == {service: set() for service in CONSUMERS}
    # reporting's actor directory may know the name of an actor that left; a member list may not
    assert "initiatives/initiatives" not in everywhere(system, store, (name,))
