"""What handling one event costs in store operations, counted on a real store (the
``samskab_store_operations_total`` counter of a client of its own), and the routing
facts it no longer reads every time: the routes (held per process), the initiative's
card and reach, and its members."""
from __future__ import annotations

import uuid

import pytest

from notifications.adapters.routing_table import ROUTING_MAX_AGE_S, RoutingTable
from notifications.adapters.stores import NotificationStores
from notifications.domain.subscriptions import new_subscriptions
from notifications.handlers.events import handle_event
from samskab_dev.notification_events import INITIATIVE_ID, actor_joined, anchor_assigned, event, initiative_created
from samskab_infra.metrics import STORE_OPERATIONS
from samskab_infra.mongo import make_client

pytestmark = pytest.mark.integration

T0 = "2024-03-01T09:00:00.000000Z"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def service() -> str:
    return f"notify-ops-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def counted(mongo_uri, db_prefix, service):
    """A client whose every store operation is counted under ``service``."""
    client = make_client(mongo_uri, service=service)
    yield client[f"{db_prefix}_notifications"]
    client.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def replica(db, clock: Clock) -> NotificationStores:
    """One notifications process: its own routing table."""
    stores = NotificationStores.from_database(db, routing=RoutingTable(clock=clock))
    stores.ensure_indexes()
    return stores


def operations(service: str) -> dict[str, int]:
    found = {}
    for metric in STORE_OPERATIONS.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total") and sample.labels.get("service") == service:
                found[sample.labels["operation"]] = int(sample.value)
    return found


def spent(service: str, handle) -> dict[str, int]:
    """The store operations ``handle()`` sent, by operation."""
    before = operations(service)
    handle()
    after = operations(service)
    return {op: n - before.get(op, 0) for op, n in after.items() if n != before.get(op, 0)}


def subscribe(stores: NotificationStores, person_id: str, event_type: str, **narrowing) -> None:
    stores.subscriptions.add(new_subscriptions(
        "person", person_id, [event_type], now=T0, new_id=lambda: f"sub_{uuid.uuid4().hex}",
        channels=["feed"], **narrowing))


def test_an_initiative_created_costs_one_store_operation_once_the_routes_are_read(counted, service,
                                                                                  clock, settings):
    stores = replica(counted, clock)
    first = spent(service, lambda: handle_event(stores, initiative_created(), settings=settings, now=T0))
    # the card's insert, and the routes read once: subscriptions and enabled endpoints
    assert first == {"insert": 1, "find": 2}
    assert sum(first.values()) <= 3
    clock.now += ROUTING_MAX_AGE_S / 2
    second = initiative_created(initiative_id=str(uuid.uuid4()))
    assert spent(service, lambda: handle_event(stores, second, settings=settings, now=T0)) == {"insert": 1}
    # an event that changes nothing and that nobody follows costs nothing
    assert spent(service, lambda: handle_event(stores, event("ResultDocumented"), settings=settings,
                                               now=T0)) == {}
    # the routes are read again once they are older than the bound
    clock.now += ROUTING_MAX_AGE_S
    assert spent(service, lambda: handle_event(stores, event("ResultDocumented"), settings=settings,
                                               now=T0)) == {"find": 2}


def test_a_join_reads_the_anchor_persons_membership_but_not_the_member_ledger(counted, service, clock,
                                                                              settings):
    stores = replica(counted, clock)
    handle_event(stores, initiative_created(), settings=settings, now=T0)
    handle_event(stores, anchor_assigned(), settings=settings, now=T0)
    asked: list[str] = []
    members = stores.directory.ledger.members

    def ledger_members(initiative_id: str) -> list[str]:
        asked.append(initiative_id)
        return members(initiative_id)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stores.directory.ledger, "members", ledger_members)
        told = handle_event(stores, actor_joined(), settings=settings, now=T0)
        assert [d["recipient_id"] for d in told["deliveries"]] == ["anchor-1"]
        assert asked == []  # only the anchor person hears of a join: no actor is read
    closed = handle_event(stores, event("InitiativeClosed"), settings=settings, now=T0)
    # every member hears of the closing, the actor from the ledger too
    assert {d["recipient_id"] for d in closed["deliveries"]} == {"anchor-1", "actor:actor-7"}


