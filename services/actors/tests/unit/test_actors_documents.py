"""The aggregates' stored documents: rebuilding an aggregate from its document and writing it
again gives the same document (same keys, same values), so documents stored before the
aggregates held typed attributes stay readable and unchanged."""
from __future__ import annotations

import pytest
from actors_samples import INITIATIVE, PLATFORM, citizen, organisation

from actors import handlers
from actors.domain import Actor, CvrClaim, KnownInitiative, Membership

pytestmark = pytest.mark.unit

AGGREGATES = {"actor": Actor, "cvr_claim": CvrClaim, "known_initiative": KnownInitiative,
              "membership": Membership}


def _stored(stores: dict) -> list[dict]:
    return [{k: v for k, v in doc.items() if k not in ("_id", "version")}
            for store in stores.values() for doc in store.find({})]


def _round_trips(stores: dict) -> None:
    documents = _stored(stores)
    assert {doc["doc_type"] for doc in documents} == set(AGGREGATES)
    for doc in documents:
        assert AGGREGATES[doc["doc_type"]].from_document(doc).to_document() == doc


def test_every_stored_document_round_trips(stores, register, ctx, known_initiative):
    people = [register(organisation()), register(citizen(consent_purposes=["notifications"]))]
    handlers.update_actor(stores, {"actor_id": people[0]["actor_id"], "shared_with_initiatives": True}, ctx)
    for actor in people:
        handlers.join_initiative(stores, {"actor_id": actor["actor_id"], "initiative_id": INITIATIVE,
                                          "role": "member", "platform_ids": [PLATFORM],
                                          "interests": {"categories": [], "free_text": "lys i gaden"}},
                                 ctx)
    _round_trips(stores)
    for actor in people:
        handlers.erase_actor(stores, {"actor_id": actor["actor_id"]}, ctx)
    _round_trips(stores)


def test_a_view_is_the_document_without_its_internal_fields(stores, register):
    view = register(citizen())
    stored = stores["actors"].get(view["actor_id"])
    assert view == {k: v for k, v in stored.items() if k not in ("_id", "doc_type", "name_terms")}
