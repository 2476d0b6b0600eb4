"""Who holds which role where: the grants the gateway resolves for every request.

Administrative grants (national centre, district operators, partners) are given and
withdrawn by operators (``give``/``withdraw``, from the CLI or the admin API) and each
change is written to the audit log. Initiative and actor grants follow the domain's own
events (``apply_event``): appointing someone grants access at once, replacing them
removes it at once, and no token ever carries a right.

Store layout (only what docs/store.md says the store does well: one document per fact,
scalar fields, compare-and-set):
- ``grants``: one document per (role, scope, subject);
- ``grant_holders``: per role slot (e.g. anchor person of one initiative) the current
  holders and the time of the event that set them, so a late, older event changes nothing;
- ``memberships``: per (actor, initiative) whether the actor takes part, with the time of
  the event that said so; an actor's representatives are participants of those initiatives;
- ``grant_holders`` also holds, per initiative, the registered actors that co-own it
  (``co_owner|<initiative_id>``, from InitiativeCreated and InitiativeRevised): their
  representatives are participants of it too, so they read it (issue 15: a municipality or
  a programme such as Bo Trygt sees the initiatives it co-owns);
- ``grant_audit``: every administrative change, who made it and when.

Every change here is followed by ``access_changed`` (access_cache.py), so the gateway
processes forget the principals they resolved: at once in this process, within
GATEWAY_ACCESS_FRESHNESS_MS in the others.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from pymongo import ASCENDING
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from samskab_contracts.districts import DISTRICTS
from samskab_infra.context import ADMIN_ROLES, Grant, Principal
from samskab_infra.envelope import Envelope
from samskab_infra.errors import Forbidden, NotFound, ValidationFailed

from .access_cache import access_changed

GRANTS = "grants"
HOLDERS = "grant_holders"
MEMBERSHIPS = "memberships"
AUDIT = "grant_audit"

SLOT_EVENTS = {
    "AnchorPersonAssigned": ("anchor_person", lambda d: [d["anchor_person"]]),
    "DeputyAnchorPersonAssigned": ("deputy_anchor_person", lambda d: [d["deputy"]] if d.get("deputy") else []),
    "CoordinatorAssigned": ("coordinator", lambda d: [d["coordinator"]] if d.get("coordinator") else []),
    "WorkingGroupChanged": ("working_group", lambda d: d.get("members") or []),
}
MEMBERSHIP_EVENTS = ("ActorJoined", "ActorLeft", "ActorErased")
REPRESENTATIVE_EVENTS = ("ActorRepresentativeAdded", "ActorRepresentativeRemoved")
PLATFORM_LEAD_EVENT = "PlatformLeadAssigned"
CO_OWNER_EVENTS = ("InitiativeCreated", "InitiativeRevised")
HANDLED_EVENTS = (*SLOT_EVENTS, *MEMBERSHIP_EVENTS, *REPRESENTATIVE_EVENTS, PLATFORM_LEAD_EVENT, *CO_OWNER_EVENTS)


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def ensure_indexes(db: Database) -> None:
    db[GRANTS].create_index([("subject", ASCENDING)])
    # Every slot event reconciles the grants of one (role, scope): without an index the
    # embedded store scanned them all (20 ms at 20,000 grants). No query asks for a null scope.
    db[GRANTS].create_index([("scope", ASCENDING)])
    db[MEMBERSHIPS].create_index([("actor_id", ASCENDING)])
    db[AUDIT].create_index([("at", ASCENDING)])


def _grant_id(role: str, scope: str | None, subject: str) -> str:
    return f"{role}|{scope or ''}|{subject}"


# -- resolving ---------------------------------------------------------------------------

def resolve(db: Database, subject: str) -> Principal:
    """The person behind a token or key with every grant they hold now."""
    grants = [Grant(row["role"], row.get("scope")) for row in db[GRANTS].find({"subject": subject})]
    for actor_id in sorted({g.scope for g in grants if g.role == "actor_representative" and g.scope}):
        for row in db[MEMBERSHIPS].find({"actor_id": actor_id, "member": True}):
            grants.append(Grant("participant", row["initiative_id"]))
        for row in db[HOLDERS].find({"role": "co_owner", "holders": actor_id}):
            grants.append(Grant("participant", row["scope"]))
    unique = sorted(set(grants), key=lambda g: (g.role, g.scope or ""))
    return Principal(subject=subject, grants=tuple(unique))


# -- administrative grants ---------------------------------------------------------------

def check_admin_grant(role: str, scope: str | None) -> str | None:
    if role not in ADMIN_ROLES:
        raise ValidationFailed("only administrative roles are given by hand; the others follow "
                               "the initiative's and the actor's own events",
                               details={"role": [f"one of {list(ADMIN_ROLES)}"]})
    if role == "district_operator":
        if scope not in DISTRICTS:
            raise ValidationFailed("a district operator needs a police district",
                                   details={"district": [f"one of {list(DISTRICTS)}"]})
        return scope
    if scope:
        raise ValidationFailed(f"{role} takes no district", details={"district": ["not allowed"]})
    return None


def require_grantor(grantor: Principal, role: str, scope: str | None) -> None:
    """The national centre gives every administrative role; a district operator gives
    district operator of its own district (its colleagues); operators at the console
    (an internal principal) give anything."""
    if grantor.internal or grantor.holds("national_centre"):
        return
    if role == "district_operator" and scope and grantor.holds("district_operator", scope):
        return
    raise Forbidden("you may not give or withdraw this role", code="access.grant_denied",
                    details={"role": role, "district": scope})


def _valid_subject(subject: object) -> str:
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 200:
        raise ValidationFailed("name the person or partner by their sign-in identity",
                               details={"subject": ["1 to 200 characters"]})
    return subject.strip()


def give(db: Database, grantor: Principal, subject: str, role: str, scope: str | None = None) -> dict:
    subject = _valid_subject(subject)
    scope = check_admin_grant(role, scope)
    require_grantor(grantor, role, scope)
    row = {"_id": _grant_id(role, scope, subject), "subject": subject, "role": role, "scope": scope,
           "source": "operator", "granted_by": grantor.subject, "granted_at": _now()}
    try:
        db[GRANTS].insert_one(row)
    except DuplicateKeyError:
        return _public(db[GRANTS].find_one({"_id": row["_id"]}) or row)
    access_changed(db)
    _audit(db, grantor, "give", subject, role, scope)
    return _public(row)


def withdraw(db: Database, grantor: Principal, grant_id: str) -> dict:
    row = db[GRANTS].find_one({"_id": grant_id}) if isinstance(grant_id, str) else None
    if row is None or row.get("source") != "operator":
        raise NotFound("no such grant", code="grant.not_found")
    require_grantor(grantor, row["role"], row.get("scope"))
    db[GRANTS].delete_one({"_id": grant_id})
    access_changed(db)
    _audit(db, grantor, "withdraw", row["subject"], row["role"], row.get("scope"))
    return _public(row)


def list_grants(db: Database, viewer: Principal, subject: str | None = None) -> list[dict]:
    """Grants the viewer may administer: all for the national centre, its district's for a
    district operator."""
    query = {"subject": subject} if subject else {}
    rows = [r for r in db[GRANTS].find(query) if _may_see(viewer, r)]
    return [_public(r) for r in sorted(rows, key=lambda r: r["_id"])]


def audit_log(db: Database, viewer: Principal) -> list[dict]:
    rows = [r for r in db[AUDIT].find({}).sort("at", ASCENDING) if _may_see(viewer, r)]
    return [{k: r.get(k) for k in ("at", "by", "action", "subject", "role", "scope")} for r in rows]


def _may_see(viewer: Principal, row: dict) -> bool:
    if viewer.internal or viewer.holds("national_centre"):
        return True
    districts = viewer.scopes("district_operator")
    return row.get("role") == "district_operator" and row.get("scope") in districts


def _public(row: dict) -> dict:
    return {"grant_id": row["_id"], **{k: row.get(k) for k in
                                       ("subject", "role", "scope", "source", "granted_by", "granted_at")}}


def _audit(db: Database, grantor: Principal, action: str, subject: str, role: str, scope: str | None) -> None:
    db[AUDIT].insert_one({"at": _now(), "by": grantor.subject, "action": action, "subject": subject,
                          "role": role, "scope": scope})


# -- grants that follow the domain's events ----------------------------------------------

def apply_event(db: Database, envelope: Envelope) -> None:
    """Apply one domain event to the grants; if it may have changed any, tell the gateway
    processes (access_changed)."""
    if _apply(db, envelope):
        access_changed(db)


def changes_nothing(body: dict) -> bool:
    """An initiative created without co-owners changes no grant (see ``_apply``): the
    gateway's consumer acknowledges it without parsing or recording it."""
    data = body.get("data")
    if body.get("type") != "InitiativeCreated" or not isinstance(data, dict):
        return False
    co_owners = data.get("co_owners") or []
    return isinstance(co_owners, list) and not _actor_ids(co_owners)


