"""The local copy of actor contacts: newest change wins, an end of contact is final for
everything older, and only an e-mail address is ever used."""
import pytest

from notifications.adapters.local_actor_contacts import LocalActorContacts
from notifications.domain.directory import EmailContact

pytestmark = pytest.mark.integration


@pytest.fixture
def contacts(stores) -> LocalActorContacts:
    return LocalActorContacts(stores.directory.people.database)


def shared(address="post@kn.dk", at="2024-04-10T12:00:00Z", channel="email", **extra) -> dict:
    return {"actor_id": "a1", "district": "nordjylland", "actor_kind": "business", "channel": channel,
            "address": address, "name": "Kim", "language": "en", "at": at, **extra}


def ended(event_type, at, **extra) -> tuple[str, dict]:
    return event_type, {"actor_id": "a1", "district": "nordjylland", "at": at, **extra}


def test_a_shared_email_address_is_kept_and_the_newest_wins(contacts):
    contacts.apply("ActorContactShared", shared())
    assert contacts("a1") == EmailContact("post@kn.dk", "Kim", "en")
    contacts.apply("ActorContactShared", shared("ny@kn.dk", at="2024-04-11T12:00:00.000000Z"))
    contacts.apply("ActorContactShared", shared("gammel@kn.dk", at="2024-04-10T13:00:00Z"))
    assert contacts("a1").email == "ny@kn.dk"
    assert contacts.export("a1")["address"] == "ny@kn.dk"


@pytest.mark.parametrize("channel,address", [("sms", "+4512345678"), ("none", None)])
def test_another_channel_means_no_email(contacts, channel, address):
    contacts.apply("ActorContactShared", shared())
    contacts.apply("ActorContactShared", shared(address, at="2024-04-11T00:00:00Z", channel=channel))
    assert contacts("a1") is None and contacts.export("a1") is None


@pytest.mark.parametrize("event_type,extra", [
    ("ConsentWithdrawn", {"purpose": "notifications", "cause": "withdrawn"}),
    ("ConsentWithdrawn", {"purpose": "contact_directory", "cause": "erasure"}),
    ("ActorErased", {"actor_kind": "citizen"}),
])
def test_an_end_of_contact_removes_it_and_older_copies_cannot_bring_it_back(contacts, event_type, extra):
    contacts.apply("ActorContactShared", shared())
    contacts.apply(*ended(event_type, "2024-05-01T00:00:00Z", **extra))
    assert contacts("a1") is None
    contacts.apply("ActorContactShared", shared(at="2024-04-30T23:59:59Z"))
    contacts.apply("ActorContactShared", shared(at="2024-05-01T00:00:00Z"))
    assert contacts("a1") is None
    contacts.apply("ActorContactShared", shared("igen@kn.dk", at="2024-05-02T00:00:00Z"))
    assert contacts("a1").email == "igen@kn.dk"


def test_withdrawing_consent_for_the_contact_directory_only_keeps_the_address(contacts):
    contacts.apply("ActorContactShared", shared())
    contacts.apply(*ended("ConsentWithdrawn", "2024-05-01T00:00:00Z", purpose="contact_directory",
                          cause="withdrawn"))
    assert contacts("a1").email == "post@kn.dk"
