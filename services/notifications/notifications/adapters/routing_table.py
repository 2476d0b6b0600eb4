"""Where events go, held in memory per process: every subscription and every enabled
webhook endpoint's filter, by event type.

Read from the store at most once every ``max_age_s`` while events arrive, and again on
the next event after this process changed a subscription or an endpoint itself (its
commands, the delivery loop's automatic disable). So a change made here is seen by the
very next event here; one made by another replica within ``max_age_s``
(docs/api.md, "When a subscription or an endpoint takes effect").
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..domain.endpoint import WebhookEndpoint
from ..domain.subscriptions import Subscription

ROUTING_MAX_AGE_S = 1.0


@dataclass(frozen=True)
class Routes:
    """One reading of the subscriptions and the enabled endpoints."""

    by_event_type: Mapping[str, tuple[Subscription, ...]] = field(default_factory=dict)
    enabled_endpoints: frozenset[str] = frozenset()

    @classmethod
    def of(cls, subscriptions: Iterable[Subscription], enabled: Iterable[WebhookEndpoint]) -> Routes:
        """People's subscriptions, and the enabled endpoints' filters as subscriptions."""
        enabled = list(enabled)
        grouped: dict[str, list[Subscription]] = {}
        for subscription in [*subscriptions, *(s for e in enabled for s in e.subscriptions())]:
            grouped.setdefault(subscription.event_type, []).append(subscription)
        return cls({t: tuple(subs) for t, subs in grouped.items()},
                   frozenset(e.endpoint_id for e in enabled))

    def subscriptions(self, event_type: str) -> tuple[Subscription, ...]:
        return self.by_event_type.get(event_type, ())

    def endpoint_enabled(self, endpoint_id: str) -> bool:
        return endpoint_id in self.enabled_endpoints


class RoutingTable:
    """The process's current ``Routes``. Green threads share it: a reading that began
    before this process's own change is used once by its reader but never kept."""

    def __init__(self, max_age_s: float = ROUTING_MAX_AGE_S,
                 clock: Callable[[], float] = time.monotonic):
        self.max_age_s = max_age_s
        self.clock = clock
        self._routes: Routes | None = None
        self._read_at = 0.0
        self._changes = 0
        self._read_after = -1

    def changed(self) -> None:
        """This process wrote a subscription or an endpoint: read again on the next event."""
        self._changes += 1

    def routes(self, read: Callable[[], Routes]) -> Routes:
        """The kept routes while fresh, otherwise ``read()`` (kept if nothing changed meanwhile)."""
        started, changes = self.clock(), self._changes
        if (self._routes is not None and self._read_after == changes
                and started - self._read_at < self.max_age_s):
            return self._routes
        routes = read()
        if changes == self._changes:
            self._routes, self._read_at, self._read_after = routes, started, changes
        return routes
