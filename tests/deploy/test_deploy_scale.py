"""Scale out on RabbitMQ itself: competing consumers on the deploy topology (quorum queues).

3 reporting instances and 2 of every other service consume one queue per service
in a vhost loaded with deploy/rabbitmq/definitions.d (quorum queues, delivery limit,
dead-letter policies). 2,000 events go in under `make test` (10,000 with `make test-scale`,
SAMSKAB_SCALE_INITIATIVES=1000); every event is applied exactly once and the totals add up.
"""
from __future__ import annotations

import os
import random
import time
import uuid
from collections import Counter

import pytest
from deploy_support import Fleet, cpu_seconds, delete_vhost, queue_info, quorum_vhost

from initiatives.handlers import commands as initiative_handlers
from reporting.domain.rollup import initiatives_by_phase
from samskab_contracts.districts import DISTRICTS
from samskab_dev.store_runner import EmbeddedStore
from samskab_dev.synthetic import envelope as synthetic_envelope
from samskab_infra.aggregate_store import AggregateStore, StoredAggregate
from samskab_infra.command_log import CommandRecord
from samskab_infra.context import Context, Principal
from samskab_infra.envelope import Envelope
from samskab_infra.mongo import make_client
from samskab_infra.publisher import ConfirmingPublisher
from tests.harness import handled_count, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.scale]

INITIATIVES = int(os.environ.get("SAMSKAB_SCALE_INITIATIVES", "200"))
EVENTS_PER_INITIATIVE = 10
INSTANCES = {"reporting": 3, "initiatives": 2, "actors": 2, "notifications": 2}
CONSUMES = {  # event type -> services bound to it (checked against HANDLED_EVENTS below)
    "InitiativeCreated": {"actors", "notifications", "reporting"},
    "ActorJoined": {"initiatives", "notifications", "reporting"},
    "PlatformEstablished": {"actors", "reporting"},
    "BaselineDescribed": {"reporting"},
    "InitiativePhaseAdvanced": {"reporting"},
    "RippleEffectRecorded": {"reporting"},
}
PHASES = ("start_up", "mapping", "analysis", "actor_involvement", "establishment", "co_creative_development")
AT = "2024-01-02T08:00:00Z"


class SeedStore:
    """Writes the producer's state without its outbox and hands the envelopes to the test,
    which publishes them itself (as the relay would)."""

    def __init__(self, store: AggregateStore):
        self.store = store
        self.envelopes: list[Envelope] = []

    def read(self, aggregate_id: str) -> StoredAggregate | None:
        return self.store.read(aggregate_id)

    def create(self, aggregate_id: str, state: dict, envelopes: list[Envelope],
               command: CommandRecord | None = None) -> int:
        self.envelopes.extend(envelopes)
        return self.store.create(aggregate_id, state, [], command)


def build_events(client, prefix: str, count: int) -> tuple[list[Envelope], dict[str, set[str]]]:
    """``count`` initiatives made by the initiatives domain (their InitiativeCreated), plus
    nine more events each; returns the envelopes (shuffled) and the event ids per initiative."""
    rng = random.Random(27017)
    seed = SeedStore(AggregateStore(client[f"{prefix}_initiatives"]["initiatives"]))
    districts = list(DISTRICTS)
    expected: dict[str, set[str]] = {}
    others: list[Envelope] = []
    for number in range(count):
        district = districts[number % len(districts)]
        ctx = Context(correlation_id=str(uuid.uuid4()), now=AT,
                      principal=Principal.of("scale@politi.dk", "district_operator", district))
        created = initiative_handlers.create_initiative(seed, {
            "title": f"Skala {number}", "challenge": {"text": "Mange indbrud"},
            "themes": ["burglary_prevention"], "district": district, "municipalities": ["Hjørring"]}, ctx)
        initiative_id = created["initiative_id"]
        common = {"initiative_id": initiative_id, "district": district}
        platform_id = str(uuid.uuid4())
        raw = [
            synthetic_envelope("ActorJoined", rng=rng, **common, actor_id=str(uuid.uuid4()),
                               actor_kind="business", scope="initiative", platform_ids=[],
                               at="2024-01-03T08:00:00Z"),
            synthetic_envelope("PlatformEstablished", rng=rng, **common, platform_id=platform_id,
                               at="2024-01-04T08:00:00Z"),
            synthetic_envelope("BaselineDescribed", rng=rng, **common, platform_id=platform_id,
                               at="2024-01-04T09:00:00Z"),
            synthetic_envelope("RippleEffectRecorded", rng=rng, **common, ripple_effect_id=str(uuid.uuid4()),
                               at="2024-03-01T08:00:00Z"),
        ]
        raw += [synthetic_envelope("InitiativePhaseAdvanced", rng=rng, **common, from_phase=PHASES[step - 1],
                                   to_phase=PHASES[step], phase_number=step + 1, at=f"2024-02-0{step}T08:00:00Z")
                for step in range(1, len(PHASES))]
        others.extend(Envelope.parse(item) for item in raw)
        expected[initiative_id] = {item["event_id"] for item in raw}
    for created_envelope in seed.envelopes:
        expected[created_envelope.data["initiative_id"]].add(created_envelope.event_id)
    envelopes = seed.envelopes + others
    rng.shuffle(envelopes)
    return envelopes, expected


