"""General activities (issue 15): platform meetings, establishment workshops, theme evenings,
parent meetings, conversation salons (samtalesaloner), 0-tolerance weekends, campaigns,
network meetings and others (vocabulary.ACTIVITY_KINDS).

Each has a date, a place, who took part (registered actors by id, and a count of the
citizens who are not registered, with the target groups they belong to) and what came of it,
linked to the results it led to. Citizen meetings and safety walks keep their own commands
and event (domain/activities.py). An activity is recorded while the initiative is active
(paused or not: records often come late) and once it goes on as a network
(domain/living_network.py).
"""
from __future__ import annotations

from samskab_contracts.events.initiatives import ActivityRecorded
from samskab_contracts.vocabulary import (
    ACTIVITY_KINDS,
    MAX_LIST,
    MAX_NAME,
    MAX_PARTICIPANTS,
    MAX_TEXT,
    MAX_TITLE,
    TARGET_GROUPS,
)

from .living_network import ensure_living
from .rules import one_of, past_day, require, text
from .state import InitiativeState


def _unique(values: list[str], code: str, what: str) -> list[str]:
    require(len(set(values)) == len(values), code, f"each {what} is named once")
    require(len(values) <= MAX_LIST, code, f"at most {MAX_LIST} {what}s")
    return list(values)


class ActivityRecords(InitiativeState):
    def record_activity(self, activity_id: str, spec: dict, *, by: str, now: str) -> dict:
        ensure_living(self)
        kind = one_of(spec.get("kind", ""), ACTIVITY_KINDS, "activity.kind.unknown", "activity kind")
        platform_id = spec.get("platform_id")
        if platform_id is not None:
            self.platform(platform_id)
        actor_ids = _unique([text(a, "actor_ids", MAX_NAME) for a in spec.get("actor_ids") or []],
                            "activity.actor_ids.duplicate", "actor")
        citizens = spec.get("citizens_count") or 0
        require(isinstance(citizens, int) and 0 <= citizens <= MAX_PARTICIPANTS,
                "activity.citizens_count.invalid", f"the citizens are counted 0-{MAX_PARTICIPANTS}")
        groups = _unique(spec.get("target_groups") or [], "activity.target_groups.duplicate",
                         "target group")
        for group in groups:
            one_of(group, TARGET_GROUPS, "activity.target_group.unknown", "target group")
        require(not groups or citizens > 0, "activity.target_groups.without_citizens",
                "target groups describe the citizens who took part; count them too")
        known = {r["result_id"] for r in self.results}
        result_ids = _unique(spec.get("result_ids") or [], "activity.result_ids.duplicate", "result")
        require(all(r in known for r in result_ids), "activity.result.not_found",
                "an activity links only to results documented in this initiative")
        activity = {
            "activity_id": activity_id, "kind": kind, "platform_id": platform_id,
            "title": text(spec.get("title"), "title", MAX_TITLE, required=False),
            "date": past_day(spec.get("date"), now, "activity.date_in_future"),
            "place": text(spec.get("place"), "place", MAX_NAME),
            "actor_ids": actor_ids, "citizens_count": citizens, "target_groups": groups,
            "participants_count": len(actor_ids) + citizens,
            "outcome": text(spec.get("outcome"), "outcome", MAX_TEXT, required=False),
            "result_ids": result_ids, "status": self.status, "by": by, "at": now,
        }
        self.recorded_activities.append(activity)
        self._emit(ActivityRecorded, by=by, now=now,
                   **{k: v for k, v in activity.items() if k not in ("by", "at")})
        return activity
