"""Who may put an actor into an initiative (or onto one of its development platforms):
joining respects the joiner (docs/access.md, "Joining").

- The actor itself always may: its representative joins on its own request.
- A citizen is enrolled by someone else only with their recorded consent to ``take_part``
  in that very initiative, and only by someone who may enrol in it.
- An organisation is enrolled by someone who may enrol in the initiative (``enrol_organisation``:
  its district operator, anchor person or coordinator) when it is registered in the
  initiative's police district. Across districts the organisation must agree: its own
  representative joins, or an operator of its own district (who keeps its record) enrols it.

Decided on the stored actor and initiative before anything is written; a refusal is a
403 with a machine-readable code (or 404 when the caller may not even read the initiative).
"""
from __future__ import annotations

from samskab_contracts.access import INITIATIVE_POLICY, require_on_initiative, roles_on_initiative
from samskab_infra.context import Principal
from samskab_infra.errors import Forbidden

from .actor import Actor
from .directory import KnownInitiative
from .rules import ENROLLING_ROLES, TAKE_PART

OWN_REQUEST = None
"""The join is the actor's own (or a service's own work): nobody else enrolled it."""


def enrolling_role(principal: Principal, actor: Actor, known: KnownInitiative) -> str | None:
    """The role in which ``principal`` enrols ``actor`` in ``known``, or OWN_REQUEST when
    the actor joins itself. Raises NotFound/Forbidden when the join is not allowed."""
    if principal.internal or principal.holds("actor_representative", actor.actor_id):
        return OWN_REQUEST
    if not actor.is_citizen and principal.holds("district_operator", actor.district):
        return "district_operator"
    require_on_initiative(principal, "enrol_organisation", known.district, known.initiative_id,
                          participating=known.participating_districts)
    if actor.is_citizen:
        if not actor.has_consent(TAKE_PART, known.initiative_id):
            raise Forbidden("a citizen joins an initiative only on their own request or with their "
                            "recorded consent to take part in it", code="enrolment.citizen_consent_required",
                            details={"actor_id": actor.actor_id, "initiative_id": known.initiative_id})
    elif actor.district != known.district:
        raise Forbidden("an organisation from another police district joins on its own request or "
                        "through an operator of its district", code="enrolment.other_district",
                        details={"actor_id": actor.actor_id, "initiative_id": known.initiative_id})
    return _role(principal, known)


def _role(principal: Principal, known: KnownInitiative) -> str:
    roles = roles_on_initiative(principal, known.district, known.initiative_id)
    return next(role for role in ENROLLING_ROLES if role in roles & INITIATIVE_POLICY["enrol_organisation"])