@pytest.fixture(scope="module")
def store():
    """(uri, pid of the store process or None): its own nx-27017, unless TEST_MONGO_URI."""
    if os.environ.get("TEST_MONGO_URI"):
        yield os.environ["TEST_MONGO_URI"], None
        return
    embedded = EmbeddedStore().start()
    yield embedded.uri, embedded.process.pid
    embedded.stop()


@pytest.mark.timeout(900)
def test_competing_consumers_apply_every_event_exactly_once(store):
    from actors.service import HANDLED_EVENTS as ACTORS
    from initiatives.service import HANDLED_EVENTS as INITIATIVES_HANDLED
    from notifications.service import HANDLED_EVENTS as NOTIFICATIONS
    from reporting.service import HANDLED_EVENTS as REPORTING

    handled = {"actors": ACTORS, "initiatives": INITIATIVES_HANDLED, "notifications": NOTIFICATIONS,
               "reporting": REPORTING}
    for event_type, services in CONSUMES.items():
        assert {s for s, types in handled.items() if event_type in types} == services, event_type

    store_uri = store[0]
    prefix = f"s{uuid.uuid4().hex[:10]}"
    vhost = quorum_vhost()
    amqp_uri = f"amqp://guest:guest@127.0.0.1:5672/{vhost}"
    fleet = Fleet({"AMQP_URI": amqp_uri, "MONGO_URI": store_uri, "SAMSKAB_DB_PREFIX": prefix,
                   "SAMSKAB_RETRY_DELAYS_MS": "200,500,1000,2000", "SAMSKAB_RELAY_INTERVAL_MS": "5000",
                   "MAX_WORKERS": "10"})
    client = make_client(store_uri)
    try:
        started = time.monotonic()
        for service, count in INSTANCES.items():
            fleet.start(service, count)
        envelopes, expected = build_events(client, prefix, INITIATIVES)
        assert len(envelopes) == INITIATIVES * EVENTS_PER_INITIATIVE
        fleet.wait_consuming(vhost, INSTANCES)
        ready = time.monotonic()
        publisher = ConfirmingPublisher(amqp_uri, "samskab.events")
        for start in range(0, len(envelopes), 500):
            publisher.publish_batch(envelopes[start:start + 500])
        publisher.close()
        published = time.monotonic()

        by_type = Counter(e.type for e in envelopes)
        want = {service: sum(n for t, n in by_type.items() if service in CONSUMES[t])
                for service in INSTANCES}

        def processed() -> dict[str, int]:
            return {s: handled_count(client[f"{prefix}_{s}"], s) for s in INSTANCES}

        wait_until(lambda: processed() == want, timeout=420, interval=2,
                   message=f"every event processed ({want})")
        done = time.monotonic()
        print(f"\nscale: start {ready - started:.1f}s, publish {published - ready:.1f}s, "
              f"consume {done - published:.1f}s for {sum(want.values())} deliveries "
              f"({sum(want.values()) / (done - published):.0f}/s)")

        per_instance = fleet.handled_per_instance()
        print(f"scale: CPU seconds: services {fleet.cpu_seconds():.1f}, "
              f"store {cpu_seconds(store[1]) if store[1] else float('nan'):.1f}; per instance {dict(per_instance)}")
        for service, count in INSTANCES.items():
            names = [f"{service}-{n + 1}" for n in range(count)]
            assert all(per_instance[name] > 0 for name in names), (service, per_instance)
            assert sum(per_instance[name] for name in names) == want[service], (service, per_instance)
        for service in INSTANCES:
            assert queue_info(vhost, f"{service}.events")["type"] == "quorum"
            assert queue_info(vhost, f"{service}.events.dlq")["messages"] == 0, service

        reporting = client[f"{prefix}_reporting"]
        assert reporting["event_log"].count_documents({}) == len(envelopes)
        models = list(reporting["initiatives"].find({}))
        assert len(models) == INITIATIVES
        for model in models:
            applied = model["_applied"]
            assert len(applied) == len(set(applied)) == EVENTS_PER_INITIATIVE
            assert set(applied) == expected[model["_id"]]
            assert model["phase"] == PHASES[-1]
            assert len(model["platforms"]) == 1 and len(model["members"]) == 1
            assert model["counts"]["ripple_effects"] == 1
        assert {p: n for p, n in initiatives_by_phase(models).items() if n} == {PHASES[-1]: INITIATIVES}
        districts = Counter(m["district"] for m in models)
        assert sum(districts.values()) == INITIATIVES and len(districts) == len(DISTRICTS)

        known = list(client[f"{prefix}_actors"]["initiatives"].find({}))
        assert len(known) == INITIATIVES
        members = client[f"{prefix}_initiatives"]["initiatives"].find({}, {"actors": 1})
        assert all(len(doc.get("actors") or {}) == 1 for doc in members)
    except BaseException:
        print(fleet.logs())
        raise
    finally:
        fleet.stop()
        client.close()
        delete_vhost(vhost)
