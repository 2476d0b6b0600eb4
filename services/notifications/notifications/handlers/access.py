"""Who is asking, in notifications' terms: their reader id, which events they may
follow (the shared policy, samskab_contracts.access; docs/access.md) and which webhook
endpoints they manage."""
from __future__ import annotations

from collections.abc import Sequence

from samskab_contracts.access import may_on_initiative, visible_initiatives
from samskab_infra.clock import to_instant
from samskab_infra.context import Context, Principal
from samskab_infra.errors import Forbidden, NotFound

from ..adapters.stores import NotificationStores
from ..domain.directory import actor_person_id
from ..domain.endpoint import WebhookEndpoint

PERSONAL_ROLES = ("anchor_person", "deputy_anchor_person", "coordinator", "working_group", "platform_lead",
                  "district_operator", "national_centre", "partner")


def reader_id(principal: Principal) -> str:
    """The person id a principal's feed and subscriptions live under. Someone who only
    represents an actor reads as the actor's contact, ``actor:<actor_id>`` (that is where
    the method's own notices to the actor land); anyone else under their own identity."""
    actors = sorted(principal.scopes("actor_representative"))
    if actors and not principal.roles & set(PERSONAL_ROLES):
        return actor_person_id(actors[0])
    return principal.subject


def is_national(principal: Principal) -> bool:
    return principal.internal or principal.holds("national_centre")


def subscription_scope(principal: Principal, initiative_id: str | None, district: str | None,
                       initiative_district: str | None, participating: Sequence[str] = ()) -> str | None:
    """The district filter a new subscription gets, after checking the caller may follow
    what it asks for: one initiative it may read, or a district it operates. A caller bound
    to one district follows only that district; one who only takes part in initiatives must
    name one of them. ``initiative_district`` is where the named initiative is (its lead
    district), if known; ``participating`` the districts taking part besides it, whose
    operators read it too (docs/access.md)."""
    if is_national(principal):
        return district
    if initiative_id is not None:
        where = initiative_district or district
        if not may_on_initiative(principal, "read", where, initiative_id, participating=participating):
            raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
        if district and initiative_district and district not in (initiative_district, *participating):
            raise Forbidden("the initiative is in another police district", code="notifications.district_scope")
        if not may_on_initiative(principal, "read", where, initiative_id):
            return _through_participation(principal, district, participating)
        return district or initiative_district
    operated = principal.scopes("district_operator")
    if not operated:
        raise Forbidden("name an initiative you take part in to follow its events",
                        code="notifications.scope_required")
    if district is None and len(operated) == 1:
        return next(iter(operated))
    if district not in operated:
        raise Forbidden("you may only follow events in the police districts you operate",
                        code="notifications.district_scope", details={"districts": sorted(operated)})
    return district


def _through_participation(principal: Principal, district: str | None, participating: Sequence[str]) -> str:
    """A caller who reads the initiative only as an operator of a participating district
    follows it through that district: the subscription matches while the district takes
    part (routing), so nothing more reaches them once it leaves."""
    through = sorted(principal.scopes("district_operator") & set(participating))
    if district is None:
        return through[0]
    if district not in through:
        raise Forbidden("follow it through the participating district you operate",
                        code="notifications.district_scope", details={"districts": through})
    return district


def may_see_item(principal: Principal, district: str | Sequence[str] | None, initiative_id: str | None) -> bool:
    """A feed item stays visible only while the reader may still read its initiative (a
    replaced anchor person no longer sees what happens after they left, nor before).
    ``district`` is the initiative's lead district, or all its districts (an operator of a
    participating district reads it too)."""
    if initiative_id is None:
        return True
    return visible_initiatives(principal).shows(district, initiative_id)


def now_of(ctx: Context) -> str:
    return to_instant(ctx.current_time())


def managed_endpoint(stores: NotificationStores, endpoint_id: str,
                     ctx: Context) -> tuple[WebhookEndpoint, int]:
    """The endpoint and its version, if the caller may manage it."""
    loaded = stores.endpoints.get(endpoint_id)
    if loaded is None:
        raise NotFound("no such webhook endpoint")
    if not loaded[0].may_be_managed_by(ctx.principal):
        raise Forbidden("this webhook endpoint belongs to someone else")
    return loaded
