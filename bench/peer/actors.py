"""The peer's actors service: it records each initiative actors may take part in."""
from __future__ import annotations

from nameko.events import event_handler

from bench.peer.dependencies import MongoDatabase


class ActorsService:
    name = "peer_actors"

    db = MongoDatabase()

    @event_handler("peer_initiatives", "InitiativeCreated")
    def on_initiative_created(self, event: dict) -> None:
        self.db.initiatives.insert_one({"_id": event["initiative_id"], "district": event["district"],
                                        "title": event["title"]})
