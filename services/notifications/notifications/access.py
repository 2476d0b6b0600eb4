"""Who is asking, in notifications' terms: their reader id and their district scope."""
from __future__ import annotations

from samskab_common.context import Context, Principal
from samskab_common.errors import Forbidden

from .domain.directory import actor_person_id
from .domain.timeutil import to_instant

NATIONAL_ROLES = ("national_centre", "system")


def reader_id(principal: Principal) -> str:
    """The person id a principal's feed and subscriptions live under (an actor's
    representative reads as the actor's contact, ``actor:<actor_id>``)."""
    if principal.role == "actor_representative" and principal.actor_id:
        return actor_person_id(principal.actor_id)
    return principal.subject


def scoped_district(principal: Principal, requested: str | None) -> str | None:
    """District-bound callers only hear about their own police district."""
    if principal.role in NATIONAL_ROLES or not principal.district:
        return requested
    if requested and requested != principal.district:
        raise Forbidden(f"you may only follow events in {principal.district}",
                        code="notifications.district_scope")
    return principal.district


def now_of(ctx: Context) -> str:
    return to_instant(ctx.current_time())
