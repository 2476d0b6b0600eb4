import pytest

from notifications.domain.catalogue import ACTOR_CONTACT, ANCHOR_PERSON, COORDINATOR, EMAIL, FEED
from notifications.domain.directory import Membership, Person
from notifications.domain.incoming import IncomingEvent
from notifications.domain.routing import resolve_recipients
from notifications.domain.subscriptions import Subscription, new_subscriptions
from samskab_dev.notification_events import INITIATIVE_ID, actor_joined, envelope
from samskab_infra.errors import ValidationFailed

pytestmark = pytest.mark.unit

MEMBERS = [
    Membership(INITIATIVE_ID, ANCHOR_PERSON, "anchor-1"),
    Membership(INITIATIVE_ID, COORDINATOR, "coord-1"),
    Membership(INITIATIVE_ID, ACTOR_CONTACT, "actor:actor-7"),
    Membership("other-initiative", ANCHOR_PERSON, "anchor-2"),
]
PEOPLE = {
    "anchor-1": Person("anchor-1", email="anker@politi.dk"),
    "coord-1": Person("coord-1", email="tovholder@politi.dk"),
    "actor:actor-7": Person("actor:actor-7", email="kontakt@hjoerring.dk"),
    "no-mail": Person("no-mail"),
    "gone": Person("gone", forgotten=True),
}


def cards_of(people: dict[str, Person]):
    """The directory's ``cards`` over a dict: the cards of the ids asked for that exist."""
    return lambda ids: {i: people[i] for i in ids if i in people}


def route(env: dict, subscriptions=(), people=PEOPLE, active=lambda _: True, themes=()):
    return resolve_recipients(IncomingEvent.from_envelope(env), members=MEMBERS,
                              subscriptions=list(subscriptions), cards=cards_of(people),
                              endpoint_active=active, themes=themes)


def sub(subscriber: str, event_type: str, kind: str = "person", **kw) -> Subscription:
    return Subscription(f"s-{subscriber}-{event_type}", kind, subscriber, event_type, **kw)


def test_anchor_person_hears_actor_joined_of_their_initiative_by_default():
    recipients = route(actor_joined())
    assert [(r.recipient_id, r.channels) for r in recipients] == [("anchor-1", (EMAIL, FEED))]


def test_every_member_hears_initiative_closed_and_no_one_from_other_initiatives():
    recipients = route(envelope("InitiativeClosed", {"initiative_id": INITIATIVE_ID}))
    assert {r.recipient_id for r in recipients} == {"anchor-1", "coord-1", "actor:actor-7"}


def test_coordinator_hears_influence_imbalance():
    recipients = route(envelope("InfluenceImbalanceDetected", {"initiative_id": INITIATIVE_ID}))
    assert [r.recipient_id for r in recipients] == ["coord-1"]


def test_subscription_filters_on_initiative_district_and_theme():
    event = envelope("InitiativeCreated", {"initiative_id": "i-2"}, district="fyn")
    subs = [sub("a", "InitiativeCreated", district="fyn"),
            sub("b", "InitiativeCreated", district="bornholm"),
            sub("c", "InitiativeCreated", theme="burglary_prevention"),
            sub("d", "InitiativeCreated", theme="nightlife"),
            sub("e", "InitiativeCreated", initiative_id="i-3"),
            sub("f", "ActorJoined")]
    people = {k: Person(k, email=f"{k}@x.dk") for k in "abcdef"}
    recipients = route(event, subs, people=people, themes=("burglary_prevention",))
    assert [r.recipient_id for r in recipients] == ["a", "c"]


def test_mute_silences_a_default_and_channels_are_respected():
    subs = [sub("anchor-1", "ActorJoined", mute=True, channels=()),
            sub("coord-1", "ActorJoined", channels=(FEED,))]
    recipients = route(actor_joined(), subs)
    assert [(r.recipient_id, r.channels) for r in recipients] == [("coord-1", (FEED,))]


def test_forgotten_people_get_nothing_and_people_without_email_only_the_feed():
    subs = [sub("gone", "ActorJoined"), sub("no-mail", "ActorJoined"), sub("unknown", "ActorJoined")]
    recipients = {r.recipient_id: r.channels for r in route(actor_joined(), subs)}
    assert "gone" not in recipients
    assert recipients["no-mail"] == (FEED,)
    assert recipients["unknown"] == (FEED,)


