"""Citizen involvement: citizen meetings (borgermøder) and safety walks
(tryghedsvandringer) with their geo-tagged findings and follow-up actions."""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    ActivityHeld,
    FindingResolved,
    FollowUpActionCreated,
    SafetyWalkFindingRecorded,
)
from samskab_contracts.vocabulary import (
    FINDING_CATEGORIES,
    MAX_LIST,
    MAX_NAME,
    MAX_ROUTE_POINTS,
    MAX_SHORT_TEXT,
    MAX_TEXT,
    MAX_TITLE,
)
from samskab_infra.errors import NotFound

from .findings import Finding
from .rules import one_of, parse_day, past_day, point, require, text
from .state import InitiativeState


class Activities(InitiativeState):
    def hold_citizen_meeting(self, activity_id: str, spec: dict, *, by: str, now: str) -> dict:
        self._ensure_active()
        activity = self._activity(activity_id, "citizen_meeting", spec, [], 0, by=by, now=now)
        self._emit_activity(activity, by=by, now=now)
        return activity

    def record_safety_walk(self, activity_id: str, spec: dict, finding_ids: list[str], *,
                           by: str, now: str) -> dict:
        """A walk along a route; each finding is a geo-tagged point with a category."""
        self._ensure_active()
        raw_route = spec.get("route") or []
        require(2 <= len(raw_route) <= MAX_ROUTE_POINTS, "safety_walk.route.invalid",
                f"a route has 2-{MAX_ROUTE_POINTS} [lat, lon] points")
        route = [point(p, "route point") for p in raw_route]
        raw_findings = spec.get("findings") or []
        require(len(raw_findings) == len(finding_ids), "safety_walk.finding_ids.mismatch",
                "one id is needed per finding")
        activity = self._activity(activity_id, "safety_walk", spec, route, len(raw_findings),
                                  by=by, now=now)
        findings = [
            Finding(finding_id=fid, activity_id=activity_id, point=point(raw.get("point")),
                    category=one_of(raw.get("category", ""), FINDING_CATEGORIES,
                                    "finding.category.unknown", "finding category"),
                    description=text(raw.get("description"), "finding.description", MAX_TEXT,
                                     required=False),
                    photo_ref=text(raw.get("photo_ref"), "finding.photo_ref", MAX_SHORT_TEXT,
                                   required=False),
                    recorded_by=by, recorded_at=now)
            for fid, raw in zip(finding_ids, raw_findings, strict=True)
        ]
        self._emit_activity(activity, by=by, now=now)
        for finding in findings:
            self.findings[finding.finding_id] = finding
            self._emit(SafetyWalkFindingRecorded, by=by, now=now, finding_id=finding.finding_id,
                       activity_id=activity_id, platform_id=activity["platform_id"],
                       date=activity["date"], place=activity["place"], point=finding.point,
                       category=finding.category, description=finding.description,
                       photo_ref=finding.photo_ref)
        return activity

    def _activity(self, activity_id: str, activity_type: str, spec: dict, route: list,
                  findings_count: int, *, by: str, now: str) -> dict:
        platform_id = spec.get("platform_id")
        if platform_id is not None:
            self.platform(platform_id)
        attendance = [{"actor_id": text(a.get("actor_id"), "attendance.actor_id", MAX_NAME),
                       "count": int(a.get("count", 0))} for a in spec.get("attendance") or []]
        require(len(attendance) <= MAX_LIST, "activity.attendance.too_many",
                f"at most {MAX_LIST} attendance rows")
        actor_ids = [a["actor_id"] for a in attendance]
        require(len(set(actor_ids)) == len(actor_ids), "activity.attendance.duplicate_actor",
                "each actor appears once in the attendance")
        require(all(a["count"] >= 0 for a in attendance), "activity.attendance.negative",
                "attendance counts cannot be negative")
        activity = {
            "activity_id": activity_id, "activity_type": activity_type,
            "platform_id": platform_id,
            "title": text(spec.get("title"), "title", MAX_TITLE, required=False),
            "date": past_day(spec.get("date"), now, "activity.date_in_future"),
            "place": text(spec.get("place"), "place", MAX_NAME), "attendance": attendance,
            "total_attendance": sum(a["count"] for a in attendance), "route": route,
            "findings_count": findings_count,
            "notes": text(spec.get("notes"), "notes", MAX_TEXT, required=False),
            "by": by, "at": now,
        }
        return activity

    def _emit_activity(self, activity: dict, *, by: str, now: str) -> None:
        self.activities.append(activity)
        self._emit(ActivityHeld, by=by, now=now,
                   **{k: v for k, v in activity.items() if k not in ("by", "at")})

    def activity(self, activity_id: str) -> dict:
        for activity in self.activities:
            if activity["activity_id"] == activity_id:
                return activity
        raise NotFound(f"activity {activity_id} not found in this initiative",
                       code="activity.not_found")

    def create_follow_up_action(self, finding_id: str, action_id: str, assigned_actor_id: str,
                                description: str, due_date: str | None, *, by: str,
                                now: str) -> dict:
        self._ensure_active()
        finding = self.finding(finding_id)
        action = {"action_id": action_id,
                  "assigned_actor_id": text(assigned_actor_id, "assigned_actor_id", MAX_NAME),
                  "description": text(description, "description", MAX_TEXT),
                  "due_date": parse_day(due_date, "due_date").isoformat() if due_date else None,
                  "by": by, "at": now}
        finding.create_action(action)
        self._emit(FollowUpActionCreated, by=by, now=now, finding_id=finding_id,
                   action_id=action_id, activity_id=finding.activity_id,
                   category=finding.category, assigned_actor_id=action["assigned_actor_id"],
                   description=action["description"], due_date=action["due_date"])
        return finding.action

    def resolve_finding(self, finding_id: str, resolution: str, day: str, *, by: str,
                        now: str) -> dict:
        self._ensure_active()
        finding = self.finding(finding_id)
        day = past_day(day, now, "finding.resolution.date_in_future")
        walked = self.activity(finding.activity_id)["date"]
        require(day >= walked, "finding.resolution.before_finding",
                f"a finding from {walked} cannot be resolved on {day}")
        record = {"resolution": text(resolution, "resolution", MAX_TEXT), "date": day,
                  "by": by, "at": now}
        finding.resolve(record)
        action = finding.action or {}
        self._emit(FindingResolved, by=by, now=now, finding_id=finding_id,
                   activity_id=finding.activity_id, category=finding.category,
                   action_id=action.get("action_id"),
                   assigned_actor_id=action.get("assigned_actor_id"),
                   resolution=record["resolution"], date=day)
        return record
