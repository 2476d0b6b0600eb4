"""The peer's reporting service: a read model per initiative and a count per district."""
from __future__ import annotations

from nameko.events import event_handler

from bench.peer.dependencies import MongoDatabase


class ReportingService:
    name = "peer_reporting"

    db = MongoDatabase()

    @event_handler("peer_initiatives", "InitiativeCreated")
    def on_initiative_created(self, event: dict) -> None:
        self.db.initiatives.update_one(
            {"_id": event["initiative_id"]},
            {"$set": {"title": event["title"], "district": event["district"], "themes": event["themes"],
                      "phase": event["phase"], "created_at": event["created_at"]}},
            upsert=True,
        )
        self.db.districts.update_one({"_id": event["district"]}, {"$inc": {"initiatives": 1}}, upsert=True)
