"""Where an actor may be e-mailed, asked of the actors service when a mail goes out.

Actor events never carry contact details (the actors contract's privacy rule);
the actors service answers ``notification_recipients`` with consent and erasure
already applied, so nothing of it is stored here.
"""
from __future__ import annotations

from collections.abc import Callable

from ..domain.directory import EmailContact

Query = Callable[[str, dict], dict]


class ActorContactsViaQuery:
    """``query(name, params)`` is the actors service's query RPC (e.g. a nameko
    ServiceRpcProxy's ``query``)."""

    def __init__(self, query: Query):
        self.query = query

    def __call__(self, actor_id: str) -> EmailContact | None:
        answer = self.query("notification_recipients", {"actor_ids": [actor_id]})
        for recipient in answer.get("recipients") or ():
            if recipient.get("actor_id") != actor_id:
                continue
            for address in recipient.get("addresses") or ():
                if address.get("channel") == "email" and address.get("address"):
                    return EmailContact(address["address"], address.get("name"),
                                        recipient.get("preferred_language"))
        return None
