"""What the service builds once per process instead of per event or per timer tick: the
SMTP sender and the webhook client (its TLS context), and the repositories (their pymongo
collections). No store is contacted: a client that is never asked anything does not connect."""
import pytest
from pymongo import MongoClient

from notifications.adapters.outgoing import OutgoingOnce
from notifications.adapters.routing_table import RoutingTable
from notifications.adapters.stores import KeptStores
from notifications.service import NotificationsService
from notifications.settings import NotificationSettings
from samskab_infra.aggregate_store import AggregateStore
from samskab_infra.process_local import ProcessLocal

pytestmark = pytest.mark.unit


@pytest.fixture
def client():
    client = MongoClient("mongodb://127.0.0.1:9", connect=False)
    yield client
    client.close()


def test_the_senders_are_built_once_for_every_tick():
    outgoing, settings = OutgoingOnce(), NotificationSettings(webhook_timeout_s=3.0)
    first = outgoing(settings)
    assert all(outgoing(settings) is first for _ in range(3))
    assert first.webhooks.timeout_s == 3.0 and first.email_sender.settings is settings.smtp
    assert isinstance(NotificationsService.outgoing, ProcessLocal)
    assert NotificationsService.outgoing.factory is OutgoingOnce


def test_the_repositories_are_kept_but_the_endpoint_store_is_the_workers(client):
    kept, routing, db = KeptStores(), RoutingTable(), client["kept"]
    first_store, second_store = AggregateStore(db["webhook_endpoints"]), AggregateStore(db["webhook_endpoints"])
    first, second = kept.stores(db, first_store, routing), kept.stores(db, second_store, routing)
    assert second.directory is first.directory and second.feed is first.feed
    assert second.deliveries is first.deliveries and second.routing is routing
    assert (first.endpoints.store, second.endpoints.store) == (first_store, second_store)
    assert kept.actor_contacts(db) is kept.actor_contacts(db)
    other = client["other"]
    assert kept.stores(other, first_store, routing).directory.people.database is other
    assert kept.actor_contacts(other).collection.database is other
