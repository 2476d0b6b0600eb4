"""Actor membership of one initiative, replayed in the actors' own order.

An actor is *active* in an initiative while it belongs to the joint platform
(scope "initiative") or to at least one development platform (scope "platform").
Every change is kept and folded through the shared member ledger, so an event that
arrived late (a retry, a redelivery) lands in its place and a stale join never
revives a member who left or was erased.
"""
from __future__ import annotations

from samskab_contracts import member_ledger
from samskab_contracts.member_ledger import MembershipFact
from samskab_infra.clock import chronological_key


def _changes(member: dict) -> list[dict]:
    return sorted(member.get("changes", {}).values(),
                  key=lambda c: (chronological_key(c.get("at")), c.get("seq") or 0, c.get("event_id", "")))


def _fact(change: dict) -> MembershipFact:
    joined = change.get("change") == "joined"
    return MembershipFact.from_event(
        member_ledger.JOINED if joined else member_ledger.LEFT,
        {"scope": change.get("scope"), "platform_ids": change.get("platform_ids") or [],
         "membership_seq": change.get("seq"), "at": change.get("at"),
         "reason_code": change.get("reason_code")})


def replay(member: dict) -> dict:
    """Active flag, platform memberships and the joined/left transitions of one actor."""
    entry: dict | None = None
    transitions: list[dict] = []
    active = False
    for change in _changes(member):
        entry = member_ledger.apply(entry, _fact(change)).entry
        now_active = member_ledger.is_member(entry)
        if now_active != active:
            transitions.append({"at": change.get("at"), "change": "joined" if now_active else "left"})
            active = now_active
    return {"active": active, "platforms": sorted(member_ledger.platforms(entry)),
            "transitions": transitions}


def summarise(members: dict[str, dict]) -> dict:
    """Counts by kind and the initiative's actor timeline (no names, ids only)."""
    active: dict[str, int] = {}
    ever: dict[str, int] = {}
    left: dict[str, int] = {}
    per_platform: dict[str, int] = {}
    timeline: list[dict] = []
    active_ids: list[str] = []
    for actor_id in sorted(members):
        member = members[actor_id]
        kind = member.get("kind") or "unknown"
        state = replay(member)
        if state["transitions"]:
            ever[kind] = ever.get(kind, 0) + 1
        if state["active"]:
            active[kind] = active.get(kind, 0) + 1
        elif state["transitions"]:
            left[kind] = left.get(kind, 0) + 1
        for platform_id in state["platforms"]:
            per_platform[platform_id] = per_platform.get(platform_id, 0) + 1
        timeline += [{"at": t["at"], "kind": kind, "change": t["change"], "actor_id": actor_id}
                     for t in state["transitions"]]
        if state["active"]:
            active_ids.append(actor_id)
    timeline.sort(key=lambda t: (chronological_key(t["at"]), t["actor_id"], t["change"]))
    return {
        "active_by_kind": dict(sorted(active.items())),
        "ever_by_kind": dict(sorted(ever.items())),
        "left_by_kind": dict(sorted(left.items())),
        "active_total": sum(active.values()),
        "active_ids": active_ids,
        "per_platform": dict(sorted(per_platform.items())),
        "timeline": timeline,
    }


def by_month(timeline: list[dict]) -> list[dict]:
    """Actors by kind over time: per month, joined and left counts and the active total."""
    months: dict[str, dict[str, dict[str, int]]] = {}
    for item in timeline:
        month = chronological_key(item["at"])[:7] or "unknown"
        kinds = months.setdefault(month, {})
        counts = kinds.setdefault(item["kind"], {"joined": 0, "left": 0})
        counts[item["change"]] += 1
    running: dict[str, int] = {}
    out = []
    for month in sorted(months):
        for kind, counts in months[month].items():
            running[kind] = running.get(kind, 0) + counts["joined"] - counts["left"]
        out.append({"month": month, "by_kind": dict(sorted(months[month].items())),
                    "active_by_kind": dict(sorted(running.items()))})
    return out
