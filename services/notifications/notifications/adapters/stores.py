"""Everything notifications keeps, built from its own database."""
from __future__ import annotations

from dataclasses import dataclass

from pymongo.database import Database

from samskab_infra.aggregate_store import AggregateStore

from .endpoints import ENDPOINTS, EndpointRepository
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


def ensure_indexes(db: Database) -> None:
    """For MongoDatabase(index_setup=...)."""
    NotificationStores.from_database(db).ensure_indexes()
