"""Federation: two district brokers feed the national broker; national reporting adds up.

Two extra RabbitMQ nodes, booted from deploy/rabbitmq (rabbitmq.conf, enabled_plugins,
the district definitions, a users file in place of the secret), are the district
brokers. This machine's broker is the national one: a vhost loaded with the national
definitions and one federation upstream per district. A reporting instance runs per
district and one nationally, each with its own database; the national one never
sees a district database.
"""
from __future__ import annotations

import re
import secrets
import subprocess
import time
import uuid
from urllib.parse import quote

import pytest
import requests
from deploy_support import DEPLOY, BrokerNode, Fleet, delete_vhost, promql_expressions, queue_info, quorum_vhost
from nameko.standalone.rpc import ServiceRpcProxy

from reporting.domain.rollup import rollup
from reporting.domain.viewer import EVERYTHING
from reporting.service import HANDLED_EVENTS
from samskab_dev.synthetic import history
from samskab_infra.context import Principal
from samskab_infra.envelope import Envelope
from samskab_infra.mongo import make_client
from samskab_infra.publisher import ConfirmingPublisher
from scripts.deploy_definitions import FEDERATION_USER, read_definitions, upstream_parameter, users_definitions
from tests.harness import handled_count, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.federation]

DISTRICTS = ("nordjylland", "bornholm")
# Concurrent events of one initiative contend for its read model (compare-and-set): allow
# as many attempts as the production ladder, only faster.
RETRY_DELAYS_MS = "200,500,1000,2000"
HIDDEN = ("_id", "_outbox", "_outbox_pending", "_rev", "version", "_applied")


@pytest.fixture(scope="module", autouse=True)
def national_federation_plugin():
    """The national broker (this machine's) needs the federation plugin; ``make broker``
    enables it, as it does the management plugin, and so does this (idempotent)."""
    enabled = subprocess.run(["rabbitmq-plugins", "list", "-e", "-m"], capture_output=True, text=True,
                             timeout=120, check=True).stdout.split()
    if "rabbitmq_federation" not in enabled:
        subprocess.run(["rabbitmq-plugins", "enable", "rabbitmq_federation"], capture_output=True,
                       timeout=120, check=True)


