"""What lets the consumer skip its de-duplication lookup for some event types
(catalogue.DEDUPLICATED_IN_DOCUMENT), held here so that a change to routing or to the
directory that would make a redelivery of one of them change something fails a test.
The redelivery itself is tested on a real store (integration/test_notify_redelivery.py)."""
import pytest

from notifications.domain.catalogue import (
    ACTOR_NOTICE_EVENT_TYPES,
    DEDUPLICATED_IN_DOCUMENT,
    DIRECTORY_EVENT_TYPES,
    FORGETTING_EVENT_TYPES,
    OWN_EVENT_TYPES,
)
from notifications.domain.directory import changes_for
from notifications.domain.incoming import IncomingEvent
from notifications.domain.routing import DEFAULT_RULES
from notifications.service import NotificationsService
from samskab_dev.notification_events import event, event_class

pytestmark = pytest.mark.unit

ACTOR_FIELDS = {"actor_id", "assigned_actor_id"}


def test_the_service_declares_them_to_its_consumer():
    (entrypoint,) = NotificationsService.on_event.nameko_entrypoints
    assert entrypoint.deduplicated_in_document == frozenset(DEDUPLICATED_IN_DOCUMENT)
    assert set(DEDUPLICATED_IN_DOCUMENT) <= set(entrypoint.event_types)


@pytest.mark.parametrize("event_type", DEDUPLICATED_IN_DOCUMENT)
def test_only_subscriptions_route_them(event_type):
    assert [rule for rule in DEFAULT_RULES if rule.event_type == event_type] == []
    special = {*ACTOR_NOTICE_EVENT_TYPES, *DIRECTORY_EVENT_TYPES, *FORGETTING_EVENT_TYPES, *OWN_EVENT_TYPES}
    assert event_type not in special


@pytest.mark.parametrize("event_type", DEDUPLICATED_IN_DOCUMENT)
def test_they_name_no_actor_whose_erasure_deletes_them(event_type):
    assert not ACTOR_FIELDS & set(event_class(event_type).Schema._declared_fields)


@pytest.mark.parametrize("event_type", DEDUPLICATED_IN_DOCUMENT)
def test_they_change_nothing_in_the_directory_but_a_new_card(event_type):
    changes = changes_for(IncomingEvent.from_envelope(event(event_type)))
    if event_type == "InitiativeCreated":
        assert changes.initiatives and changes.initiatives_created  # inserted only when none is there
        changes.initiatives, changes.initiatives_created = [], False
    assert not changes
