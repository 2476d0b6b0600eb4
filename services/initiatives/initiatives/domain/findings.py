"""A safety-walk finding (fund fra en tryghedsvandring) and its follow-up action.

A finding is a geo-tagged observation; it may become one follow-up action
assigned to an actor, and is resolved once something has been done about it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from .rules import require


@dataclass
class Finding:
    finding_id: str
    activity_id: str
    point: list[float]
    category: str
    description: str | None = None
    photo_ref: str | None = None
    action: dict | None = None
    resolution: dict | None = None
    recorded_by: str = ""
    recorded_at: str = ""

    @classmethod
    def from_dict(cls, raw: dict) -> Finding:
        return cls(**{f.name: raw[f.name] for f in fields(cls) if f.name in raw})

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def resolved(self) -> bool:
        return self.resolution is not None

    def create_action(self, action: dict) -> None:
        require(not self.resolved, "finding.already_resolved",
                f"finding {self.finding_id} is already resolved")
        require(self.action is None, "finding.follow_up.already_exists",
                f"finding {self.finding_id} already has a follow-up action")
        self.action = {**action, "status": "open"}

    def resolve(self, resolution: dict) -> None:
        require(not self.resolved, "finding.already_resolved",
                f"finding {self.finding_id} is already resolved")
        self.resolution = resolution
        if self.action is not None:
            self.action["status"] = "resolved"
