"""Who may run which actors command or query, decided on the stored objects."""
from __future__ import annotations

from samskab_common.access import require_read, require_write
from samskab_common.context import Context
from samskab_common.errors import Forbidden, NotFound

from .domain import require_personal_data_reader

MEMBERSHIP_COMMANDS = {"join_initiative", "join_platform", "leave_platform", "leave_initiative"}
REGISTRARS = ("system", "district_operator", "anchor_person", "coordinator")


def _actor_district(stores, actor_id) -> str | None:
    doc = stores["actors"].get(actor_id) if isinstance(actor_id, str) else None
    if doc is None or doc.get("doc_type") != "actor":
        raise NotFound(f"actor {actor_id} not found", code="actor.not_found")
    return doc.get("district")


def authorise(stores, name: str, payload: dict, ctx: Context) -> None:
    principal = ctx.principal
    if name == "contact_directory":
        return  # the handler checks the anchor person / coordinator itself
    if name == "register_actor":
        if principal.role not in REGISTRARS:
            raise Forbidden("you may not register actors", code="access.write_denied")
        if principal.role == "district_operator":
            require_write(principal, payload.get("district"))
        return
    actor_id = payload.get("actor_id")
    if name in MEMBERSHIP_COMMANDS:
        initiative_id = payload.get("initiative_id")
        known = stores["initiatives"].get(initiative_id) if isinstance(initiative_id, str) else None
        if known is None:
            raise NotFound("no such initiative", code="initiative.unknown",
                           details={"initiative_id": initiative_id})
        district = known.get("district")
        if principal.role == "actor_representative":
            require_write(principal, None, actor_id=actor_id)
        else:
            require_write(principal, district, initiative_id)
        return
    district = _actor_district(stores, actor_id)
    if name == "export_personal_data":
        require_personal_data_reader(principal, actor_id, district)
    elif name in ("get_actor", "list_memberships_of_actor"):
        require_read(principal, district, actor_id=actor_id)
    else:
        require_write(principal, district, actor_id=actor_id)
