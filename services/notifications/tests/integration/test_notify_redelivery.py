"""A redelivered event of a type the consumer does not look up in its de-duplication log
(catalogue.DEDUPLICATED_IN_DOCUMENT) leaves the store as the first delivery left it: no
feed item, e-mail or webhook delivery is queued twice, nothing is overwritten. On the real
store, with every channel followed (feed and e-mail, a daily digest, a partner endpoint)."""
import uuid

import pytest

from notifications.domain.catalogue import DEDUPLICATED_IN_DOCUMENT
from notifications.domain.directory import Person
from notifications.domain.endpoint import EndpointFilter, WebhookEndpoint
from notifications.domain.subscriptions import new_subscriptions
from notifications.handlers.events import handle_event
from samskab_dev.notification_events import INITIATIVE_ID, event, initiative_created

pytestmark = pytest.mark.integration

T0 = "2024-03-01T09:00:00.000000Z"
LATER = "2024-03-01T09:05:00.000000Z"


def follow(stores, event_type: str) -> None:
    stores.directory.save_person(Person("operator-1", email="operator@politi.dk", name="Operatør"))
    stores.directory.save_person(Person("operator-2", email="daily@politi.dk", email_frequency="daily"))
    for person_id in ("operator-1", "operator-2", "no-card"):
        stores.subscriptions.add(new_subscriptions(
            "person", person_id, [event_type], now=T0, new_id=lambda: f"sub_{uuid.uuid4().hex}",
            channels=["feed", "email"]))
    stores.endpoints.create(WebhookEndpoint.register(
        endpoint_id="we_partner", owner="partner@kommune.dk", url="https://partner.example/hook",
        event_filter=EndpointFilter((event_type,)), secret="whsec_test", now=T0))


def snapshot(stores) -> dict[str, list[dict]]:
    """Every document of every collection of the service's database."""
    db = stores.directory.people.database
    return {name: sorted(db[name].find(), key=lambda d: str(d["_id"]))
            for name in sorted(db.list_collection_names())}


def first_event(event_type: str) -> dict:
    if event_type == "InitiativeCreated":
        return initiative_created()
    return event(event_type, initiative_id=INITIATIVE_ID)


@pytest.mark.parametrize("event_type", DEDUPLICATED_IN_DOCUMENT)
def test_a_redelivered_event_changes_nothing(stores, settings, event_type):
    follow(stores, event_type)
    if event_type != "InitiativeCreated":
        handle_event(stores, initiative_created(), settings=settings, now=T0)
    envelope = first_event(event_type)
    told = handle_event(stores, envelope, settings=settings, now=T0)
    assert len(told["feed_items"]) == 3  # two cards and someone without one: the feed only
    assert {(d["channel"], d["recipient_id"]) for d in told["deliveries"]} == {
        ("email", "operator-1"), ("email", "operator-2"), ("webhook", "we_partner")}
    before = snapshot(stores)
    again = handle_event(stores, envelope, settings=settings, now=LATER)
    assert (again["feed_items"], again["deliveries"]) == ([], [])
    assert snapshot(stores) == before


def test_a_redelivered_creation_leaves_a_later_revision_of_the_card(stores, settings):
    created = initiative_created(themes=["burglary_prevention"])
    handle_event(stores, created, settings=settings, now=T0)
    revised = event("InitiativeRevised", initiative_id=INITIATIVE_ID, changed_fields=["title", "themes"],
                    title="Fri for Indbrud og Svindel", themes=["burglary_prevention", "fraud"],
                    previous={"title": "Hjørring – Fri for Indbrud", "themes": ["burglary_prevention"]})
    handle_event(stores, revised, settings=settings, now=T0)
    before = snapshot(stores)
    handle_event(stores, created, settings=settings, now=LATER)
    assert snapshot(stores) == before
    card = stores.directory.initiative_card(INITIATIVE_ID)
    assert (card.title, card.themes) == ("Fri for Indbrud og Svindel", ("burglary_prevention", "fraud"))