def _actor_ids(co_owners: list) -> list[str]:
    """The registered actors among co-owners (a district or a named body has no grants)."""
    return sorted({o["actor_id"] for o in co_owners if isinstance(o, dict) and isinstance(o.get("actor_id"), str)})


def _apply(db: Database, envelope: Envelope) -> bool:
    """False when the event changed nothing (most initiatives are created without co-owners)."""
    data, at = envelope.data, envelope.occurred_at
    if envelope.type in SLOT_EVENTS:
        role, people = SLOT_EVENTS[envelope.type]
        holders = [p["person_id"] for p in people(data) if p and p.get("person_id")]
        _set_holders(db, role, data["initiative_id"], holders, at)
    elif envelope.type in CO_OWNER_EVENTS and "co_owners" in data:
        owners = _actor_ids(data.get("co_owners") or [])
        if not owners and envelope.type == "InitiativeCreated":
            # An initiative's first event: no slot to empty (one set by a later revision
            # would win over this older event anyway), and no slot reads as no co-owner.
            return False
        return _claim(db[HOLDERS], f"co_owner|{data['initiative_id']}",
                      {"role": "co_owner", "scope": data["initiative_id"], "holders": owners}, at)
    elif envelope.type == PLATFORM_LEAD_EVENT:
        lead = data.get("lead")
        _set_holders(db, "platform_lead", f"{data['initiative_id']}/{data['platform_id']}",
                     [lead["person_id"]] if lead else [], at)
    elif envelope.type in REPRESENTATIVE_EVENTS and data.get("person_id"):
        added = envelope.type == "ActorRepresentativeAdded"
        _set_representative(db, data["actor_id"], data["person_id"], added, at)
    elif envelope.type == "ActorJoined":
        _set_membership(db, data["actor_id"], data["initiative_id"], True, at)
    elif envelope.type == "ActorLeft" and data.get("scope") == "initiative":
        _set_membership(db, data["actor_id"], data["initiative_id"], False, at)
    elif envelope.type == "ActorErased":
        for row in list(db[MEMBERSHIPS].find({"actor_id": data["actor_id"]})):
            _set_membership(db, data["actor_id"], row["initiative_id"], False, at)
        for row in list(db[HOLDERS].find({"role": "actor_representative", "scope": data["actor_id"]})):
            for person_id in row.get("holders") or []:
                _set_representative(db, data["actor_id"], person_id, False, at)
    else:
        return False
    return True


