"""How far an initiative reaches, in the read model (issue 15), from the events alone.

ParticipatingDistrictAdded / ParticipatingDistrictRemoved / InitiativeScopeSet each carry
the initiative's districts (the lead first) and scope after the change; the latest by
time wins, whatever order they arrive in. ``districts`` is what the roll-ups scope by: a
cross-district initiative counts once nationally and in each of its districts' figures
(docs/reporting.md). ``districts_seen`` keeps every district it ever reached, so a
district it leaves has its figures recomputed too.
"""
from __future__ import annotations

from samskab_infra.clock import chronological_key

from .facts import own, str_list, when


def _reach(model: dict, env: dict, data: dict) -> None:
    own(model, "reach_changes")[env["event_id"]] = {
        "at": when(env), "event_id": env["event_id"], "districts": str_list(data.get("districts")),
        "scope": data.get("scope")}


HANDLERS = {
    "ParticipatingDistrictAdded": _reach,
    "ParticipatingDistrictRemoved": _reach,
    "InitiativeScopeSet": _reach,
}


def districts_of(model: dict) -> list[str]:
    """The lead district first, then the participating ones (a model from before
    participating districts existed has its lead district only)."""
    return list(model.get("districts") or ([model["district"]] if model.get("district") else []))


def derive(model: dict) -> None:
    """The current districts (lead first) and scope; an initiative that never changed its
    reach is local to its own district."""
    lead = model.get("district")
    changes = sorted((model.get("reach_changes") or {}).values(),
                     key=lambda c: (chronological_key(c.get("at")), c["event_id"]))
    latest = changes[-1] if changes else {}
    districts = [d for d in latest.get("districts") or [] if d != lead]
    model["districts"] = ([lead] if lead else []) + districts
    model["participating_districts"] = districts
    model["scope"] = latest.get("scope") or "local"
    seen = {d for c in changes for d in c.get("districts") or []} | set(model["districts"])
    model["districts_seen"] = sorted(seen)
