"""A pause and a resumption are told to the people who run the initiative, in their words;
a revised title reaches the directory's card (issue 15)."""
import pytest

from notifications.domain.catalogue import ACTOR_CONTACT, ANCHOR_PERSON, COORDINATOR, WORKING_GROUP_MEMBER
from notifications.domain.directory import InitiativeCard, Membership, Person, changes_for
from notifications.domain.incoming import IncomingEvent
from notifications.domain.routing import resolve_recipients
from notifications.templates.facts import build_facts
from notifications.templates.render import render
from samskab_dev.notification_events import INITIATIVE_ID, TITLE, event

pytestmark = pytest.mark.unit

MEMBERS = [Membership(INITIATIVE_ID, ANCHOR_PERSON, "anchor-1"), Membership(INITIATIVE_ID, COORDINATOR, "coord-1"),
           Membership(INITIATIVE_ID, WORKING_GROUP_MEMBER, "wg-1"),
           Membership(INITIATIVE_ID, ACTOR_CONTACT, "actor:actor-7")]
PEOPLE = {p: Person(p, email=f"{p}@politi.dk") for p in ("anchor-1", "coord-1", "wg-1", "actor:actor-7")}


def cards_of(people: dict[str, Person]):
    """The directory's ``cards`` over a dict: the cards of the ids asked for that exist."""
    return lambda ids: {i: people[i] for i in ids if i in people}


CARD = InitiativeCard(INITIATIVE_ID, TITLE, "nordjylland", ("burglary_prevention",))


@pytest.mark.parametrize("event_type", ["InitiativePaused", "InitiativeResumed"])
def test_the_anchor_person_coordinator_and_working_group_hear_of_a_pause(event_type):
    recipients = resolve_recipients(IncomingEvent.from_envelope(event(event_type, initiative_id=INITIATIVE_ID)),
                                    members=MEMBERS, subscriptions=[], cards=cards_of(PEOPLE),
                                    endpoint_active=lambda _: True, themes=())
    assert {r.recipient_id for r in recipients} == {"anchor-1", "coord-1", "wg-1"}


def test_the_pause_says_why_and_the_resumption_how_long():
    paused = IncomingEvent.from_envelope(event("InitiativePaused", initiative_id=INITIATIVE_ID,
                                               reason="COVID-19", phase="mapping"))
    text = render(paused.type, build_facts(paused, language="da", initiative=CARD), "da")
    assert text.subject == f"'{TITLE}' er sat i bero"
    assert "i fasen Kortlægning" in text.text and "Begrundelse: COVID-19" in text.text
    resumed = IncomingEvent.from_envelope(event("InitiativeResumed", initiative_id=INITIATIVE_ID, note=None))
    text = render(resumed.type, build_facts(resumed, language="en", initiative=CARD), "en")
    assert "after 173 days on standby" in text.text and "(unknown)" not in text.text


def test_a_revised_title_reaches_the_card_and_a_revised_focus_leaves_it():
    retitled = changes_for(IncomingEvent.from_envelope(event(
        "InitiativeRevised", initiative_id=INITIATIVE_ID, changed_fields=["title"], title="Tryg i Aarhus",
        previous={"title": TITLE})))
    assert [card.title for card in retitled.initiatives] == ["Tryg i Aarhus"]
    refocused = changes_for(IncomingEvent.from_envelope(event("InitiativeRevised", initiative_id=INITIATIVE_ID)))
    assert refocused.initiatives == []
