"""An outside partner's subscriber, written with pika (a client the project does not
otherwise use) and configured only from docs/asyncapi.json and the output of
`topology_cli partner-add`: it receives the partner views of what officers and actors do,
every one valid against the document, with no officer, no e-mail, no phone number, no
citizen's name and no ActorContactShared; and its user cannot touch the internal exchange."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from collections import Counter

import pika
import pytest
from pika.exceptions import ChannelClosedByBroker, ProbableAuthenticationError
from pymongo import MongoClient

from tests.harness import PYTHONPATH, RABBIT_API, ROOT, wait_until
from tests.partner.contract import PartnerContract

pytestmark = pytest.mark.e2e
EMAIL = re.compile(r"[^@\s\"]+@[^@\s\"]+\.[a-z]{2,}")
EXPECTED = Counter({"InitiativeCreated": 1, "AnchorPersonAssigned": 1, "ActorRegistered": 2, "ActorJoined": 1,
                    "ResultDocumented": 1})


def topology_cli(system, *args: str) -> dict | list:
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "AMQP_URI": system.amqp_uri,
           "SAMSKAB_BROKER_API_URI": RABBIT_API}
    done = subprocess.run([sys.executable, "-m", "samskab_dev.topology_cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


class Subscriber:
    """What a partner writes from the document: the development server, the exchange of
    the channel bindings, its own queue bound to `#`."""

    def __init__(self, contract: PartnerContract, account: dict):
        host, port = contract.document["servers"]["development"]["host"].split(":")
        self.parameters = pika.ConnectionParameters(
            host=host, port=int(port), virtual_host=account["vhost"],
            credentials=pika.PlainCredentials(account["username"], account["password"]))
        self.exchange = contract.exchange["name"]
        self.queue = f"{account['queue_prefix']}events"
        self.connection = pika.BlockingConnection(self.parameters)
        channel = self.connection.channel()
        channel.queue_declare(self.queue, durable=True)
        channel.queue_bind(self.queue, self.exchange, routing_key="#")
        self.channel = channel
        self.received: list[tuple[pika.BasicProperties, dict]] = []

    def drain(self) -> Counter:
        """Everything waiting, de-duplicated by message_id as the document asks."""
        while True:
            method, properties, body = self.channel.basic_get(self.queue)
            if method is None:
                return Counter(body["type"] for _, body in self.received)
            if properties.message_id not in {p.message_id for p, _ in self.received}:
                self.received.append((properties, json.loads(body)))
            self.channel.basic_ack(method.delivery_tag)

    def refused(self, attempt) -> int:
        """The reply code when the broker closes a fresh channel over ``attempt``."""
        channel = self.connection.channel()
        with pytest.raises(ChannelClosedByBroker) as closed:
            attempt(channel)
        return closed.value.reply_code

    def close(self) -> None:
        if self.connection.is_open:
            self.connection.close()


@pytest.fixture(scope="module")
def store(system):
    client = MongoClient(system.mongo_uri)
    yield client
    client.close()


@pytest.fixture(scope="module")
def account(system):
    name = f"acme-{uuid.uuid4().hex[:6]}"
    created = topology_cli(system, "partner-add", name)
    yield created
    topology_cli(system, "partner-revoke", name)


@pytest.fixture(scope="module")
def subscriber(account):
    subscriber = Subscriber(PartnerContract(), account)
    yield subscriber
    subscriber.close()


def act(system, store, tag: str) -> dict[str, str]:
    """Officers and actors at work; returns the personal data they typed in."""
    secrets = {"officer": f"operator.{tag}@nordjylland.politi.dk", "anchor": f"anker.{tag}@nordjylland.politi.dk",
               "citizen_name": f"Markoer Borger {tag}", "citizen_email": f"markoer.{tag}@example.dk",
               "phone": f"+45 {int(tag[:6], 16) % 9000000 + 91000000}"}
    operator = system.session(subject=secrets["officer"])
    created = operator.post(f"{system.url}/initiatives", json={
        "title": f"Tryghed i Vrå {tag}", "district": "nordjylland", "municipalities": ["Hjørring"],
        "themes": ["burglary_prevention"], "challenge": {"text": "Indbrud i parcelhuskvarteret.", "perspectives": []}})
    assert created.status_code == 201, created.text
    initiative_id = created.json()["initiative_id"]
    anchored = operator.put(f"{system.url}/initiatives/{initiative_id}/anchor-person", json={
        "anchor_person": {"person_id": secrets["anchor"], "name": "Søren Ærø", "email": secrets["anchor"]}})
    assert anchored.status_code == 200, anchored.text
    citizen = operator.post(f"{system.url}/actors", json={
        "kind": "citizen", "district": "nordjylland", "display_name": secrets["citizen_name"],
        "contact": {"channel": "sms", "address": secrets["phone"]}, "consent_purposes": ["notifications"]})
    assert citizen.status_code == 201, citizen.text
    citizen_id = citizen.json()["actor_id"]
    moved = operator.patch(f"{system.url}/actors/{citizen_id}",
                           json={"contact": {"channel": "email", "address": secrets["citizen_email"]}})
    assert moved.status_code == 200, moved.text
    kommune = operator.post(f"{system.url}/actors", json={"kind": "municipality", "district": "nordjylland",
                                                           "name": f"Hjørring Kommune {tag}"})
    assert kommune.status_code == 201, kommune.text
    kommune_id = kommune.json()["actor_id"]
    wait_until(lambda: operator.post(f"{system.url}/initiatives/{initiative_id}/members",
                                     json={"actor_id": kommune_id}).status_code == 201,
               timeout=30, interval=0.2, message="the municipality joins")
    # The initiative records the member from ActorJoined; a command racing that update gets 409.
    initiatives = store[f"{system.db_prefix}_initiatives"]["initiatives"]
    wait_until(lambda: initiatives.find_one({"_id": initiative_id, f"actors.{kommune_id}": {"$exists": True}}),
               timeout=30, message="the initiative knows its new member")
    result = operator.post(f"{system.url}/initiatives/{initiative_id}/results", json={
        "size": "small", "title": "Første nabohjælpsmøde", "date": "2024-05-31", "actor_ids": [kommune_id]})
    assert result.status_code == 201, result.text
    contacts = store[f"{system.db_prefix}_notifications"]["actor_contacts"]
    wait_until(lambda: (contacts.find_one({"_id": citizen_id}) or {}).get("address") == secrets["citizen_email"],
               timeout=30, message="ActorContactShared was published and consumed internally")
    return {**secrets, "citizen_id": citizen_id, "kommune_id": kommune_id}


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in _keys(item)}
    if isinstance(value, list):
        return {k for item in value for k in _keys(item)}
    return set()


def test_a_partner_receives_valid_partner_views_without_personal_data(system, store, subscriber):
    typed = act(system, store, uuid.uuid4().hex[:10])
    wait_until(lambda: subscriber.drain() >= EXPECTED, timeout=60, message=f"partner received {dict(EXPECTED)}")
    contract = PartnerContract()
    for properties, body in subscriber.received:
        text = json.dumps(body, ensure_ascii=False)
        assert body["type"] not in {"ActorContactShared", "ConsentGiven", "ConsentWithdrawn", "ActorErased"}
        assert "by" not in _keys(body) and "created_by" not in _keys(body), text
        assert not EMAIL.search(text), text
        for secret in (typed["phone"], typed["citizen_name"], typed["citizen_id"], typed["kommune_id"]):
            assert secret not in text
        assert contract.errors(body) == [], (body["type"], contract.errors(body))
        assert properties.message_id == body["event_id"] and properties.type == body["type"]
        assert properties.delivery_mode == 2 and properties.content_type == "application/json"
        assert properties.headers["nameko.correlation_id"] == body["correlation_id"]
        assert properties.headers["event_version"] == body["version"]
    # The citizen is the same pseudonym everywhere; the municipality keeps its name.
    registered = [b["data"] for _, b in subscriber.received if b["type"] == "ActorRegistered"]
    [joined] = [b["data"] for _, b in subscriber.received if b["type"] == "ActorJoined"]
    [result] = [b["data"] for _, b in subscriber.received if b["type"] == "ResultDocumented"]
    kommune = next(r for r in registered if r["actor_kind"] == "municipality")
    assert kommune["actor_id"] == joined["actor_id"] == result["actor_ids"][0]
    assert kommune["name"].startswith("Hjørring Kommune")


def test_the_partner_user_is_refused_everything_but_its_own_queues(system, account, subscriber):
    internal = system.env.get("SAMSKAB_EVENTS_EXCHANGE", "samskab.events")
    assert subscriber.refused(lambda ch: ch.queue_bind(subscriber.queue, internal, routing_key="#")) == 403
    assert subscriber.refused(lambda ch: ch.basic_get("notifications.events")) == 403
    assert subscriber.refused(lambda ch: ch.queue_declare("notifications.events.peek", durable=True)) == 403
    assert subscriber.refused(lambda ch: ch.exchange_declare(subscriber.exchange, "topic", durable=True)) == 403
    listed = topology_cli(system, "partner-list")
    assert {"name": account["name"], "user": account["username"], "queues": [subscriber.queue]} in listed
    assert "password" not in json.dumps(listed)


def test_a_revoked_partner_can_no_longer_connect(system, account, subscriber):
    name = f"gone-{uuid.uuid4().hex[:6]}"
    gone = topology_cli(system, "partner-add", name)
    Subscriber(PartnerContract(), gone).close()
    revoked = topology_cli(system, "partner-revoke", name)
    assert revoked["deleted_queues"] == [f"{gone['queue_prefix']}events"]
    with pytest.raises(ProbableAuthenticationError):
        Subscriber(PartnerContract(), gone)
