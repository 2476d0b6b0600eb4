"""The routing table a process holds, and what routing needs to read beyond it."""
import pytest

from notifications.adapters.routing_table import ROUTING_MAX_AGE_S, Routes, RoutingTable
from notifications.domain.catalogue import ACTOR_CONTACT, ANCHOR_PERSON, MEMBER_ROLES
from notifications.domain.endpoint import EndpointFilter, WebhookEndpoint
from notifications.domain.incoming import IncomingEvent
from notifications.domain.routing import filters_on_other_districts, filters_on_themes, member_roles
from notifications.domain.subscriptions import Subscription
from samskab_dev.notification_events import INITIATIVE_ID, envelope

pytestmark = pytest.mark.unit

T0 = "2024-03-01T08:00:00.000000Z"


class Reads:
    """A stand-in for the store: counts readings, each a new ``Routes``."""

    def __init__(self) -> None:
        self.count = 0
        self.during = lambda: None

    def __call__(self) -> Routes:
        self.count += 1
        self.during()
        return Routes.of([Subscription(f"s{self.count}", "person", "p", "InitiativeCreated")], [])


def table() -> tuple[RoutingTable, list[float]]:
    now = [0.0]
    return RoutingTable(clock=lambda: now[0]), now


def test_routes_are_read_once_while_fresh_and_again_after_the_bound():
    routing, now = table()
    reads = Reads()
    first = routing.routes(reads)
    now[0] += ROUTING_MAX_AGE_S * 0.99
    assert routing.routes(reads) is first and reads.count == 1
    now[0] += ROUTING_MAX_AGE_S * 0.01
    assert routing.routes(reads) is not first and reads.count == 2


def test_a_change_in_this_process_is_read_by_the_next_event():
    routing, _ = table()
    reads = Reads()
    routing.routes(reads)
    routing.changed()
    routing.routes(reads)
    routing.routes(reads)
    assert reads.count == 2


def test_a_reading_that_began_before_a_change_here_is_used_once_but_not_kept():
    routing, _ = table()
    reads = Reads()
    reads.during = routing.changed  # the change lands while the routes are being read
    routing.routes(reads)
    reads.during = lambda: None
    kept = routing.routes(reads)
    assert reads.count == 2 and routing.routes(reads) is kept


def endpoint(endpoint_id: str) -> WebhookEndpoint:
    return WebhookEndpoint.register(endpoint_id=endpoint_id, owner="partner@kommune.dk",
                                    url="https://partner.example/hook",
                                    event_filter=EndpointFilter(("ActorJoined", "InitiativeClosed"),
                                                                district="fyn"),
                                    secret="whsec_1", now=T0)


def test_routes_hold_the_subscriptions_and_the_enabled_endpoints_filters_by_event_type():
    person = Subscription("s1", "person", "anchor-1", "ActorJoined")
    routes = Routes.of([person], [endpoint("we_1")])
    assert [s.subscriber_id for s in routes.subscriptions("ActorJoined")] == ["anchor-1", "we_1"]
    assert [s.subscriber_id for s in routes.subscriptions("InitiativeClosed")] == ["we_1"]
    assert routes.subscriptions("ResultDocumented") == ()
    assert routes.endpoint_enabled("we_1") and not routes.endpoint_enabled("we_2")


def test_only_the_roles_the_defaults_give_an_event_type_are_read():
    assert member_roles("ActorJoined") == {ANCHOR_PERSON}
    assert member_roles("InitiativeClosed") == MEMBER_ROLES
    assert ACTOR_CONTACT not in member_roles("InitiativePaused")
    assert member_roles("InitiativeCreated") == frozenset()
    assert member_roles("WebhookEndpointDisabled") == frozenset()  # its owner is named by the event


def result(district: str = "nordjylland") -> IncomingEvent:
    return IncomingEvent.from_envelope(envelope("ResultDocumented", {"initiative_id": INITIATIVE_ID},
                                                district=district))


def sub(event_type: str = "ResultDocumented", **kw) -> Subscription:
    return Subscription("s", "person", "p", event_type, **kw)


def test_the_reach_matters_only_to_a_subscription_naming_another_district():
    assert not filters_on_other_districts(result(), [sub(), sub(district="nordjylland")])
    assert filters_on_other_districts(result(), [sub(district="fyn")])
    assert not filters_on_other_districts(result(), [sub("ActorJoined", district="fyn")])
    assert not filters_on_other_districts(result(), [sub(district="fyn", initiative_id="another")])
    assert filters_on_other_districts(result(), [sub(district="fyn", mute=True)])  # a mute narrows too


def test_the_themes_matter_only_to_a_subscription_naming_a_theme():
    assert not filters_on_themes(result(), [sub(), sub("ActorJoined", theme="fraud")])
    assert filters_on_themes(result(), [sub(theme="fraud")])
