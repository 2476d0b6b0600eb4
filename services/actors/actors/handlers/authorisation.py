"""Who may run which actors command or query, decided on the stored objects with the
shared policy (samskab_contracts.access, docs/access.md). Joining is decided by the join
handlers themselves (domain/enrolment.py), on the actor and initiative they read anyway."""
from __future__ import annotations

from samskab_contracts.access import require_on_actor, require_on_initiative, require_personal_data_reader
from samskab_infra.context import Context, Principal
from samskab_infra.errors import Forbidden, NotFound

from .reading import Stores

JOIN_COMMANDS = {"join_initiative", "join_platform"}
LEAVE_COMMANDS = {"leave_platform", "leave_initiative"}
ACTOR_ACTIONS = {
    "export_personal_data": "see_personal_data",
    "get_actor": "read",
    "list_memberships_of_actor": "read",
    "appoint_representative": "appoint_representative",
    "remove_representative": "appoint_representative",
}
"""The policy action of each actor command or query; every other one changes the actor."""
SELF_SCOPED_QUERIES = {"find_actors"}
"""Queries that answer only what the caller's grants let it read (handlers/queries.py)."""
REGISTERING_ROLES = ("anchor_person", "coordinator")
"""Besides a district's operators, the people leading an initiative in that district
register the organisations and citizens they involve."""


def _actor_district(stores: Stores, actor_id: object) -> str | None:
    doc = stores["actors"].get(actor_id) if isinstance(actor_id, str) else None
    if doc is None or doc.get("doc_type") != "actor":
        raise NotFound(f"actor {actor_id} not found", code="actor.not_found")
    return doc.get("district")


def _initiative_districts(stores: Stores, initiative_id: object) -> tuple[str | None, list[str]]:
    """The initiative's lead district and the districts taking part besides it."""
    known = stores["initiatives"].get(initiative_id) if isinstance(initiative_id, str) else None
    if known is None:
        raise NotFound("no such initiative", code="initiative.unknown",
                       details={"initiative_id": initiative_id})
    return known.get("district"), list(known.get("participating_districts") or ())


def _may_register_in(stores: Stores, principal: Principal, district: str | None) -> bool:
    if principal.internal or principal.holds("district_operator", district):
        return True
    for initiative_id in principal.scopes(*REGISTERING_ROLES):
        known = stores["initiatives"].get(initiative_id)
        if known is not None and known.get("district") == district:
            return True
    return False


def authorise(stores: Stores, name: str, payload: dict, ctx: Context) -> None:
    principal = ctx.principal
    if name == "register_actor":
        if not _may_register_in(stores, principal, payload.get("district")):
            raise Forbidden("you may not register actors in this police district", code="access.write_denied")
        return
    if name == "contact_directory":
        initiative_id = payload.get("initiative_id")
        district, participating = _initiative_districts(stores, initiative_id)
        require_on_initiative(principal, "see_contacts", district, initiative_id, participating=participating)
        return
    if name in JOIN_COMMANDS or name in SELF_SCOPED_QUERIES:
        return
    actor_id = payload.get("actor_id")
    if name in LEAVE_COMMANDS:
        initiative_id = payload.get("initiative_id")
        district, participating = _initiative_districts(stores, initiative_id)
        if principal.holds("actor_representative", actor_id):
            return
        require_on_initiative(principal, "enrol_organisation", district, initiative_id,
                              participating=participating)
        return
    district = _actor_district(stores, actor_id)
    action = ACTOR_ACTIONS.get(name, "change")
    if action == "see_personal_data":
        require_personal_data_reader(principal, actor_id, district)
    else:
        require_on_actor(principal, action, district, actor_id)
