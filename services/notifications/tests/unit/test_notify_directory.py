import pytest
from notifications.domain.catalogue import ACTOR_CONTACT, ANCHOR_PERSON
from notifications.domain.directory import (
    ContactUpdate,
    Membership,
    MembershipFilter,
    Person,
    changes_for,
    forget,
    merge_contact,
)
from notifications.domain.incoming import IncomingEvent
from notifications.testing import (
    INITIATIVE_ID,
    TITLE,
    actor_joined,
    anchor_assigned,
    envelope,
    initiative_created,
)

pytestmark = pytest.mark.unit


def changes(env):
    return changes_for(IncomingEvent.from_envelope(env))


def test_initiative_created_gives_a_card_with_title_district_and_themes():
    (card,) = changes(initiative_created()).initiatives
    assert (card.title, card.district, card.themes) == (TITLE, "nordjylland", ("burglary_prevention",))


def test_anchor_person_assigned_replaces_the_previous_anchor_and_records_contact():
    result = changes(anchor_assigned("anchor-9", "ny@politi.dk", "en"))
    assert result.remove_memberships == [MembershipFilter(INITIATIVE_ID, ANCHOR_PERSON)]
    assert result.add_memberships == [Membership(INITIATIVE_ID, ANCHOR_PERSON, "anchor-9")]
    assert result.contacts[0] == ContactUpdate("anchor-9", "ny@politi.dk", "Søren Ærø", "en")


def test_actor_joined_and_left_maintain_the_actor_contact_membership():
    joined = changes(actor_joined())
    assert joined.add_memberships == [Membership(INITIATIVE_ID, ACTOR_CONTACT, "actor:actor-7")]
    assert joined.actors[0].name == "Hjørring Kommune"
    left = changes(envelope("ActorLeft", {"initiative_id": INITIATIVE_ID, "actor_id": "actor-7"}))
    assert left.remove_memberships == [MembershipFilter(INITIATIVE_ID, ACTOR_CONTACT, "actor:actor-7")]


def test_consent_withdrawn_and_actor_erased_forget_the_contact():
    assert changes(envelope("ConsentWithdrawn", {"actor_id": "a1"})).forget == ["actor:a1"]
    assert changes(envelope("ConsentWithdrawn", {"person_id": "p1"})).forget == ["p1"]
    erased = changes(envelope("ActorErased", {"actor_id": "a1"}))
    assert erased.forget == ["actor:a1"] and erased.erase_actors == ["a1"]
    assert erased.remove_memberships == [MembershipFilter(person_id="actor:a1")]


def test_unrelated_events_change_nothing():
    assert not changes(envelope("PlatformGoalReached", {"initiative_id": INITIATIVE_ID}))


def test_merge_contact_keeps_known_fields_and_a_tombstone_beats_older_events():
    first = merge_contact(None, ContactUpdate("p", email="a@x.dk", language="en"), "2024-01-01")
    assert first == Person("p", email="a@x.dk", language="en", updated_at="2024-01-01")
    renamed = merge_contact(first, ContactUpdate("p", name="Anne"), "2024-01-02")
    assert (renamed.email, renamed.name, renamed.language) == ("a@x.dk", "Anne", "en")
    tomb = forget(renamed, "p", "2024-01-03")
    assert tomb.forgotten and tomb.email is None and not tomb.reachable_by_email
    assert merge_contact(tomb, ContactUpdate("p", email="a@x.dk"), "2024-01-02") is None
    back = merge_contact(tomb, ContactUpdate("p", email="b@x.dk"), "2024-02-01")
    assert back.email == "b@x.dk" and not back.forgotten and back.name is None
