"""The relay sends an event's partner view in the same confirmed batch as the event: when
the broker is away neither goes and both stay in the outbox; when it is back both go, the
view with the event's id as its message_id. Private events never reach the partner exchange."""
from __future__ import annotations

import json

import pytest
from kombu import Connection, Queue

from samskab_contracts.events.actors import ActorContactShared
from samskab_contracts.events.initiatives import InitiativeCreated
from samskab_contracts.partner import PARTNER_VIEWS
from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.envelope import Envelope
from samskab_infra.outbox_relay import OutboxRelay
from samskab_infra.partner_stream import PartnerStream
from samskab_infra.publisher import ConfirmingPublisher, PublishFailed
from samskab_infra.topology import declare_exchanges, events_exchange, partner_exchange

pytestmark = pytest.mark.integration
EVENTS, PARTNER = "samskab.events", "samskab.partner"
OBSERVER, PARTNER_QUEUE = "observer.events", "partner.acme.events"


def drain(uri: str, name: str) -> list:
    with Connection(uri) as connection, connection.channel() as channel:
        queue = Queue(name)(channel)
        messages = []
        while (message := queue.get(no_ack=True)) is not None:
            messages.append(message)
        return messages


def test_a_partner_view_is_published_only_together_with_its_event(rabbit_config, mongo_client, db_prefix):
    uri = rabbit_config["AMQP_URI"]
    with Connection(uri) as connection:
        declare_exchanges(connection, EVENTS, PARTNER)
        with connection.channel() as channel:
            Queue(OBSERVER, exchange=events_exchange(EVENTS), routing_key="#", durable=True)(channel).declare()
            Queue(PARTNER_QUEUE, exchange=partner_exchange(PARTNER), routing_key="#", durable=True)(channel).declare()
    collection = mongo_client[f"{db_prefix}_relay"]["things"]
    store = AggregateStore(collection)
    store.ensure_indexes()
    created = Envelope.wrap(InitiativeCreated(**InitiativeCreated.example), producer="initiatives",
                            district="nordjylland")
    shared = Envelope.wrap(ActorContactShared(**ActorContactShared.example), producer="actors",
                           district="nordjylland")
    store.create("a1", {"title": "x"}, [created, shared])
    stream = PartnerStream(PARTNER, b"k" * 32, PARTNER_VIEWS)

    away = ConfirmingPublisher("amqp://guest:guest@127.0.0.1:1/", EVENTS, confirm_timeout=2, partner=stream)
    with pytest.raises(PublishFailed):
        OutboxRelay([collection], away).relay_once()
    assert drain(uri, OBSERVER) == [] and drain(uri, PARTNER_QUEUE) == []
    assert len(collection.find_one({"_id": "a1"})["_outbox"]) == 2

    back = ConfirmingPublisher(uri, EVENTS, partner=stream)
    try:
        assert OutboxRelay([collection], back).relay_once() == 2
    finally:
        back.close()
    internal = {m.properties["message_id"]: m for m in drain(uri, OBSERVER)}
    [view] = drain(uri, PARTNER_QUEUE)
    assert set(internal) == {created.event_id, shared.event_id}
    assert view.properties["message_id"] == created.event_id and view.properties["delivery_mode"] == 2
    body = json.loads(view.body)
    assert body["type"] == "InitiativeCreated" and "by" not in body["data"] and "challenge" not in body["data"]
    assert collection.find_one({"_id": "a1"})["_outbox"] == []
