"""Facts of the general activities and of the ideas a living network hands over (issue 15),
and the counts derived from them.

A general activity (ActivityRecorded) is kept beside the citizen meetings and safety walks
in ``activities``, its kind as its ``activity_type``, so the counts and roll-ups of
activities by type take every kind in; it adds the citizens who are not registered
actors and their target groups. An idea keeps its recipient's name only when the recipient
is not a citizen."""
from __future__ import annotations

from collections.abc import Callable

from samskab_contracts.vocabulary import CITIZEN, TARGET_GROUPS
from samskab_infra.clock import chronological_key

from .facts import entry, ids_of, own, str_list, when

Handler = Callable[[dict, dict, dict], None]
TARGET_GROUP_PREFIX = "target_group_"
"""counts[TARGET_GROUP_PREFIX + group]: how many activities reached that target group."""


def _activity(model: dict, env: dict, data: dict) -> None:
    key = data.get("activity_id") or env["event_id"]
    actor_ids = ids_of(data.get("actor_ids"))
    citizens = data.get("citizens_count") if isinstance(data.get("citizens_count"), int) else 0
    own(model, "activities")[key] = {
        "id": key, "at": when(env), "activity_type": data.get("kind"),
        "platform_id": data.get("platform_id"), "title": data.get("title"),
        "date": data.get("date"), "place": data.get("place"),
        "attendance": dict.fromkeys(actor_ids, 1), "citizens_count": citizens,
        "total_attendance": len(actor_ids) + citizens, "findings_count": None,
        "target_groups": [g for g in str_list(data.get("target_groups")) if g in TARGET_GROUPS],
        "outcome": data.get("outcome"), "result_ids": str_list(data.get("result_ids")),
        "network": data.get("status") == "network",
    }


def _idea(model: dict, env: dict, data: dict) -> None:
    key = data.get("idea_id") or env["event_id"]
    idea = entry(model, "ideas_handed_over", key, lambda: {"id": key, "outcome": None, "outcome_at": None})
    idea.update(at=when(env), date=data.get("date"), idea=data.get("idea"),
                recipient_name=None if data.get("recipient_kind") == CITIZEN else data.get("recipient_name"),
                recipient_kind=data.get("recipient_kind"))
    if idea.get("outcome_at") is None:  # an outcome recorded later wins, whatever the delivery order
        idea["outcome"] = data.get("outcome")


def _outcome(model: dict, env: dict, data: dict) -> None:
    """The latest outcome (by its own time, then event id) wins."""
    key = data.get("idea_id") or env["event_id"]
    idea = entry(model, "ideas_handed_over", key, lambda: {"id": key, "outcome": None, "outcome_at": None})
    step = [chronological_key(when(env)), env["event_id"]]
    if idea.get("outcome_at") is None or step > idea["outcome_at"]:
        idea["outcome"], idea["outcome_at"] = data.get("outcome"), step


HANDLERS: dict[str, Handler] = {
    "ActivityRecorded": _activity,
    "IdeaHandedOver": _idea,
    "IdeaOutcomeRecorded": _outcome,
}


def counts(model: dict) -> dict[str, int]:
    activities = (model.get("activities") or {}).values()
    return {
        "activity_participants": sum(a.get("total_attendance") or 0 for a in activities),
        "activity_citizens": sum(a.get("citizens_count") or 0 for a in activities),
        "network_activities": sum(1 for a in activities if a.get("network")),
        "ideas_handed_over": len(model.get("ideas_handed_over") or {}),
        **{TARGET_GROUP_PREFIX + group: sum(1 for a in activities if group in (a.get("target_groups") or []))
           for group in TARGET_GROUPS},
    }
