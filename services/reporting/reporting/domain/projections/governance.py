"""Facts of an initiative's governance and resources for the per-initiative read model, and
the counts derived from them: funding (lines, kroner, of which co-financing), hours given,
and the actors' proposals (which the influence monitor counts per actor, beside attendance
and results), the sizes of the steering and core groups (and the core group's registered
actors) and whether the initiative is anchored locally. No names are kept: members,
deputies and the anchoring's text stay in the initiatives service."""
from __future__ import annotations

from collections.abc import Callable

from ..influence import participation_score
from .facts import own, when

Handler = Callable[[dict, dict, dict], None]


def _keyed(collection: str, key: str, *fields: str) -> Handler:
    def handle(model: dict, env: dict, data: dict) -> None:
        own(model, collection)[data.get(key) or env["event_id"]] = {
            **{f: data.get(f) for f in fields}, "at": when(env)}
    return handle


def _group(model: dict, env: dict, data: dict) -> None:
    """The latest setting of a group by its own time wins, whatever order events arrive in."""
    groups = own(model, "governance_groups")
    current = groups.get(data.get("group") or "")
    at = when(env) or ""
    if current is not None and (current.get("at") or "") > at:
        return
    members = [m for m in data.get("members") or [] if isinstance(m, dict)]
    groups[data.get("group") or "unknown"] = {
        "members": len(members), "at": at,
        "actor_ids": sorted({m["actor_id"] for m in members if isinstance(m.get("actor_id"), str)})}


def _anchoring(model: dict, env: dict, data: dict) -> None:
    current = model.get("anchoring") or {}
    if (current.get("at") or "") <= (when(env) or ""):
        model["anchoring"] = {"anchored": data.get("anchoring") is not None, "at": when(env)}


HANDLERS: dict[str, Handler] = {
    "GovernanceGroupSet": _group,
    "AnchoringDescribed": _anchoring,
    "FundingRecorded": _keyed("funding", "funding_id", "amount_kr", "co_financing"),
    "TimeContributed": _keyed("time_contributions", "contribution_id", "hours", "actor_id"),
    "ProposalRecorded": _keyed("proposals", "proposal_id", "actor_id", "platform_id", "date",
                               "adopted"),
}


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def counts(model: dict) -> dict[str, int]:
    funding = (model.get("funding") or {}).values()
    proposals = (model.get("proposals") or {}).values()
    return {
        "funding_lines": len(funding),
        "funding_kr": round(sum(_number(f.get("amount_kr")) for f in funding)),
        "co_financing_kr": round(sum(_number(f.get("amount_kr")) for f in funding if f.get("co_financing"))),
        "hours_contributed": round(sum(_number(t.get("hours"))
                                       for t in (model.get("time_contributions") or {}).values())),
        "steering_group_members": ((model.get("governance_groups") or {}).get("steering_group")
                                   or {}).get("members", 0),
        "core_group_members": ((model.get("governance_groups") or {}).get("core_group")
                               or {}).get("members", 0),
        "anchored": int(bool((model.get("anchoring") or {}).get("anchored"))),
        "proposals": len(proposals),
        "proposals_adopted": sum(1 for p in proposals if p.get("adopted")),
    }


CORE_GROUP_DOMINANCE = 0.75
"""A core group that is at most half the active actors yet holds this share of the
participation dominates: the A/B-team risk the method warns of."""


def core_group(model: dict, participation: dict[str, dict[str, int]]) -> dict | None:
    """How much of the participation (attendance, results, proposals) the core group's
    registered actors hold, and whether it dominates; None without a core group of actors."""
    core = set(((model.get("governance_groups") or {}).get("core_group") or {}).get("actor_ids") or [])
    core &= set(participation)
    if not core:
        return None
    scores = {a: participation_score(counts) for a, counts in participation.items()}
    total = sum(scores.values())
    share = round(sum(scores[a] for a in core) / total, 6) if total else 0.0
    return {"actors": len(core), "share": share,
            "dominates": 2 * len(core) <= len(scores) and share >= CORE_GROUP_DOMINANCE}


def proposers(model: dict) -> list[str]:
    """The actor of every proposal, one entry per proposal."""
    return [p["actor_id"] for p in (model.get("proposals") or {}).values()
            if isinstance(p.get("actor_id"), str)]
