"""Everything notifications keeps, built from its own database."""
from __future__ import annotations

from dataclasses import dataclass, replace

from pymongo.database import Database

from samskab_infra.aggregate_store import AggregateStore

from .endpoints import ENDPOINTS, EndpointRepository
from .local_actor_contacts import LocalActorContacts
from .mongo_directory import MongoDirectory
from .mongo_events import EVENTS, EventArchive
from .mongo_feed import FEED, FeedStore
from .mongo_queue import DeliveryQueue
from .mongo_subscriptions import SUBSCRIPTIONS, SubscriptionStore
from .routing_table import Routes, RoutingTable

OUTBOX_COLLECTIONS = (ENDPOINTS,)


@dataclass
class NotificationStores:
    directory: MongoDirectory
    subscriptions: SubscriptionStore
    events: EventArchive
    deliveries: DeliveryQueue
    feed: FeedStore
    endpoints: EndpointRepository
    routing: RoutingTable

    @classmethod
    def from_database(cls, db: Database, endpoint_store: AggregateStore | None = None,
                      routing: RoutingTable | None = None) -> NotificationStores:
        """``endpoint_store``: the outbox-backed store of ``webhook_endpoints`` (pass the
        relay-aware one from samskab_infra.stores_provider.Stores in the service);
        ``routing``: the process's routing table (a new one when None)."""
        routing = routing or RoutingTable()
        return cls(
            directory=MongoDirectory(db),
            subscriptions=SubscriptionStore(db[SUBSCRIPTIONS], changed=routing.changed),
            events=EventArchive(db[EVENTS]),
            deliveries=DeliveryQueue(db),
            feed=FeedStore(db[FEED]),
            endpoints=EndpointRepository(endpoint_store or AggregateStore(db[ENDPOINTS]),
                                         changed=routing.changed),
            routing=routing,
        )

    def routes(self) -> Routes:
        """Every subscription and enabled endpoint by event type, from the routing table."""
        return self.routing.routes(lambda: Routes.of(self.subscriptions.every(), self.endpoints.enabled()))

    def ensure_indexes(self) -> None:
        for part in (self.directory, self.subscriptions, self.events, self.deliveries, self.feed,
                     self.endpoints):
            part.ensure_indexes()


class KeptStores:
    """The repositories of one process, built on first use and kept while the service's
    database is the same object (a ProcessLocal holds this): building them looks up a
    dozen pymongo collections, which cost 2.4% of the service's CPU when it was done for
    every event. They hold nothing but their collections (and the process's routing
    table), so workers share them safely. The endpoint store is the exception: it is the
    worker's own (the stores provider's, which wakes the outbox relay and keeps what it
    read for its next write), so only its thin repository is built per call."""

    def __init__(self) -> None:
        self._stores: tuple[Database, RoutingTable, NotificationStores] | None = None
        self._contacts: tuple[Database, LocalActorContacts] | None = None

    def stores(self, db: Database, endpoint_store: AggregateStore,
               routing: RoutingTable) -> NotificationStores:
        kept = self._stores
        if kept is None or kept[0] is not db or kept[1] is not routing:
            kept = self._stores = (db, routing, NotificationStores.from_database(db, routing=routing))
        return replace(kept[2], endpoints=EndpointRepository(endpoint_store, changed=routing.changed))

    def actor_contacts(self, db: Database) -> LocalActorContacts:
        kept = self._contacts
        if kept is None or kept[0] is not db:
            kept = self._contacts = (db, LocalActorContacts(db))
        return kept[1]


def ensure_indexes(db: Database) -> None:
    """For MongoDatabase(index_setup=...)."""
    NotificationStores.from_database(db).ensure_indexes()
