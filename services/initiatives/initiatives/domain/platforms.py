"""A development platform (udviklingsplatform): a small group of actors working
on one focus area under the shared challenge, with its own goals and status.

Its member list is a local copy of the actors service's facts (ActorJoined /
ActorLeft); the platform never decides membership itself.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from .rules import add_days, require, today


@dataclass
class DevelopmentPlatform:
    platform_id: str
    name: str
    focus_area: str
    description: str | None = None
    status: str = "active"
    members: dict[str, dict] = field(default_factory=dict)
    baseline: dict | None = None
    reality_check_interval_days: int | None = None
    next_reality_check_due: str | None = None
    overdue_flagged_for: str | None = None
    lead: dict | None = None
    """The person who leads the platform's work (platform_lead), if one is named."""
    established_by: str = ""
    established_at: str = ""

    @classmethod
    def from_dict(cls, raw: dict) -> DevelopmentPlatform:
        return cls(**{f.name: raw[f.name] for f in fields(cls) if f.name in raw})

    def to_dict(self) -> dict:
        return asdict(self)

    def add_member(self, actor_id: str, actor_kind: str | None, now: str | None) -> bool:
        if actor_id in self.members:
            return False
        self.members[actor_id] = {"actor_kind": actor_kind, "since": now}
        return True

    def remove_member(self, actor_id: str) -> bool:
        return self.members.pop(actor_id, None) is not None

    # -- reality checks (realitetstjek) -----------------------------------

    def schedule_reality_checks(self, interval_days: int, first_due: str) -> None:
        require(interval_days >= 1, "reality_check.schedule.interval_invalid",
                "the interval between reality checks must be at least one day")
        self.reality_check_interval_days = interval_days
        self.next_reality_check_due = first_due
        self.overdue_flagged_for = None

    def reality_check_done(self, day: str) -> None:
        """A check on ``day`` moves the next due date one interval past it (if scheduled)."""
        if self.reality_check_interval_days is None:
            return
        due = add_days(day, self.reality_check_interval_days)
        if self.next_reality_check_due is None or due > self.next_reality_check_due:
            self.next_reality_check_due = due
            self.overdue_flagged_for = None

    def reality_check_overdue(self, now: str) -> bool:
        """Past due: the due date lies before the day of ``now``."""
        due = self.next_reality_check_due
        return due is not None and due < today(now).isoformat()

    def overdue_unflagged(self, now: str) -> bool:
        return self.reality_check_overdue(now) and self.overdue_flagged_for != self.next_reality_check_due
