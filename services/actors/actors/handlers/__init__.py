"""The use cases of the actors service and the tables that route to them (name -> handler).

- ``commands_actors``, ``commands_memberships``: commands, ``(stores, payload, ctx)``
- ``queries``: queries, ``(stores, params, ctx)``
- ``events``: reactions to events, ``(store or history, event_data, event_id, ctx)``
- ``authorisation``: who may run which command or query, checked before routing
"""
from __future__ import annotations

from .commands_actors import (
    appoint_representative,
    erase_actor,
    give_consent,
    register_actor,
    remove_representative,
    update_actor,
    withdraw_consent,
)
from .commands_memberships import join_initiative, join_platform, leave_initiative, leave_platform
from .events import (
    apply_initiative_became_network,
    apply_initiative_closed,
    apply_initiative_created,
    apply_platform_established,
    apply_reach_changed,
    redact_erased_actor,
)
from .queries import contact_directory, export_personal_data, find_actors, get_actor, list_memberships_of_actor

COMMANDS = {
    "register_actor": register_actor,
    "update_actor": update_actor,
    "give_consent": give_consent,
    "withdraw_consent": withdraw_consent,
    "appoint_representative": appoint_representative,
    "remove_representative": remove_representative,
    "join_initiative": join_initiative,
    "join_platform": join_platform,
    "leave_platform": leave_platform,
    "leave_initiative": leave_initiative,
    "erase_actor": erase_actor,
}

QUERIES = {
    "get_actor": get_actor,
    "find_actors": find_actors,
    "list_memberships_of_actor": list_memberships_of_actor,
    "contact_directory": contact_directory,
    "export_personal_data": export_personal_data,
}

EVENT_HANDLERS = {
    "InitiativeCreated": apply_initiative_created,
    "PlatformEstablished": apply_platform_established,
    "InitiativeClosed": apply_initiative_closed,
    "InitiativeBecameNetwork": apply_initiative_became_network,
    "ParticipatingDistrictAdded": apply_reach_changed,
    "ParticipatingDistrictRemoved": apply_reach_changed,
}
"""Events that update the local copy of initiatives (handlers take that store)."""

HISTORY_HANDLERS = {
    "ActorErased": redact_erased_actor,
}
"""The service's own events it reacts to once published (handlers take the event history)."""

__all__ = [
    "COMMANDS", "EVENT_HANDLERS", "HISTORY_HANDLERS", "QUERIES",
    "appoint_representative", "apply_initiative_became_network", "apply_initiative_closed", "apply_initiative_created",
    "apply_platform_established", "apply_reach_changed", "contact_directory", "erase_actor", "export_personal_data",
    "find_actors", "get_actor", "give_consent", "join_initiative", "join_platform", "leave_initiative",
    "leave_platform", "list_memberships_of_actor", "redact_erased_actor", "register_actor",
    "remove_representative", "update_actor", "withdraw_consent",
]