def test_endpoints_only_when_active():
    subs = [sub("we_1", "ActorJoined", kind="endpoint", channels=("webhook",)),
            sub("we_2", "ActorJoined", kind="endpoint", channels=("webhook",))]
    recipients = route(actor_joined(), subs, active=lambda e: e == "we_2")
    assert [(r.kind, r.recipient_id) for r in recipients] == [("person", "anchor-1"),
                                                               ("endpoint", "we_2")]


def test_new_subscriptions_one_per_type_and_refuses_unknown_types_and_channels():
    ids = iter(["s1", "s2"])
    made = new_subscriptions("person", "p", ["ActorJoined", "ActorLeft", "ActorJoined"],
                             now="2024-01-01T00:00:00.000000Z", new_id=lambda: next(ids))
    assert [(s.subscription_id, s.event_type) for s in made] == [("s1", "ActorJoined"),
                                                                ("s2", "ActorLeft")]
    with pytest.raises(ValidationFailed):
        new_subscriptions("person", "p", ["ConsentWithdrawn"], now="x", new_id=str)
    with pytest.raises(ValidationFailed):
        new_subscriptions("person", "p", ["ActorJoined"], now="x", new_id=str, channels=["sms"])


def test_subscription_round_trips_through_a_document():
    original = sub("p", "ActorLeft", district="fyn", theme="t", channels=(FEED,))
    assert Subscription.from_document(original.to_document()) == original


def test_an_enrolled_organisations_contact_is_told_even_when_it_is_no_member_yet():
    enrolled = envelope("ActorEnrolled", {"actor_id": "actor-9", "initiative_id": INITIATIVE_ID,
                                          "actor_kind": "business", "enrolled_by_role": "anchor_person"})
    recipients = route(enrolled)
    assert [(r.recipient_id, r.channels) for r in recipients] == [("actor:actor-9", (EMAIL, FEED))]


def test_a_follow_up_action_mails_the_assigned_actor_and_shows_in_the_leaders_feeds():
    """The assignee's contact by e-mail (sent while its consent lasts) and in its feed;
    the anchor person and the coordinator, who follow it up, in their feeds only."""
    action = envelope("FollowUpActionCreated", {"initiative_id": INITIATIVE_ID, "assigned_actor_id": "actor-9",
                                                "action_id": "act-1", "finding_id": "f-1"})
    recipients = route(action)
    assert [(r.recipient_id, r.channels) for r in recipients] == [
        ("actor:actor-9", (EMAIL, FEED)), ("anchor-1", (FEED,)), ("coord-1", (FEED,))]


def test_a_follow_up_action_for_a_forgotten_actor_reaches_only_the_leaders():
    people = {**PEOPLE, "actor:actor-9": Person("actor:actor-9", forgotten=True)}
    action = envelope("FollowUpActionCreated", {"initiative_id": INITIATIVE_ID, "assigned_actor_id": "actor-9"})
    assert [r.recipient_id for r in route(action, people=people)] == ["anchor-1", "coord-1"]


def test_a_district_subscription_hears_initiatives_its_district_takes_part_in():
    joined = actor_joined()  # led from nordjylland
    subs = [sub("fyn-ops", "ActorJoined", district="fyn"), sub("sj-ops", "ActorJoined", district="sjaelland")]
    plain = resolve_recipients(IncomingEvent.from_envelope(joined), members=MEMBERS, subscriptions=subs,
                               cards=cards_of(PEOPLE), endpoint_active=lambda _: True)
    assert "fyn-ops" not in {r.recipient_id for r in plain}
    across = resolve_recipients(IncomingEvent.from_envelope(joined), members=MEMBERS, subscriptions=subs,
                                cards=cards_of(PEOPLE), endpoint_active=lambda _: True, participating=("fyn",))
    assert {r.recipient_id for r in across} == {"anchor-1", "fyn-ops"}


def test_a_subscription_through_a_participating_district_ends_when_the_district_leaves():
    follows = sub("fyn-ops", "ActorJoined", initiative_id=INITIATIVE_ID, district="fyn")
    event = IncomingEvent.from_envelope(actor_joined())
    assert follows.matches(event, participating=("fyn",))
    assert not follows.matches(event, participating=())
