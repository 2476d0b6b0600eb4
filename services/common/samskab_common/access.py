"""Object-level authorisation: who may read or change what.

Enforced inside each service, which holds the object and so knows its district
and initiative; the gateway adds the principal to every call.

- system: everything (services and timers).
- national_centre: reads everything (aggregated views are shaped by reporting); writes nothing.
- district_operator: reads and administers its own district.
- anchor_person / coordinator: reads and changes the initiatives they hold.
- actor_representative: reads the initiatives its actor is a member of, changes its own actor.
- partner: only its own webhook endpoints (notifications).
"""
from __future__ import annotations

from .context import Principal
from .errors import Forbidden


def may_read(principal: Principal, district: str | None, initiative_id: str | None = None,
             actor_id: str | None = None) -> bool:
    role = principal.role
    if role in ("system", "national_centre"):
        return True
    if role == "district_operator":
        return district is not None and district == principal.district
    if role in ("anchor_person", "coordinator", "actor_representative"):
        if initiative_id is not None and initiative_id in principal.initiatives:
            return True
        return actor_id is not None and actor_id == principal.actor_id
    return False


def may_write(principal: Principal, district: str | None, initiative_id: str | None = None,
              actor_id: str | None = None) -> bool:
    role = principal.role
    if role == "system":
        return True
    if role == "district_operator":
        return district is not None and district == principal.district
    if role in ("anchor_person", "coordinator"):
        return initiative_id is not None and initiative_id in principal.initiatives
    if role == "actor_representative":
        return actor_id is not None and actor_id == principal.actor_id
    return False


def require_read(principal: Principal, district: str | None, initiative_id: str | None = None,
                 actor_id: str | None = None) -> None:
    if not may_read(principal, district, initiative_id, actor_id):
        raise Forbidden("you may not see this object", code="access.read_denied")


def require_write(principal: Principal, district: str | None, initiative_id: str | None = None,
                  actor_id: str | None = None) -> None:
    if not may_write(principal, district, initiative_id, actor_id):
        raise Forbidden("you may not change this object", code="access.write_denied")


def visible_districts(principal: Principal) -> set[str] | None:
    """Districts a list may show; None means every district."""
    if principal.role in ("system", "national_centre"):
        return None
    if principal.role == "district_operator" and principal.district:
        return {principal.district}
    return set()


PERSONAL_DATA_READER_ROLES = ("system", "district_operator")


def require_personal_data_reader(principal: Principal, actor_id: str) -> None:
    """Who may export one actor's personal data from a service: the actor's own
    representative, an operator (the gateway has the actors service check the
    operator's district first), or an internal call."""
    if principal.role in PERSONAL_DATA_READER_ROLES:
        return
    if principal.role == "actor_representative" and principal.actor_id == actor_id:
        return
    raise Forbidden("you may not see this actor's personal data", code="personal_data.forbidden")
