import pytest

from notifications.domain.feed import FeedItem, feed_page_view, feed_window, newest_first, page_of
from samskab_infra.errors import ValidationFailed

pytestmark = pytest.mark.unit


def item(n: int, read: bool = False) -> FeedItem:
    return FeedItem(item_id=f"e{n}|p", person_id="p", event_id=f"e{n}", event_type="ActorJoined",
                    initiative_id="i", occurred_at=f"2024-03-{n:02d}T08:00:00.000000Z", read=read)


ITEMS = [item(n, read=n % 3 == 0) for n in range(1, 8)]


def test_newest_first_and_paging():
    assert [i.event_id for i in newest_first(ITEMS)][:3] == ["e7", "e6", "e5"]
    assert [i.event_id for i in page_of(ITEMS, feed_window(2, 3))] == ["e4", "e3", "e2"]
    assert [i.event_id for i in page_of(ITEMS, feed_window(3, 3))] == ["e1"]


def test_unread_only():
    assert [i.event_id for i in page_of(ITEMS, feed_window(1, 10, unread_only=True))] == [
        "e7", "e5", "e4", "e2", "e1"]


def test_mark_read_is_idempotent():
    first = item(1).mark_read("2024-04-01T00:00:00.000000Z")
    assert first.read and first.read_at == "2024-04-01T00:00:00.000000Z"
    assert first.mark_read("2024-05-01T00:00:00.000000Z") is first


@pytest.mark.parametrize("page,size", [(0, 10), (1, 0), (1, 101)])
def test_bad_windows(page, size):
    with pytest.raises(ValidationFailed):
        feed_window(page, size)


def test_page_view_leaves_out_erased_events_and_says_if_there_is_more():
    window = feed_window(1, 3)
    page = page_of(ITEMS, window)
    view = feed_page_view(page, window, total=7, unread=5,
                          describe=lambda i: None if i.event_id == "e6" else {"title": i.event_id})
    assert [e["title"] for e in view["items"]] == ["e7", "e5"]
    assert view["has_more"] and view["unread"] == 5
    assert FeedItem.from_document(ITEMS[2].to_document()) == ITEMS[2]