def test_a_subscription_made_in_this_process_counts_for_its_next_event(counted, clock, settings):
    stores = replica(counted, clock)
    handle_event(stores, initiative_created(), settings=settings, now=T0)  # routes read and held
    subscribe(stores, "operator-1", "ResultDocumented", district="nordjylland")
    told = handle_event(stores, event("ResultDocumented"), settings=settings, now=T0)
    assert told["feed_items"] and told["deliveries"] == []  # the clock never moved


def test_another_replicas_subscription_counts_within_the_bound(counted, clock, settings):
    here, there = replica(counted, clock), replica(counted, clock)
    handle_event(here, initiative_created(), settings=settings, now=T0)
    subscribe(there, "operator-1", "ResultDocumented", district="nordjylland")
    first = handle_event(here, event("ResultDocumented", event_id=str(uuid.uuid4())), settings=settings, now=T0)
    assert first["feed_items"] == []  # the routes read before the subscription, still fresh
    clock.now += ROUTING_MAX_AGE_S
    later = handle_event(here, event("ResultDocumented", event_id=str(uuid.uuid4())), settings=settings, now=T0)
    assert len(later["feed_items"]) == 1


def test_a_district_taking_part_hears_of_the_initiative_though_its_reach_arrived_first(counted, clock,
                                                                                      settings):
    stores = replica(counted, clock)
    subscribe(stores, "operator-fyn", "InitiativeCreated", district="fyn")
    subscribe(stores, "operator-bornholm", "InitiativeCreated", district="bornholm")
    reach = event("ParticipatingDistrictAdded", district="nordjylland", participating_district="fyn",
                  districts=["nordjylland", "fyn"], occurred_at="2024-03-01T08:30:00.000000Z")
    handle_event(stores, reach, settings=settings, now=T0)  # overtook the creation
    created = handle_event(stores, initiative_created(), settings=settings, now=T0)
    assert [stores.feed.get(i).person_id for i in created["feed_items"]] == ["operator-fyn"]


def test_a_theme_subscription_matches_on_the_themes_of_the_stored_card(counted, clock, settings):
    stores = replica(counted, clock)
    handle_event(stores, initiative_created(themes=["burglary_prevention"]), settings=settings, now=T0)
    subscribe(stores, "burglary-1", "ResultDocumented", theme="burglary_prevention")
    subscribe(stores, "fraud-1", "ResultDocumented", theme="fraud")
    told = handle_event(stores, event("ResultDocumented", initiative_id=INITIATIVE_ID), settings=settings, now=T0)
    assert [stores.feed.get(i).person_id for i in told["feed_items"]] == ["burglary-1"]


def test_every_recipients_card_is_one_read_their_feed_items_one_write_and_deliveries_another(counted, service, clock,
                                                                              settings):
    stores = replica(counted, clock)
    handle_event(stores, initiative_created(), settings=settings, now=T0)
    handle_event(stores, anchor_assigned(), settings=settings, now=T0)
    handle_event(stores, actor_joined(), settings=settings, now=T0)
    closed = event("InitiativeClosed")
    told: dict = {}
    cost = spent(service, lambda: told.update(handle_event(stores, closed, settings=settings, now=T0)))
    assert {d["recipient_id"] for d in told["deliveries"]} == {"anchor-1", "actor:actor-7"}
    assert len(told["feed_items"]) == 2
    # the event, the feed items, the deliveries; memberships, ledger and both people's cards
    assert cost == {"insert": 3, "find": 3}
    # redelivered after a coordinator joined: only what is new to them is queued
    handle_event(stores, event("CoordinatorAssigned", coordinator={
        "person_id": "coord-1", "name": "Mette Kjær", "email": "tovholder@politi.dk"}),
        settings=settings, now=T0)
    again = handle_event(stores, closed, settings=settings, now=T0)
    assert [d["recipient_id"] for d in again["deliveries"]] == ["coord-1"]
    assert [stores.feed.get(i).person_id for i in again["feed_items"]] == ["coord-1"]
