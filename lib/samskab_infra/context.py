"""Who asks and on behalf of which request: passed from the gateway to handlers."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from .clock import utc_now_iso
from .errors import Unauthorized

ADMIN_ROLES = ("national_centre", "district_operator", "partner")
"""Given and withdrawn by operators (CLI and API, audited)."""

INITIATIVE_ROLES = ("anchor_person", "deputy_anchor_person", "coordinator", "working_group")
"""Follow the initiatives service's events: AnchorPersonAssigned, CoordinatorAssigned,
WorkingGroupChanged. Their scope is an initiative id."""

PLATFORM_ROLES = ("platform_lead",)
"""Scope: ``<initiative_id>/<platform_id>`` (PlatformLeadAssigned)."""

ACTOR_ROLES = ("actor_representative",)
"""Scope: an actor id (ActorRepresentativeAdded/Removed)."""

DERIVED_ROLES = ("participant",)
"""Not given by anyone: an actor representative is a participant of every initiative its
actor is a member of (ActorJoined/ActorLeft). Scope: an initiative id."""

ROLES = ADMIN_ROLES + INITIATIVE_ROLES + PLATFORM_ROLES + ACTOR_ROLES + DERIVED_ROLES
GRANTABLE_ROLES = ADMIN_ROLES
SCOPED_ROLES = ("district_operator", *INITIATIVE_ROLES, *PLATFORM_ROLES, *ACTOR_ROLES, *DERIVED_ROLES)


@dataclass(frozen=True)
class Grant:
    """One role in one scope: a district, an initiative, a platform or an actor; none for
    the national centre and partners."""

    role: str
    scope: str | None = None

    def to_dict(self) -> dict:
        return {"role": self.role, "scope": self.scope}


@dataclass(frozen=True)
class Principal:
    """The authenticated person or partner: an identity (``subject``) and the grants the
    gateway resolved for it at this request. A token or API key carries only the identity.
    ``internal`` marks a service's own work (timers, event handlers), never a caller."""

    subject: str
    grants: tuple[Grant, ...] = ()
    internal: bool = False

    @classmethod
    def from_dict(cls, raw: dict | str | None) -> Principal:
        """From a dict, or the JSON string the gateway puts in RPC headers. A call without
        a principal is refused: nothing defaults to the system."""
        data: dict | None = json.loads(raw) if isinstance(raw, str) else raw
        if not data or not data.get("subject"):
            raise Unauthorized("the call names no principal", code="auth.no_principal")
        return cls(subject=data["subject"], internal=bool(data.get("internal")),
                   grants=tuple(Grant(g["role"], g.get("scope")) for g in data.get("grants") or ()))

    @classmethod
    def of(cls, subject: str, role: str | None = None, district: str | None = None,
           initiatives: tuple[str, ...] | list[str] = (), actor_id: str | None = None) -> Principal:
        """A principal with one role, described the way an operator says it ("district
        operator of nordjylland", "anchor person of these initiatives"): for the CLI and tests."""
        if role is None:
            return cls(subject)
        grants: tuple[Grant, ...]
        if role == "district_operator":
            grants = (Grant(role, district),)
        elif role in INITIATIVE_ROLES + DERIVED_ROLES:
            grants = tuple(Grant(role, i) for i in initiatives)
        elif role == "actor_representative":
            grants = (Grant(role, actor_id),) + tuple(Grant("participant", i) for i in initiatives)
        else:
            grants = (Grant(role),)
        return cls(subject, grants)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    def to_dict(self) -> dict:
        return {"subject": self.subject, "grants": [g.to_dict() for g in self.grants],
                "internal": self.internal}

    def holds(self, role: str, scope: str | None = None) -> bool:
        return any(g.role == role and (scope is None or g.scope == scope) for g in self.grants)

    def scopes(self, *roles: str) -> set[str]:
        """The scopes in which the principal holds any of ``roles``."""
        return {g.scope for g in self.grants if g.role in roles and g.scope is not None}

    @property
    def roles(self) -> set[str]:
        return {g.role for g in self.grants}


SYSTEM = Principal(subject="system", internal=True)


COMMAND_IDS = uuid.UUID("6f3c1b52-8d0e-5a47-9b1e-2c7d4e8f0a13")
"""The uuid5 namespace of ids derived from command ids."""


@dataclass(frozen=True)
class Context:
    """Carried into every handler: lineage for the events it emits and the caller.
    ``command_id`` names the caller's command across retries (the gateway derives it from
    the Idempotency-Key); a handler records it with its write (samskab_infra.saving)."""

    correlation_id: str
    causation_id: str | None = None
    principal: Principal = field(default=SYSTEM)
    now: str | None = None
    command_id: str | None = None

    def current_time(self) -> str:
        """``now`` when the caller fixed it (tests, replays), else the UTC time now."""
        return self.now or utc_now_iso()

    def new_id(self, kind: str) -> str:
        """The id of an aggregate the command creates: derived from the command id when
        there is one, so two runs of one command create one object, else random."""
        if self.command_id is None:
            return str(uuid.uuid4())
        return str(uuid.uuid5(COMMAND_IDS, f"{kind}/{self.command_id}"))
