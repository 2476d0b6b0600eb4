import pytest

from notifications.domain.catalogue import ACTOR_CONTACT, ANCHOR_PERSON, COORDINATOR, WORKING_GROUP_MEMBER
from notifications.domain.directory import (
    ActorCard,
    ContactUpdate,
    Membership,
    MembershipFilter,
    Person,
    changes_for,
    forget,
    merge_contact,
)
from notifications.domain.incoming import IncomingEvent
from samskab_dev.notification_events import (
    INITIATIVE_ID,
    TITLE,
    actor_joined,
    actor_left,
    anchor_assigned,
    coordinator_assigned,
    event,
    initiative_created,
)

pytestmark = pytest.mark.unit


def changes(env):
    return changes_for(IncomingEvent.from_envelope(env))


def test_initiative_created_gives_a_card_with_title_district_and_themes():
    (card,) = changes(initiative_created()).initiatives
    assert (card.title, card.district, card.themes) == (TITLE, "nordjylland", ("burglary_prevention",))


def test_anchor_person_assigned_replaces_the_previous_anchor_and_records_contact():
    result = changes(anchor_assigned("anchor-9", "ny@politi.dk"))
    assert result.remove_memberships == [MembershipFilter(INITIATIVE_ID, ANCHOR_PERSON)]
    assert result.add_memberships == [Membership(INITIATIVE_ID, ANCHOR_PERSON, "anchor-9")]
    assert result.contacts == [ContactUpdate("anchor-9", "ny@politi.dk", "Søren Ærø")]
    coordinator = changes(coordinator_assigned())
    assert coordinator.add_memberships == [Membership(INITIATIVE_ID, COORDINATOR, "coord-1")]


def test_the_working_group_is_replaced_by_its_current_members():
    members = [{"person_id": "lb@politi.dk", "name": "Lars Bak", "email": None, "role": "analytiker"},
               {"person_id": "ak@politi.dk", "name": "Anne Krag", "email": "ak@politi.dk", "role": None}]
    result = changes(event("WorkingGroupChanged", added=members[1:], removed=["old@politi.dk"],
                           members=members))
    assert result.remove_memberships == [MembershipFilter(INITIATIVE_ID, WORKING_GROUP_MEMBER)]
    assert [m.person_id for m in result.add_memberships] == ["lb@politi.dk", "ak@politi.dk"]
    assert [c.email for c in result.contacts] == [None, "ak@politi.dk"]


def test_actor_joined_and_left_go_to_the_member_ledger_the_name_only_with_the_join():
    joined = changes(actor_joined(scope="initiative", platform_ids=[], membership_seq=1))
    [change] = joined.actor_memberships
    assert (change.initiative_id, change.actor_id, change.fact.joined, change.fact.seq) == (
        INITIATIVE_ID, "actor-7", True, 1)
    assert change.card == ActorCard("actor-7", "Hjørring Kommune")
    assert joined.actors == [] and joined.add_memberships == []  # named only if the ledger applies it
    assert joined.contacts == []  # actor events carry no contact details
    left = changes(actor_left(initiative_id=INITIATIVE_ID))
    assert not left.actor_memberships[0].fact.joined and left.actor_memberships[0].card is None
    # a copy from before the ledger is cleaned up by the leave
    assert left.remove_memberships == [MembershipFilter(INITIATIVE_ID, ACTOR_CONTACT, "actor:actor-7")]
    assert not changes(actor_left(scope="platform", initiative_id=INITIATIVE_ID)).remove_memberships
    assert left.erase_actors == []


def test_the_leave_an_erasure_emits_also_drops_the_actor_card():
    left = changes(actor_left(initiative_id=INITIATIVE_ID, reason_code="erased"))
    assert left.actor_memberships[0].fact.erased and left.erase_actors == ["actor-7"]


def test_citizens_are_never_named():
    assert changes(actor_joined(name=None, kind="citizen")).actors == []


def test_consent_events():
    withdrawn = changes(event("ConsentWithdrawn", actor_id="a1"))
    assert withdrawn.forget == ["actor:a1"]
    directory_only = event("ConsentWithdrawn", actor_id="a1", purpose="contact_directory")
    assert changes(directory_only).forget == []
    erasure = event("ConsentWithdrawn", actor_id="a1", purpose="contact_directory", cause="erasure")
    assert changes(erasure).forget == ["actor:a1"]
    assert changes(event("ConsentGiven", actor_id="a1")).contacts == [ContactUpdate("actor:a1")]


def test_actor_erased_forgets_contact_card_and_memberships():
    erased = changes(event("ActorErased", actor_id="a1"))
    assert erased.forget == ["actor:a1"] and erased.erase_actors == ["a1"]
    assert erased.remove_memberships == [MembershipFilter(person_id="actor:a1")]


def test_unrelated_events_change_nothing():
    assert not changes(event("PlatformGoalReached"))


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


def test_who_can_be_mailed():
    assert Person("actor:a1").reachable_by_email  # its address is asked for when sending
    assert not Person("staff@politi.dk").reachable_by_email
    assert Person("staff@politi.dk", email="staff@politi.dk").reachable_by_email
    assert not forget(None, "actor:a1", "2024-01-01").reachable_by_email


@pytest.mark.parametrize("event_type,districts,participating", [
    ("ParticipatingDistrictAdded", ["nordjylland", "fyn"], ("fyn",)),
    ("ParticipatingDistrictRemoved", ["nordjylland"], ()),
])
def test_a_change_of_participating_districts_keeps_those_besides_the_lead(event_type, districts, participating):
    env = event(event_type, initiative_id=INITIATIVE_ID, district="nordjylland", participating_district="fyn",
                districts=districts, occurred_at="2024-05-01T10:00:00.000000Z")
    (reach,) = changes(env).reach
    assert (reach.initiative_id, reach.participating_districts) == (INITIATIVE_ID, participating)
    assert reach.at == IncomingEvent.from_envelope(env).occurred_at


def test_an_initiatives_districts_are_its_lead_then_the_participating_ones():
    from notifications.domain.directory import InitiativeCard
    card = InitiativeCard(INITIATIVE_ID, TITLE, "koebenhavn", participating_districts=("fyn", "bornholm"))
    assert card.districts == ("koebenhavn", "fyn", "bornholm")
    assert InitiativeCard(INITIATIVE_ID, TITLE).districts == ()
