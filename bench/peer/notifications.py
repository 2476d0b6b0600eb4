"""The peer's notifications service: who subscribed to the district, and a feed entry."""
from __future__ import annotations

from nameko.events import event_handler

from bench.peer.dependencies import MongoDatabase


class NotificationsService:
    name = "peer_notifications"

    db = MongoDatabase()

    @event_handler("peer_initiatives", "InitiativeCreated")
    def on_initiative_created(self, event: dict) -> None:
        subscribers = [subscription["subscriber"] for subscription in
                       self.db.subscriptions.find({"district": event["district"]}, {"subscriber": 1})]
        self.db.feed.insert_one({
            "type": "InitiativeCreated", "initiative_id": event["initiative_id"], "district": event["district"],
            "title": event["title"], "at": event["created_at"], "recipients": subscribers,
        })
