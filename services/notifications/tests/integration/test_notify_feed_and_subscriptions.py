"""The in-app feed and subscriptions through the handlers, on the real store."""
import pytest

from notifications.adapters.documents import with_flags
from notifications.domain.feed import FeedItem, newest_first
from notifications.handlers.commands import mark_feed_item_read, mark_feed_read, set_preferences, subscribe, unsubscribe
from notifications.handlers.events import handle_event
from notifications.handlers.queries import get_feed, list_subscriptions
from notifications.handlers.sending import deliver_due
from samskab_dev.notification_events import (
    INITIATIVE_ID,
    actor_joined,
    anchor_assigned,
    event,
    initiative_closed,
    initiative_created,
)
from samskab_infra.context import Context, Principal
from samskab_infra.errors import Forbidden, NotFound, ValidationFailed

pytestmark = pytest.mark.integration

T0 = "2024-03-01T09:00:00.000000Z"


def as_person(subject: str, role: str = "anchor_person", district: str | None = "nordjylland",
              actor_id: str | None = None) -> Context:
    """A person with ``role`` in the test's initiative (an actor representative: its actor
    takes part in it)."""
    return Context(correlation_id="c", principal=Principal.of(subject, role, district=district,
                                                           initiatives=(INITIATIVE_ID,),
                                                           actor_id=actor_id), now=T0)


def day(n: int) -> str:
    return f"2024-03-{n:02d}T08:00:00.000000Z"


