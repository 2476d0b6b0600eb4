"""Actor membership of one initiative, replayed in the actors' own time order.

An actor is *active* in an initiative while it belongs to the joint platform
(scope "initiative") or to at least one development platform (scope "platform").
"""
from __future__ import annotations

from ..timeutil import sort_key


def _changes(member: dict) -> list[dict]:
    return sorted(member.get("changes", {}).values(),
                  key=lambda c: (sort_key(c.get("at")), c.get("event_id", "")))


def replay(member: dict) -> dict:
    """Active flag, platform memberships and the joined/left transitions of one actor."""
    in_initiative = False
    platforms: set[str] = set()
    transitions: list[dict] = []
    active = False
    for change in _changes(member):
        joined = change.get("change") == "joined"
        ids = set(change.get("platform_ids") or [])
        if change.get("scope") == "initiative":
            in_initiative = joined
            if not joined:
                platforms.clear()
        if joined:
            platforms |= ids
        else:
            platforms -= ids
        now_active = in_initiative or bool(platforms)
        if now_active != active:
            transitions.append({"at": change.get("at"), "change": "joined" if now_active else "left"})
            active = now_active
    return {"active": active, "platforms": sorted(platforms), "transitions": transitions}


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
    timeline.sort(key=lambda t: (sort_key(t["at"]), t["actor_id"], t["change"]))
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
        month = sort_key(item["at"])[:7] or "unknown"
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
