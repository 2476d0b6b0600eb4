""""What needs doing" on Mine initiativer: from the ``open_work`` each initiative in the
list already carries (no call per initiative), the reality checks past their due date, the
safety-walk findings' follow-up actions not yet resolved, and the goals with no measurement
or assessment in the last ``STALE_AFTER_DAYS``. Today is the page's, passed in."""
from __future__ import annotations

from datetime import date, timedelta

STALE_AFTER_DAYS = 90


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def to_do(initiatives: list[dict], today: date) -> list[dict]:
    """One entry per thing to do: ``kind`` (reality_check, follow_up_action, goal), the
    initiative's id and title, ``what`` (the platform, action or goal) and ``due`` (a
    date, or None); overdue reality checks first, then actions by due date, then goals."""
    stale_before = today - timedelta(days=STALE_AFTER_DAYS)
    entries: list[dict] = []
    for item in initiatives:
        work = item.get("open_work") or {}
        about = {"initiative_id": item["initiative_id"], "title": item.get("title", "")}
        for check in work.get("reality_checks", []):
            due = _day(check.get("due"))
            if due is not None and due < today:
                entries.append({**about, "kind": "reality_check", "what": check.get("name", ""), "due": due,
                                "overdue": True})
        for action in work.get("follow_up_actions", []):
            due = _day(action.get("due_date"))
            entries.append({**about, "kind": "follow_up_action", "what": action.get("description") or "",
                            "category": action.get("category", ""), "due": due,
                            "overdue": due is not None and due < today})
        for goal in work.get("goals", []):
            last = _day(goal.get("last_progress_on"))
            if last is None or last < stale_before:
                entries.append({**about, "kind": "goal", "what": goal.get("title", ""), "due": None,
                                "last": last, "overdue": False})
    order = {"reality_check": 0, "follow_up_action": 1, "goal": 2}
    return sorted(entries, key=lambda e: (order[e["kind"]], e["due"] or date.max, e["title"], e["what"]))
