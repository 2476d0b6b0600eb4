"""Envelopes for tests of notifications, built through the real event contracts (so a
test event is a valid event), as the plain dicts that arrive on the wire."""
from __future__ import annotations

import copy
import uuid

from samskab_infra.envelope import Envelope
from samskab_infra.event_types import event_class

INITIATIVE_ID = "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10"
TITLE = "Hjørring – Fri for Indbrud"
T_EVENT = "2024-03-01T08:00:00.000000Z"


def event(event_type: str, *, occurred_at: str = T_EVENT, event_id: str | None = None,
          **overrides) -> dict:
    """The contract's example of ``event_type`` with ``overrides``, validated and wrapped."""
    cls = event_class(event_type)
    data = {**copy.deepcopy(cls.example), **overrides}
    wrapped = Envelope.wrap(cls(**data), producer=cls.producer, district=data.get("district"),
                            correlation_id="corr-test", occurred_at=occurred_at).to_dict()
    if event_id:
        wrapped["event_id"] = event_id
    return wrapped


def envelope(event_type: str, data: dict, *, district: str | None = "nordjylland",
             occurred_at: str = T_EVENT, event_id: str | None = None) -> dict:
    """A raw envelope, for event types without a contract (the generic template)."""
    return {"event_id": event_id or str(uuid.uuid4()), "type": event_type, "version": 1,
            "occurred_at": occurred_at, "producer": "test", "correlation_id": "corr-test",
            "causation_id": None, "district": district, "data": data}


def initiative_created(**overrides) -> dict:
    return event("InitiativeCreated", **{"initiative_id": INITIATIVE_ID, "title": TITLE, **overrides})


def anchor_assigned(person_id: str = "anchor-1", email: str | None = "anker@politi.dk",
                    name: str = "Søren Ærø", **kw) -> dict:
    person = {"person_id": person_id, "name": name, "email": email}
    return event("AnchorPersonAssigned", anchor_person=person, **kw)


def coordinator_assigned(person_id: str = "coord-1", email: str | None = "tovholder@politi.dk",
                         name: str = "Mette Kjær") -> dict:
    return event("CoordinatorAssigned",
                 coordinator={"person_id": person_id, "name": name, "email": email})


def actor_joined(actor_id: str = "actor-7", name: str | None = "Hjørring Kommune",
                 kind: str = "municipality", **kw) -> dict:
    return event("ActorJoined", actor_id=actor_id, name=name, actor_kind=kind,
                 initiative_id=INITIATIVE_ID, **kw)


def actor_left(actor_id: str = "actor-7", scope: str = "initiative",
               reason_code: str | None = "lack_of_resources", **kw) -> dict:
    return event("ActorLeft", actor_id=actor_id, scope=scope, reason_code=reason_code,
                 actor_kind="municipality", **kw)


def initiative_closed(**kw) -> dict:
    return event("InitiativeClosed", **kw)
