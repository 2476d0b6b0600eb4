"""The published event history in the real store: redaction after an erasure."""
from __future__ import annotations

import pytest

from actors.adapters.published_history import PublishedHistory
from actors.personal_data import PUBLISHED_PERSONAL_FIELDS

pytestmark = pytest.mark.integration


def archived(event_id: str, event_type: str, **data) -> dict:
    return {"_id": event_id, "type": event_type, "status": "published", "data": data}


def test_names_and_contacts_of_the_erased_actor_are_nulled_and_nothing_else(mongo_client, db_prefix):
    db = mongo_client[f"{db_prefix}_actors"]
    db["actors_events"].insert_many([
        archived("e1", "ActorContactShared", actor_id="a1", channel="email", address="nabo@example.dk",
                 name=None, language="da"),
        archived("e2", "ActorRegistered", actor_id="a1", actor_kind="business", name="Bo's Låse"),
        archived("e3", "ConsentGiven", actor_id="a1", purpose="notifications"),
        archived("e4", "ActorContactShared", actor_id="a2", channel="email", address="other@example.dk",
                 name="Karen", language="da"),
    ])
    db["memberships_events"].insert_one(
        archived("e5", "ActorJoined", actor_id="a1", actor_kind="business", name="Bo's Låse"))
    history = PublishedHistory(db)
    assert history.contains("e5") and not history.contains("nope")

    assert history.redact("a1", PUBLISHED_PERSONAL_FIELDS) == 3
    assert history.redact("a1", PUBLISHED_PERSONAL_FIELDS) == 0

    data = {d["_id"]: d["data"] for c in ("actors_events", "memberships_events") for d in db[c].find()}
    assert data["e1"] == {"actor_id": "a1", "channel": "email", "address": None, "name": None,
                          "language": "da"}
    assert data["e2"]["name"] is None and data["e5"]["name"] is None
    assert data["e3"] == {"actor_id": "a1", "purpose": "notifications"}
    assert data["e4"]["address"] == "other@example.dk" and data["e4"]["name"] == "Karen"
