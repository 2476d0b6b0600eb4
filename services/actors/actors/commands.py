"""The table of commands and queries the actors service answers (name -> handler)."""
from __future__ import annotations

from . import handlers as h
from .erasure import redact_erased_actor

COMMANDS = {
    "register_actor": h.register_actor,
    "update_actor": h.update_actor,
    "give_consent": h.give_consent,
    "withdraw_consent": h.withdraw_consent,
    "appoint_representative": h.appoint_representative,
    "remove_representative": h.remove_representative,
    "join_initiative": h.join_initiative,
    "join_platform": h.join_platform,
    "leave_platform": h.leave_platform,
    "leave_initiative": h.leave_initiative,
    "erase_actor": h.erase_actor,
}

QUERIES = {
    "get_actor": h.get_actor,
    "list_memberships_of_actor": h.list_memberships_of_actor,
    "contact_directory": h.contact_directory,
    "export_personal_data": h.export_personal_data,
}

EVENT_HANDLERS = {
    "InitiativeCreated": h.apply_initiative_created,
    "PlatformEstablished": h.apply_platform_established,
    "InitiativeClosed": h.apply_initiative_closed,
}
"""Events that update the local copy of initiatives (handlers take that store)."""

HISTORY_HANDLERS = {
    "ActorErased": redact_erased_actor,
}
"""The service's own events it reacts to once published (handlers take the event history)."""
