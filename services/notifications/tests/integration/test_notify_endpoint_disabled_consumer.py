"""WebhookEndpointDisabled goes out through the service's outbox and comes back through its
own consumer (a real RabbitMQ vhost, the real store, a real SMTP server): the owner is told
by e-mail and in the feed, and nothing is left in samskab.unrouted (issue 12, finding 7)."""
from __future__ import annotations

import uuid

import pytest
from kombu import Connection
from nameko.standalone.rpc import ServiceRpcProxy
from notify_receivers import ok

from notifications.service import NotificationsService
from samskab_infra.context import Principal
from samskab_infra.topology import UNROUTED
from tests.harness import wait_until

pytestmark = pytest.mark.integration

OWNER = "drift@hjoerring.dk"
CONTACT = "it-drift@hjoerring.dk"


def call(config: dict, principal: Principal, method: str, name: str, payload: dict) -> dict:
    data = {"correlation_id": f"test-{uuid.uuid4()}", "principal": principal.to_json()}
    with ServiceRpcProxy("notifications", config, context_data=data, timeout=15) as rpc:
        return getattr(rpc, method)(name, payload)


def unrouted(config: dict) -> int:
    """Messages in samskab.unrouted now (a passive declare counts exactly; the management
    API's figure lags)."""
    with Connection(config["AMQP_URI"]) as connection, connection.channel() as channel:
        return channel.queue_declare(UNROUTED, passive=True).message_count


@pytest.fixture
def service(container_factory, service_config, smtp_server, monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("NOTIFY_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1")
    container = container_factory(NotificationsService, service_config)
    container.start()
    return service_config


def test_a_manual_disable_reaches_the_owner_through_the_broker(service, http_receiver, smtp_server):
    partner = Principal.of(OWNER, "partner")
    operator = Principal.of("nfc@politi.dk", "national_centre")  # partners are national: the centre manages them
    receiver = http_receiver(ok)
    registered = call(service, partner, "execute", "register_endpoint", {
        "url": receiver.url, "event_types": ["ActorJoined"], "contact_email": CONTACT, "language": "en"})
    call(service, operator, "execute", "disable_endpoint", {"endpoint_id": registered["endpoint_id"]})

    feed = wait_until(lambda: call(service, partner, "query", "get_feed", {})["items"], timeout=30,
                      message="the owner's feed tells of the disable")
    assert [(i["event_type"], i["title"]) for i in feed] == [
        ("WebhookEndpointDisabled", f"Webhook disabled: {receiver.url}")]
    assert "by hand" in feed[0]["text"]
    (mail,) = wait_until(lambda: smtp_server.to(CONTACT), timeout=30, message="the owner's e-mail")
    assert mail["Subject"] == f"Webhook disabled: {receiver.url}"
    assert unrouted(service) == 0