def _claim(collection: Collection, doc_id: str, fields: dict, at: str) -> bool:
    """Set ``fields`` unless a later event already did: compare-and-set on ``at``, the
    time of the event that last set the document. False if a later event had."""
    while True:
        current = collection.find_one({"_id": doc_id})
        if current is None:
            try:
                collection.insert_one({"_id": doc_id, **fields, "at": at})
                return True
            except DuplicateKeyError:
                continue
        if current["at"] > at:
            return False
        if collection.update_one({"_id": doc_id, "at": current["at"]},
                                 {"$set": {**fields, "at": at}}).matched_count:
            return True


def _set_holders(db: Database, role: str, scope: str, holders: Iterable[str], at: str) -> None:
    slot_id = f"{role}|{scope}"
    _claim(db[HOLDERS], slot_id, {"role": role, "scope": scope, "holders": sorted(set(holders))}, at)
    _reconcile(db, slot_id, role, scope)


def _set_representative(db: Database, actor_id: str, person_id: str, added: bool, at: str) -> None:
    """Representatives are a set per actor; each person's own slot orders that person's events."""
    slot_id = f"actor_representative|{actor_id}|{person_id}"
    _claim(db[HOLDERS], slot_id, {"role": "actor_representative", "scope": actor_id,
                                  "holders": [person_id] if added else []}, at)
    _reconcile(db, slot_id, "actor_representative", actor_id, only=person_id)


def _reconcile(db: Database, slot_id: str, role: str, scope: str, only: str | None = None) -> None:
    """Make the grant rows match the slot as stored now, whichever event set it; read again
    afterwards, since a concurrent event may have moved the slot while we wrote."""
    while True:
        slot = _slot(db, slot_id)
        holders = set(slot["holders"])
        query = {"role": role, "scope": scope, "source": "domain", **({"subject": only} if only else {})}
        for row in list(db[GRANTS].find(query)):
            if row["subject"] not in holders:
                db[GRANTS].delete_one({"_id": row["_id"]})
        for subject in holders:
            grant_id = _grant_id(role, scope, subject)
            db[GRANTS].replace_one({"_id": grant_id}, {"_id": grant_id, "subject": subject, "role": role,
                                                       "scope": scope, "source": "domain"}, upsert=True)
        if _slot(db, slot_id)["at"] == slot["at"]:
            return


def _slot(db: Database, slot_id: str) -> dict:
    slot = db[HOLDERS].find_one({"_id": slot_id})
    if slot is None:  # the caller claimed it just before; slots are never deleted
        raise LookupError(f"holder slot {slot_id} is missing")
    return slot


def _set_membership(db: Database, actor_id: str, initiative_id: str, member: bool, at: str) -> None:
    _claim(db[MEMBERSHIPS], f"{actor_id}|{initiative_id}",
           {"actor_id": actor_id, "initiative_id": initiative_id, "member": member}, at)
