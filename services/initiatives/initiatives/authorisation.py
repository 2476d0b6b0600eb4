"""Which caller may run which initiatives command on which initiative."""
from __future__ import annotations

from samskab_common.access import require_write
from samskab_common.context import Context
from samskab_common.districts import DISTRICTS
from samskab_common.errors import Forbidden, NotFound, ValidationFailed

from .commands import COMMANDS

CREATORS = ("system", "district_operator")


def authorise_command(store, command: str, payload: dict, ctx: Context) -> None:
    """Decided on the stored initiative's district and the initiatives in the caller's
    token (see samskab_common.access); an unknown id is NotFound for every caller."""
    principal = ctx.principal
    if command not in COMMANDS:
        raise NotFound(f"unknown operation {command!r}", code="operation.unknown")
    if not isinstance(payload, dict):
        raise ValidationFailed("the payload must be a JSON object", details={"_schema": ["not an object"]})
    if command == "create_initiative":
        if principal.role not in CREATORS:
            raise Forbidden("only a district operator may start an initiative", code="access.write_denied")
        if payload.get("district") in DISTRICTS:
            require_write(principal, payload["district"])
        return  # an invalid district is reported by the payload's validation
    initiative_id = payload.get("initiative_id")
    doc = store.get(initiative_id) if isinstance(initiative_id, str) else None
    if doc is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    require_write(principal, doc.get("district"), initiative_id)
