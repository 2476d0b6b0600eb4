"""What an active initiative still has open, for its people's to-do list ("what needs
doing" on Mine initiativer): each platform's next reality check (realitetstjek) by its due
date, every follow-up action of a safety-walk finding not yet resolved, and each goal with
the date of its latest measurement or assessment. Dates only: whether a check is overdue or
a goal's last measurement too old is the reader's today, not the stored document's."""
from __future__ import annotations

from typing import Any

from .state import InitiativeState


def open_work(initiative: InitiativeState) -> dict[str, list[dict[str, Any]]]:
    if initiative.status != "active":
        return {"reality_checks": [], "follow_up_actions": [], "goals": []}
    checks = [{"platform_id": p.platform_id, "name": p.name, "due": p.next_reality_check_due}
              for p in initiative.platforms.values() if p.next_reality_check_due]
    actions = [{"finding_id": f.finding_id, "category": f.category,
                "description": f.action.get("description"), "due_date": f.action.get("due_date")}
               for f in initiative.findings.values() if f.action is not None and not f.resolved]
    goals = []
    for goal in initiative.goals.values():
        latest = goal.latest()
        goals.append({"goal_id": goal.goal_id, "title": goal.title,
                      "last_progress_on": latest["date"] if latest else None})
    return {"reality_checks": sorted(checks, key=lambda c: (c["due"], c["platform_id"])),
            "follow_up_actions": actions, "goals": goals}