def pages_of_feed(stores, me: Context, settings, **query) -> list[list[dict]]:
    """Every page, following next_cursor to the end."""
    pages, cursor = [], None
    while True:
        page = get_feed(stores, {**query, **({"cursor": cursor} if cursor else {})}, me, settings=settings)
        assert set(page) == {"items", "next_cursor"}
        pages.append(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


def item_ids(pages: list[list[dict]]) -> list[str]:
    return [item["item_id"] for page in pages for item in page]


def stored_newest_first(stores, person_id: str) -> list[str]:
    """The rule (domain.feed.newest_first) applied to everything stored for the person."""
    docs = stores.feed.collection.find({"person_id": person_id})
    return [i.item_id for i in newest_first(FeedItem.from_document(with_flags(d, ("read",))) for d in docs)]


def test_the_feed_is_newest_first_paged_by_cursor_and_tracks_read(stores, settings):
    handle_event(stores, initiative_created(), settings=settings, now=T0)
    handle_event(stores, anchor_assigned(), settings=settings, now=T0)
    for n in range(2, 7):
        handle_event(stores, actor_joined(f"actor-{n}", f"Aktør {n}", occurred_at=day(n)),
                     settings=settings, now=T0)
    handle_event(stores, actor_joined("actor-9", "Aktør 9", occurred_at=day(3)), settings=settings, now=T0)
    for n, fraction in ((10, "000001"), (11, "500000")):  # the store's filters see one second
        handle_event(stores, actor_joined(f"actor-{n}", f"Aktør {n}", occurred_at=day(3).replace("000000", fraction)),
                     settings=settings, now=T0)
    me = as_person("anchor-1")
    first = get_feed(stores, {"limit": 2}, me, settings=settings)
    assert [i["title"] for i in first["items"]] == [
        "Ny aktør: Aktør 6 har tilsluttet sig 'Hjørring – Fri for Indbrud'",
        "Ny aktør: Aktør 5 har tilsluttet sig 'Hjørring – Fri for Indbrud'"]
    rule = stored_newest_first(stores, "anchor-1")
    assert len(rule) == 9
    for limit in (1, 2, 3, 4, 100):  # pages end inside the tie and the second on day 3 too
        pages = pages_of_feed(stores, me, settings, limit=limit)
        assert item_ids(pages) == rule, limit
        assert all(len(page) == limit for page in pages[:-1])
    assert pages[0][-1]["event_type"] == "AnchorPersonAssigned"

    handle_event(stores, actor_joined("actor-8", "Aktør 8", occurred_at=day(8)), settings=settings, now=T0)
    after_first = get_feed(stores, {"limit": 2, "cursor": first["next_cursor"]}, me, settings=settings)
    assert [i["item_id"] for i in after_first["items"]] == rule[2:4], "a new item shifts no page"

    mark_feed_item_read(stores, {"item_id": first["items"][0]["item_id"]}, me)
    unread = item_ids(pages_of_feed(stores, me, settings, unread_only=True, limit=3))
    assert len(unread) == 9 and first["items"][0]["item_id"] not in unread
    assert mark_feed_read(stores, None, me) == {"marked_read": 9}
    assert get_feed(stores, {"unread_only": True}, me, settings=settings) == {"items": [], "next_cursor": None}
    with pytest.raises(NotFound):
        mark_feed_item_read(stores, {"item_id": first["items"][1]["item_id"]}, as_person("someone"))
    for bad in ({"limit": 1000}, {"limit": 0}, {"cursor": "nope"}, {"cursor": "W10"}, {"cursor": "x" * 501},
                {"page": 2}, {"page_size": 10}):
        with pytest.raises(ValidationFailed):
            get_feed(stores, bad, me, settings=settings)


def test_the_feed_follows_the_readers_language(stores, settings):
    handle_event(stores, initiative_created(), settings=settings, now=T0)
    handle_event(stores, anchor_assigned(), settings=settings, now=T0)
    me = as_person("anchor-1")
    set_preferences(stores, {"language": "en"}, me)
    (item,) = get_feed(stores, None, me, settings=settings)["items"]
    assert item["title"] == "New anchor person for 'Hjørring – Fri for Indbrud': Søren Ærø"


def test_subscriptions_filter_by_district_and_theme_and_mute(stores, settings):
    reader = as_person("ops@politi.dk", role="district_operator")
    made = subscribe(stores, {"event_types": ["InitiativeCreated"], "theme": "burglary_prevention",
                              "channels": ["feed"]}, reader)["subscriptions"]
    assert made[0]["district"] == "nordjylland"
    with pytest.raises(Forbidden):
        subscribe(stores, {"event_types": ["InitiativeCreated"], "district": "fyn"}, reader)
    with pytest.raises(ValidationFailed):
        subscribe(stores, {"event_types": ["InitiativeCreated"], "channels": ["sms"]}, reader)
    matched = handle_event(stores, initiative_created(), settings=settings, now=T0)
    assert matched["feed_items"] and matched["deliveries"] == []
    other_theme = initiative_created(initiative_id="i-2", themes=["nightlife"])
    assert handle_event(stores, other_theme, settings=settings, now=T0)["feed_items"] == []
    elsewhere = initiative_created(initiative_id="i-3", district="fyn")
    assert handle_event(stores, elsewhere, settings=settings, now=T0)["feed_items"] == []

    handle_event(stores, anchor_assigned(), settings=settings, now=T0)
    anchor = as_person("anchor-1")
    mute = subscribe(stores, {"event_types": ["ActorJoined"], "mute": True, "channels": []},
                     anchor)["subscriptions"][0]
    assert handle_event(stores, actor_joined(), settings=settings, now=T0)["feed_items"] == []
    listed = list_subscriptions(stores, None, anchor)
    assert [s["subscription_id"] for s in listed["subscriptions"]] == [mute["subscription_id"]]
    assert any(d["event_type"] == "ActorJoined" for d in listed["defaults"])
    with pytest.raises(Forbidden):
        unsubscribe(stores, {"subscription_id": mute["subscription_id"]}, reader)
    unsubscribe(stores, {"subscription_id": mute["subscription_id"]}, anchor)
    assert handle_event(stores, actor_joined("actor-2"), settings=settings, now=T0)["feed_items"]


def test_an_erased_actor_leaves_no_feed_no_stored_events_and_no_pending_mail(stores, settings,
                                                                            smtp_server):
    handle_event(stores, initiative_created(), settings=settings, now=T0)
    handle_event(stores, event("ActorRegistered", actor_id="actor-7", name="Jens Hansen Tømrer ApS",
                               actor_kind="business"), settings=settings, now=T0)
    handle_event(stores, anchor_assigned(), settings=settings, now=T0)
    handle_event(stores, actor_joined("actor-7", name=None, kind="business"), settings=settings,
                 now=T0)
    closed = handle_event(stores, initiative_closed(), settings=settings, now=T0)
    assert {d["recipient_id"] for d in closed["deliveries"]} == {"anchor-1", "actor:actor-7"}
    actor_reader = as_person("jens", role="actor_representative", actor_id="actor-7")
    assert len(get_feed(stores, None, actor_reader, settings=settings)["items"]) == 1
    anchor_feed = get_feed(stores, None, as_person("anchor-1"), settings=settings)
    assert any("Jens Hansen Tømrer ApS" in i["title"] for i in anchor_feed["items"])

    erased = event("ActorErased", actor_id="actor-7", actor_kind="business",
                   occurred_at="2024-03-01T08:30:00.000000Z")
    handle_event(stores, erased, settings=settings, now=T0)
    assert get_feed(stores, None, actor_reader, settings=settings)["items"] == []
    assert stores.directory.actor("actor-7") is None and stores.directory.person("actor:actor-7").forgotten
    assert [m.person_id for m in stores.directory.members(INITIATIVE_ID)] == ["anchor-1"]
    (to_actor,) = stores.deliveries.of_recipient("actor:actor-7")
    assert to_actor.status == "cancelled"
    # the anchor's mail about the erased actor joining is dropped too: its event is gone
    assert deliver_due(stores, settings, T0) == {"delivered": 2, "cancelled": 1}
    assert not any("Jens Hansen" in m["Subject"] for m in smtp_server.messages)
    anchor_feed = get_feed(stores, None, as_person("anchor-1"), settings=settings)
    assert not any("Jens Hansen" in i["title"] for i in anchor_feed["items"])


def test_a_late_join_brings_back_neither_the_member_nor_an_erased_actors_name(stores, settings):
    """The join waited in a retry queue; the leave the erasure emitted and ActorErased overtook it."""
    handle_event(stores, initiative_created(), settings=settings, now=T0)
    handle_event(stores, anchor_assigned(), settings=settings, now=T0)
    late_join = actor_joined("actor-8", name="Vrå Låse ApS", kind="business", scope="initiative",
                             platform_ids=[], membership_seq=1, at=day(1))
    handle_event(stores, event("ActorLeft", actor_id="actor-8", actor_kind="business", scope="initiative",
                               initiative_id=INITIATIVE_ID, reason_code="erased", membership_seq=2,
                               at=day(2)), settings=settings, now=T0)
    handle_event(stores, event("ActorErased", actor_id="actor-8", actor_kind="business"),
                 settings=settings, now=T0)
    told = handle_event(stores, late_join, settings=settings, now=T0)
    assert told["deliveries"] == [] and told["feed_items"] == []  # nobody hears old news
    assert "Vrå Låse" not in str(list(stores.events.collection.find({})))
    assert "actor:actor-8" not in [m.person_id for m in stores.directory.members(INITIATIVE_ID)]
    assert stores.directory.actor("actor-8") is None
    assert stores.directory.actors.find_one({"_id": "actor-8"})["name"] is None
    handle_event(stores, event("ActorUpdated", actor_id="actor-8", name="Vrå Låse ApS", actor_kind="business"),
                 settings=settings, now=T0)
    assert stores.directory.actor("actor-8") is None


def version_1(envelope: dict) -> dict:
    """As an actors service from before membership_seq published it."""
    data = {k: v for k, v in envelope["data"].items() if k != "membership_seq"}
    return {**envelope, "version": 1, "data": data}


def test_members_follow_the_last_membership_event_whatever_the_arrival_order(stores, settings):
    handle_event(stores, initiative_created(), settings=settings, now=T0)
    left = event("ActorLeft", actor_id="actor-9", actor_kind="business", scope="initiative",
                 initiative_id=INITIATIVE_ID, reason_code=None, at=day(3))
    joined = actor_joined("actor-9", name="Hjørring Boligselskab", kind="business", at=day(2))
    rejoined = actor_joined("actor-9", name="Hjørring Boligselskab", kind="business", at=day(4))
    for envelope in (left, joined):  # version 1 events: ordered by their time
        handle_event(stores, version_1(envelope), settings=settings, now=T0)
    assert "actor:actor-9" not in [m.person_id for m in stores.directory.members(INITIATIVE_ID)]
    handle_event(stores, version_1(rejoined), settings=settings, now=T0)
    assert "actor:actor-9" in [m.person_id for m in stores.directory.members(INITIATIVE_ID)]