def stop_all(nodes: list[BrokerNode]) -> None:
    """Ask every node to stop at once (each stop takes seconds), then make sure each has."""
    asked = [subprocess.Popen(["rabbitmqctl", "-n", node.node, "stop"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for node in nodes if node.process is not None]
    for request in asked:
        request.wait(timeout=120)
    for node in nodes:
        node.stop()


def district_events(district: str, seed: int) -> list[Envelope]:
    raw = history(8, 25, seed=seed, districts=(district,))
    return [Envelope.parse(item) for item in raw if item["type"] in HANDLED_EVENTS]


def publish(amqp_uri: str, envelopes: list[Envelope]) -> None:
    publisher = ConfirmingPublisher(amqp_uri, "samskab.events")
    try:
        for start in range(0, len(envelopes), 200):
            publisher.publish_batch(envelopes[start:start + 200])
    finally:
        publisher.close()


def node_queues(node: BrokerNode) -> dict[str, dict]:
    response = requests.get(f"{node.api}/api/queues/%2F", auth=node.auth, timeout=10)
    response.raise_for_status()
    return {q["name"]: q for q in response.json()}


def upstream_queue(node: BrokerNode) -> dict | None:
    """The queue the national broker's federation link keeps on a district broker."""
    found = [q for name, q in node_queues(node).items() if name.startswith("federation:")]
    return found[0] if found else None


def link_ready(node: BrokerNode) -> bool:
    """The link consumes its queue and the district exchange forwards what national reporting
    is bound to (through the link's own upstream exchange)."""
    queue = upstream_queue(node)
    if queue is None or not queue.get("consumers"):
        return False
    bindings = requests.get(f"{node.api}/api/bindings/%2F", auth=node.auth, timeout=10).json()
    keys = {b["routing_key"] for b in bindings
            if b["source"] == "samskab.events" and b["destination"].startswith("federation:")}
    return keys >= {f"{t}.*" for t in HANDLED_EVENTS}


def link_permissions(node: BrokerNode, **changes: str) -> None:
    """Set the federation user's permissions on a district broker (as deployed, plus ``changes``)."""
    deployed = next(p for p in node.users["permissions"] if p["user"] == FEDERATION_USER)
    body = {k: changes.get(k, deployed[k]) for k in ("configure", "write", "read")}
    requests.put(f"{node.api}/api/permissions/%2F/{FEDERATION_USER}", auth=node.auth, json=body,
                 timeout=10).raise_for_status()
    if changes:  # permissions are checked when a link (re)connects: drop the open one
        for connection in requests.get(f"{node.api}/api/connections", auth=node.auth, timeout=10).json():
            if connection.get("user") == FEDERATION_USER:
                requests.delete(f"{node.api}/api/connections/{quote(connection['name'], safe='')}",
                                auth=node.auth, timeout=10)


def logged(client, prefix: str) -> int:
    """Events a reporting instance has applied (recorded once its handler succeeded)."""
    return handled_count(client[f"{prefix}_reporting"], "reporting")


def read_models(client, prefix: str) -> list[dict]:
    docs = client[f"{prefix}_reporting"]["initiatives"].find({})
    return [{k: v for k, v in doc.items() if k not in HIDDEN} for doc in docs]


def get_rollup(amqp_uri: str, district: str | None, principal: dict) -> dict:
    with ServiceRpcProxy("reporting", {"AMQP_URI": amqp_uri}, timeout=30,
                         context_data={"principal": principal}) as reporting:
        return reporting.query("get_rollup", {"district": district})


@pytest.mark.timeout(600)
def test_district_events_reach_the_national_rollup_through_a_district_broker_restart(tmp_path, mongo_uri):
    users = {d: users_definitions(secrets.token_urlsafe(16), secrets.token_urlsafe(16)) for d in DISTRICTS}
    nodes = {d: BrokerNode(d, tmp_path, [DEPLOY / "district/10-topology.json"], users[d]) for d in DISTRICTS}
    prefixes = {d: f"f{uuid.uuid4().hex[:8]}" for d in (*DISTRICTS, "national")}
    fleets: dict[str, Fleet] = {}
    first, restarted = DISTRICTS
    vhost = None
    client = make_client(mongo_uri)
    try:
        started = time.monotonic()
        for node in nodes.values():
            node.start()
        for node in nodes.values():
            node.wait_started()
        booted = time.monotonic()
        used = {name for expr in promql_expressions() for name in re.findall(r"\brabbitmq_[a-z_]+", expr)}

        def unexposed() -> set[str]:  # per-queue series appear with the first statistics
            exposed = requests.get(f"http://127.0.0.1:{nodes[first].metrics_port}/metrics", timeout=10).text
            return {name for name in used if not re.search(rf"^{name}[{{ ]", exposed, re.M)}

        assert used
        wait_until(lambda: not unexposed(), timeout=60, interval=1,
                   message=f"alert and dashboard metrics exposed by rabbitmq_prometheus ({used})")
        vhost = quorum_vhost([*read_definitions("national"), {"parameters": [
            upstream_parameter(d, nodes[d].uri_for(FEDERATION_USER), reconnect_delay_s=1) for d in DISTRICTS]}])
        national_uri = f"amqp://guest:guest@127.0.0.1:5672/{vhost}"
        uris = {**{d: nodes[d].amqp_uri for d in DISTRICTS}, "national": national_uri}
        for name, uri in uris.items():
            fleets[name] = Fleet({"AMQP_URI": uri, "MONGO_URI": mongo_uri, "SAMSKAB_DB_PREFIX": prefixes[name],
                                  "SAMSKAB_RETRY_DELAYS_MS": RETRY_DELAYS_MS, "SAMSKAB_RELAY_INTERVAL_MS": "100"})
            fleets[name].start("reporting", 1)
        fleets["national"].wait_consuming(vhost, {"reporting": 1})
        for district in DISTRICTS:
            wait_until(lambda d=district: node_queues(nodes[d])["reporting.events"].get("consumers", 0) >= 1,
                       timeout=120, interval=0.5, message=f"{district} reporting consuming")
            wait_until(lambda d=district: link_ready(nodes[d]), timeout=60, interval=0.5,
                       message=f"federation link from {district}")
        ready = time.monotonic()

        events = {d: district_events(d, seed) for d, seed in zip(DISTRICTS, (11, 12), strict=True)}
        for district in DISTRICTS:
            publish(uris[district], events[district][: len(events[district]) // 2])

        # Park the second district's events on its own broker: its reporting instance is
        # stopped and the federation link is cut (as if the national centre were unreachable).
        wait_until(lambda: logged(client, prefixes["national"]) >= sum(len(e) // 2 for e in events.values()),
                   timeout=120, interval=0.5, message="first halves at the national broker")
        fleets[restarted].stop()
        link_permissions(nodes[restarted], read="^$")
        wait_until(lambda: not upstream_queue(nodes[restarted]).get("consumers"), timeout=60, interval=0.5,
                   message="federation link cut")
        parked = events[restarted][len(events[restarted]) // 2:]
        publish(uris[restarted], parked)
        wait_until(lambda: upstream_queue(nodes[restarted]).get("messages") == len(parked), timeout=30,
                   interval=0.5, message="parked in the federation queue")

        nodes[restarted].stop()
        nodes[restarted].start()
        nodes[restarted].wait_started()
        wait_until(lambda: (node_queues(nodes[restarted])["reporting.events"].get("messages"),
                            upstream_queue(nodes[restarted]).get("messages")) == (len(parked), len(parked)),
                   timeout=30, interval=0.5, message="parked events kept through the restart")

        link_permissions(nodes[restarted])
        fleets[restarted].start("reporting", 1)
        publish(uris[first], events[first][len(events[first]) // 2:])

        total = sum(len(e) for e in events.values())
        for district in DISTRICTS:
            wait_until(lambda d=district: logged(client, prefixes[d]) == len(events[d]), timeout=120,
                       interval=0.5, message=f"{district} reporting has its events")
        wait_until(lambda: logged(client, prefixes["national"]) == total, timeout=120, interval=0.5,
                   message="the national reporting instance has every district's events")
        done = time.monotonic()
        for name in uris:
            queues = node_queues(nodes[name]) if name in nodes else None
            depth = (queues["reporting.events.dlq"].get("messages", 0) if queues is not None
                     else queue_info(vhost, "reporting.events.dlq").get("messages", 0))
            assert depth == 0, f"{name}: events parked in reporting.events.dlq"
        print(f"\nfederation: brokers booted {booted - started:.1f}s, ready {ready - booted:.1f}s, "
              f"events and restart {done - ready:.1f}s ({total} events)")

        national_models = read_models(client, prefixes["national"])
        district_models = {d: read_models(client, prefixes[d]) for d in DISTRICTS}
        assert len(national_models) == sum(len(m) for m in district_models.values()) == 16
        by_id = {m["initiative_id"]: m for m in national_models}
        for models in district_models.values():
            for model in models:
                assert by_id[model["initiative_id"]] == model

        centre = Principal.of("vidensCenter@politi.dk", "national_centre").to_dict()
        national_rollup = get_rollup(national_uri, None, centre)
        union = [m for models in district_models.values() for m in models]
        expected = rollup(union, scope=None, viewer=EVERYTHING)  # the national centre: exact
        assert national_rollup == expected
        assert national_rollup["initiatives"]["value"] == sum(
            get_rollup(uris[d], d, Principal.of(f"op@{d}", "district_operator", d).to_dict())
            ["initiatives"]["value"] for d in DISTRICTS)
        for district in DISTRICTS:
            operator = Principal.of(f"op@{district}", "district_operator", district).to_dict()
            assert get_rollup(national_uri, district, operator) == get_rollup(uris[district], district, operator)
    except BaseException:
        for name, fleet in fleets.items():
            print(f"==== {name}\n{fleet.logs()}")
        for node in nodes.values():
            print(f"==== {node.node}\n{node.console()[-3000:]}")
        raise
    finally:
        for fleet in fleets.values():
            fleet.stop()
        stop_all(list(nodes.values()))
        if vhost:
            delete_vhost(vhost)
        client.close()
