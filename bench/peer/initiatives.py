"""The peer's initiatives service: store the initiative, then dispatch InitiativeCreated.

Commit, then dispatch, as nameko-examples' orders service does: a crash between the two
loses the event. That is the point of the peer.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from nameko.events import EventDispatcher
from nameko.rpc import rpc

from bench.peer.dependencies import MongoDatabase


class InitiativesService:
    name = "peer_initiatives"

    db = MongoDatabase()
    dispatch = EventDispatcher()

    @rpc
    def create_initiative(self, data: dict) -> str:
        initiative_id = str(uuid.uuid4())
        initiative = {
            "title": data["title"],
            "challenge": (data.get("challenge") or {}).get("text", ""),
            "themes": list(data.get("themes") or []),
            "district": data["district"],
            "phase": "start_up",
            "created_at": datetime.now(UTC).isoformat(),
        }
        self.db.initiatives.insert_one({"_id": initiative_id, **initiative})
        self.dispatch("InitiativeCreated", {"initiative_id": initiative_id, **initiative})
        return initiative_id
