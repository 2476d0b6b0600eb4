"""Concurrent joins against a running ActorsService (real RabbitMQ, real store): the
same actor joining ten times at once (on its own request, through its representative)
is a member once, announced once."""
from __future__ import annotations

import uuid

import eventlet
import pytest
from eventlet.event import Event as GreenEvent
from nameko.standalone.rpc import ServiceRpcProxy

from actors.service import ActorsService
from samskab_contracts.events.initiatives import InitiativeCreated, PlatformEstablished
from samskab_infra.aggregate_store import OUTBOX_PENDING
from samskab_infra.context import Principal
from samskab_infra.envelope import Envelope
from samskab_infra.errors import SamskabError
from samskab_infra.publisher import ConfirmingPublisher
from samskab_infra.settings import load_settings
from tests.harness import wait_until

pytestmark = pytest.mark.integration
CALLERS = 10
CITIZEN = {"kind": "citizen", "district": "nordjylland", "display_name": "Nabo i Tårs",
           "contact": {"channel": "none"}}
OPERATOR = Principal.of("operator@nordjylland.politi.dk", "district_operator", district="nordjylland")


def actors_rpc(config, principal: Principal) -> ServiceRpcProxy:
    return ServiceRpcProxy("actors", config, context_data={"principal": principal.to_json()})


def citizen_itself(actor_id: str) -> Principal:
    return Principal.of("nabo@example.dk", "actor_representative", actor_id=actor_id)


@pytest.fixture
def running(container_factory, service_config, mongo_client, db_prefix):
    """The service, an initiative with one platform it has heard of, and one citizen."""
    container_factory(ActorsService, service_config).start()
    initiative_id, platform_id = str(uuid.uuid4()), str(uuid.uuid4())
    publisher = ConfirmingPublisher(service_config["AMQP_URI"],
                                    load_settings(service_config).events_exchange)
    publisher.publish_batch([
        Envelope.wrap(InitiativeCreated(**{**InitiativeCreated.example, "initiative_id": initiative_id}),
                      producer="initiatives", district="nordjylland"),
        Envelope.wrap(PlatformEstablished(**{**PlatformEstablished.example, "initiative_id": initiative_id,
                                             "platform_id": platform_id}),
                      producer="initiatives", district="nordjylland"),
    ])
    publisher.close()
    db = mongo_client[f"{db_prefix}_actors"]
    wait_until(lambda: db["initiatives"].find_one({"_id": initiative_id, "platform_ids": platform_id}),
               message="the actors service knows the initiative and its platform")
    with actors_rpc(service_config, OPERATOR) as rpc:
        actor_id = rpc.execute("register_actor", CITIZEN)["actor_id"]
    return {"db": db, "initiative_id": initiative_id, "platform_id": platform_id, "actor_id": actor_id}


def all_at_once(config, command: str, payload: dict) -> list:
    """``CALLERS`` callers, each on its own connection, released together."""
    connected: list[int] = []
    go = GreenEvent()

    def call(_):
        with actors_rpc(config, citizen_itself(payload["actor_id"])) as rpc:
            connected.append(1)
            go.wait()
            try:
                return rpc.execute(command, payload)
            except SamskabError as exc:
                return exc.code

    pool = eventlet.GreenPool(CALLERS)
    results = [pool.spawn(call, n) for n in range(CALLERS)]
    wait_until(lambda: len(connected) == CALLERS, message="every caller connected")
    go.send(True)
    return [r.wait() for r in results]


def announced(db, event_type: str, actor_id: str) -> list[dict]:
    wait_until(lambda: db["memberships"].count_documents({OUTBOX_PENDING: True}) == 0,
               message="the outbox relayed everything")
    return list(db["memberships_events"].find({"type": event_type, "data.actor_id": actor_id}))


def test_ten_concurrent_joins_make_one_membership_and_one_actor_joined(running, service_config):
    results = all_at_once(service_config, "join_initiative",
                          {"initiative_id": running["initiative_id"], "actor_id": running["actor_id"]})
    joined = [r for r in results if isinstance(r, dict)]
    assert len(joined) == 1, results
    assert [r for r in results if not isinstance(r, dict)] == ["membership.already_member"] * (CALLERS - 1)
    [membership] = running["db"]["memberships"].find({"actor_id": running["actor_id"]})
    assert len(membership["periods"]) == 1 and membership["active"]
    [event] = announced(running["db"], "ActorJoined", running["actor_id"])
    assert event["data"]["scope"] == "initiative"


def test_ten_concurrent_joins_of_one_platform_open_one_period(running, service_config):
    with actors_rpc(service_config, citizen_itself(running["actor_id"])) as rpc:
        rpc.execute("join_initiative", {"initiative_id": running["initiative_id"],
                                        "actor_id": running["actor_id"]})
    results = all_at_once(service_config, "join_platform", {
        "initiative_id": running["initiative_id"], "platform_id": running["platform_id"],
        "actor_id": running["actor_id"]})
    assert len([r for r in results if isinstance(r, dict)]) == 1, results
    assert {r for r in results if not isinstance(r, dict)} == {"membership.already_on_platform"}
    [membership] = running["db"]["memberships"].find({"actor_id": running["actor_id"]})
    [platform] = membership["platforms"]
    assert len(platform["periods"]) == 1
    scopes = sorted(e["data"]["scope"] for e in announced(running["db"], "ActorJoined",
                                                          running["actor_id"]))
    assert scopes == ["initiative", "platform"]
