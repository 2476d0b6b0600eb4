"""Actors stored before the name search existed get their search terms when the service
starts, once, in the real (embedded) store: the state, version and outbox stay as they were,
an erased actor gets none, and a second start scans nothing."""
from __future__ import annotations

import pytest

from actors.adapters.name_terms_backfill import MARKER, MIGRATIONS, backfill_name_terms
from actors.adapters.store_setup import set_up_store

pytestmark = pytest.mark.integration


def stored_actor(actor_id: str, name: str, **more) -> dict:
    return {"_id": actor_id, "doc_type": "actor", "actor_id": actor_id, "kind": "business",
            "district": "nordjylland", "preferred_language": "da", "registered_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z", "erased_at": None, "name": name, "cvr": None,
            "municipality": None, "contact_points": [], "shared_with_initiatives": False,
            "representatives": [], "version": 4, "_outbox": [], **more}


def test_stored_actors_get_their_terms_once_and_nothing_else_changes(mongo_client, db_prefix):
    db = mongo_client[f"{db_prefix}_actors"]
    set_up_store(db)
    db[MIGRATIONS].delete_many({})
    db["actors"].insert_many([
        stored_actor("a1", "Vrå Boligselskab"),
        stored_actor("a2", "slettet", erased_at="2026-02-01T00:00:00Z"),
        stored_actor("a3", "KN Låseteknik", name_terms=["already"]),
        {"_id": "cvr:29189846", "doc_type": "cvr_claim", "number": "29189846", "holder": "a3"},
    ])
    assert backfill_name_terms(db) == 2
    first = db["actors"].find_one({"_id": "a1"})
    assert "boligselskab" in first["name_terms"] and "vr" in first["name_terms"]
    assert {k: v for k, v in first.items() if k != "name_terms"} == stored_actor("a1", "Vrå Boligselskab")
    assert db["actors"].find_one({"_id": "a2"})["name_terms"] == []
    assert db["actors"].find_one({"_id": "a3"})["name_terms"] == ["already"]
    assert "name_terms" not in db["actors"].find_one({"_id": "cvr:29189846"})
    assert [d["_id"] for d in db["actors"].find({"doc_type": "actor", "name_terms": "bolig"})] == ["a1"]

    db["actors"].insert_one(stored_actor("a4", "Sent Gemt"))
    assert backfill_name_terms(db) == 0, "done once: later starts scan nothing"
    assert db[MIGRATIONS].find_one({"_id": MARKER})["actors"] == 2
