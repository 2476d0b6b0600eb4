"""Which caller may run which initiatives command on which initiative: each command is
one action of the access policy (samskab_contracts.access, docs/access.md), decided on the
stored initiative's district and the caller's grants.

The decision is made on the one read of the initiative the command takes: the read is
handed back, and the save path reuses it (adapters.already_read)."""
from __future__ import annotations

from samskab_contracts.access import require_on_initiative
from samskab_contracts.districts import DISTRICTS
from samskab_infra.aggregate_store import AggregateStore, StoredAggregate
from samskab_infra.context import Context
from samskab_infra.errors import Forbidden, NotFound, ValidationFailed

from . import COMMANDS

LEAD_COMMANDS = {"advance_phase", "set_working_group", "assign_coordinator", "establish_platform",
                 "assign_platform_lead", "close_initiative", "become_network", "revise_initiative",
                 "revise_challenge", "pause_initiative", "resume_initiative",
                 "set_governance_group", "describe_anchoring", "record_funding",
                 "add_participating_district", "remove_participating_district", "set_scope"}
"""Steering the initiative: the anchor person's (and the lead district operator's). Revising
what it is about, pausing it, its groups, anchoring and funding, and how far it reaches are
steering too."""

COMMAND_ACTIONS = {"create_initiative": "create", "assign_anchor_person": "appoint_anchor_person",
                   "assign_deputy_anchor_person": "appoint_anchor_person",
                   **{name: "lead" for name in LEAD_COMMANDS}}
"""Every other command is the initiative's work: ``work``, or ``work_on_platform`` when
it names a platform (a platform lead may do it on the platform it leads)."""


def action_of(command: str, payload: dict) -> str:
    if command in COMMAND_ACTIONS:
        return COMMAND_ACTIONS[command]
    return "work_on_platform" if isinstance(payload.get("platform_id"), str) else "work"


def _platform_of(command: str, payload: dict) -> str | None:
    """The platform a piece of work is about; steering a platform stays with the leaders."""
    platform_id = payload.get("platform_id")
    return platform_id if isinstance(platform_id, str) and command not in COMMAND_ACTIONS else None


def authorise_command(store: AggregateStore, command: str, payload: dict,
                      ctx: Context) -> StoredAggregate | None:
    """The read of the initiative the command is about (None for a creation, which reads
    nothing), once the caller may run the command on it; an initiative the caller may not
    see is not found."""
    principal = ctx.principal
    if command not in COMMANDS:
        raise NotFound(f"unknown operation {command!r}", code="operation.unknown")
    if not isinstance(payload, dict):
        raise ValidationFailed("the payload must be a JSON object", details={"_schema": ["not an object"]})
    if command == "create_initiative":
        district = payload.get("district")
        if district in DISTRICTS:
            if not principal.internal and not principal.holds("district_operator", district):
                raise Forbidden("only an operator of the district may start an initiative there",
                                code="access.write_denied")
        elif not principal.internal and not principal.holds("district_operator"):
            raise Forbidden("only a district operator may start an initiative", code="access.write_denied")
        return None  # an invalid district is reported by the payload's validation
    initiative_id = payload.get("initiative_id")
    stored = store.read(initiative_id) if isinstance(initiative_id, str) else None
    if stored is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    require_on_initiative(principal, action_of(command, payload), stored.document.get("district"),
                          initiative_id, _platform_of(command, payload),
                          participating=stored.document.get("participating_districts") or ())
    return stored
