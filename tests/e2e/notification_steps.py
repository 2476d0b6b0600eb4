"""Steps of the notifications end-to-end tests, through the gateway: initiatives with an
anchor person, actors joining, partner systems that verify webhooks, the delivery log,
events on the broker, metrics and problem documents."""
from __future__ import annotations

import importlib.util
import json
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime

import requests
from kombu import Connection, Queue
from prometheus_client.parser import text_string_to_metric_families

from samskab_dev.receivers import HttpReceiver, MailSink
from samskab_infra.envelope import Envelope
from samskab_infra.publisher import ConfirmingPublisher
from samskab_infra.settings import Settings
from samskab_infra.topology import events_exchange
from tests.harness import ROOT, wait_until

EXCHANGE = Settings().events_exchange
RECEIVER = ROOT / "examples" / "webhook-receiver" / "receiver.py"


def _reference_receiver():
    spec = importlib.util.spec_from_file_location("samskab_reference_receiver", RECEIVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference = _reference_receiver()


class Partner:
    """Answers ``answers`` in turn (then 200) to genuine requests and 401 to forged ones;
    keeps each verified payload with its webhook-id and the raw request."""

    def __init__(self, answers=()):
        self.secrets: list[str] = []
        self.answers = list(answers)
        self.verified: list[dict] = []
        self.http = HttpReceiver(self._respond).start()

    def _respond(self, request: dict):
        try:
            payload = reference.verify(request["body"], request["headers"], self.secrets)
        except reference.InvalidWebhook:
            return 401, {}, b"forged"
        status = self.answers.pop(0) if self.answers else 200
        if status == 200:
            self.verified.append({"webhook_id": request["headers"]["webhook-id"], "raw": request, **payload})
        return status, {}, b"accepted" if status == 200 else f"down ({status})".encode()

    def received(self, count: int) -> list[dict]:
        return wait_until(lambda: len(self.verified) >= count and self.verified, timeout=20,
                          message=f"{count} verified webhooks")


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def new_initiative(system, district: str = "nordjylland", title: str | None = None) -> tuple[str, str]:
    title = title or unique("Hjørring – Fri for Indbrud")
    created = system.session(district=district).post(f"{system.url}/initiatives", json={
        "title": title, "challenge": {"text": "Mange indbrud i private hjem.", "perspectives": []},
        "themes": ["burglary_prevention"], "district": district, "municipalities": ["Hjørring"]})
    assert created.status_code == 201, created.text
    return created.json()["initiative_id"], title


def with_anchor(system) -> tuple[str, str, str]:
    """A new initiative whose anchor person has an e-mail address: (id, title, address)."""
    initiative_id, title = new_initiative(system)
    address = f"{unique('anker')}@nordjylland.politi.dk"
    assigned = system.session().put(f"{system.url}/initiatives/{initiative_id}/anchor-person", json={
        "anchor_person": {"person_id": address, "name": "Søren Ærø", "email": address}})
    assert assigned.status_code == 200, assigned.text
    # The assignment and later ActorJoined events come from different services, in no
    # guaranteed order: wait until notifications knows the anchor person.
    as_anchor = system.session(role="anchor_person", subject=address, initiatives=(initiative_id,))
    wait_until(lambda: as_anchor.get(f"{system.url}/me/feed", params={"limit": 1}).json()["items"], timeout=20,
               message="notifications know the anchor person")
    return initiative_id, title, address


def join_new_actor(system, initiative_id: str, name: str) -> str:
    operator = system.session()
    actor = operator.post(f"{system.url}/actors", json={"kind": "municipality", "district": "nordjylland",
                                                       "name": name})
    assert actor.status_code == 201, actor.text
    actor_id = actor.json()["actor_id"]

    def joined():  # the actors service learns about the initiative from its event
        return operator.post(f"{system.url}/initiatives/{initiative_id}/members",
                             json={"actor_id": actor_id}).status_code == 201

    wait_until(joined, timeout=20, interval=0.2, message="the actor joins")
    return actor_id


def subjects(mail: MailSink, address: str) -> list[str]:
    return [m["Subject"] for m in mail.to(address)]


def wait_for_mail(mail: MailSink, address: str, fragment: str):
    found = wait_until(lambda: [m for m in mail.to(address) if fragment in m["Subject"]], timeout=20,
                       message=f"a mail to {address} about {fragment}")
    return found[0]


def publish(system, *envelopes: Envelope) -> None:
    publisher = ConfirmingPublisher(system.amqp_uri, EXCHANGE)
    try:
        publisher.publish_batch(envelopes)
    finally:
        publisher.close()


@contextmanager
def listening(system, routing_key: str):
    """Events the system publishes on ``routing_key`` from now on."""
    with Connection(system.amqp_uri) as connection:
        queue = Queue(unique("e2e-notify"), exchange=events_exchange(EXCHANGE), routing_key=routing_key,
                      exclusive=True)(connection.default_channel)
        queue.declare()

        def next_event():
            message = queue.get(no_ack=True)
            return json.loads(message.body) if message else None

        yield next_event


def delivery_count(system, channel: str, status: str) -> float:
    text = requests.get(f"http://127.0.0.1:{system.metrics_ports['notifications']}/metrics", timeout=5).text
    return sum(s.value for family in text_string_to_metric_families(text)
               for s in family.samples if s.name == "samskab_notification_deliveries_total"
               and s.labels == {"channel": channel, "status": status})


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["request_id"]
    if code:
        assert body["code"] == code, body
    return body


def register(system, session, partner: Partner, initiative_id: str, **extra) -> dict:
    registered = session.post(f"{system.url}/webhook-endpoints", json={
        "url": partner.http.url, "event_types": ["ActorJoined"], "initiative_id": initiative_id, **extra})
    assert registered.status_code == 201, registered.text
    assert registered.headers["Location"] == f"/webhook-endpoints/{registered.json()['endpoint_id']}"
    partner.secrets = [registered.json()["secret"]]
    return registered.json()


def delivery_log(session, system, endpoint_id: str, count: int) -> list[dict]:
    """The whole log, newest first, once it holds ``count`` attempts, read in pages of
    two (so following next_cursor is exercised too)."""
    def logged():
        attempts, cursor = [], None
        while True:
            page = session.get(f"{system.url}/webhook-endpoints/{endpoint_id}/deliveries",
                               params={"limit": 2, "cursor": cursor}).json()
            attempts += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                return len(attempts) >= count and attempts
    return wait_until(logged, timeout=20, message=f"{count} attempts in the delivery log")


def as_partner(system):
    return system.session(role="partner", subject=f"{unique('partner')}@hjoerring.dk")
