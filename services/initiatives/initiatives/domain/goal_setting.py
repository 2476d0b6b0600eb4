"""Goals (målsætning): setting, adjusting and measuring them, and the platform
status that follows from them (PlatformGoalReached / PlatformGoalUnmet). Sub-goals and
their roll-up are in goal_tree.py."""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    GoalAdjusted,
    GoalProgressRecorded,
    GoalSet,
    PlatformGoalReached,
    PlatformGoalUnmet,
)
from samskab_contracts.vocabulary import MAX_TEXT

from .goal_tree import check_target_dates, goal_met, place_sub_goal, top_level
from .goals import Goal
from .rules import past_day, require, text
from .state import InitiativeState


class GoalSetting(InitiativeState):
    def set_goal(self, goal_id: str, spec: dict, *, by: str, now: str) -> Goal:
        """A process goal (year 1, may belong to the initiative) or an effect goal
        (year 2) of a platform whose baseline has been described."""
        self._ensure_active()
        spec = place_sub_goal(self.goals, spec)
        platform_id = spec.get("platform_id")
        platform = self.platform(platform_id) if platform_id is not None else None
        if spec.get("kind") == "effect" and platform is not None:
            require(platform.baseline is not None, "goal.effect.baseline_required",
                    f"describe the baseline of platform {platform.name!r} before its effect goals")
        goal = Goal.define(goal_id, platform_id, spec, by=by, now=now)
        check_target_dates(self.goals, goal)
        self.goals[goal_id] = goal
        self._emit(GoalSet, by=by, now=now, goal=goal.definition())
        self._reevaluate(platform_id, by=by, now=now)
        return goal

    def adjust_goal(self, goal_id: str, changes: dict, reason: str, *, by: str,
                    now: str) -> dict:
        self._ensure_active()
        goal = self.goal(goal_id)
        diff = goal.adjust(changes, reason, by=by, now=now,
                           check=lambda adjusted: check_target_dates(self.goals, adjusted))
        self._emit(GoalAdjusted, by=by, now=now, goal_id=goal_id, platform_id=goal.platform_id,
                   changes=diff, reason=goal.adjustments[-1]["reason"], goal=goal.definition())
        self._reevaluate(goal.platform_id, by=by, now=now)
        return diff

    def record_measurement(self, goal_id: str, day: str, value: float, note: str | None, *,
                           by: str, now: str) -> dict:
        self._ensure_active()
        goal = self.goal(goal_id)
        require(goal.goal_type == "quantitative", "goal.measurement.qualitative_goal",
                f"goal {goal.title!r} is qualitative: record an assessment on the 1-5 scale")
        day = past_day(day, now, "goal.measurement.date_in_future")
        entry = goal.record_measurement(day, value, text(note, "note", MAX_TEXT, required=False),
                                        by=by, now=now)
        return self._progress_recorded(goal, entry, by=by, now=now)

    def record_assessment(self, goal_id: str, day: str, level: int, assessment: str, *,
                          by: str, now: str) -> dict:
        self._ensure_active()
        goal = self.goal(goal_id)
        require(goal.goal_type == "qualitative", "goal.assessment.quantitative_goal",
                f"goal {goal.title!r} is quantitative: record a measurement of its indicator")
        day = past_day(day, now, "goal.assessment.date_in_future")
        entry = goal.record_assessment(day, level, assessment, by=by, now=now)
        return self._progress_recorded(goal, entry, by=by, now=now)

    def _progress_recorded(self, goal: Goal, entry: dict, *, by: str, now: str) -> dict:
        self._emit(GoalProgressRecorded, by=by, now=now, goal_id=goal.goal_id,
                   platform_id=goal.platform_id, kind=goal.kind, goal_type=goal.goal_type,
                   title=goal.title, date=entry["date"], value=entry["value"],
                   level=entry["level"], assessment=entry["assessment"],
                   indicator=goal.indicator, unit=goal.unit, baseline_value=goal.baseline_value,
                   target_value=goal.target_value, target_level=goal.target_level,
                   direction=goal.direction, met=goal.is_met(), indicator_id=goal.indicator_id,
                   target_date=goal.target_date, parent_goal_id=goal.parent_goal_id)
        self._reevaluate(goal.platform_id, by=by, now=now)
        return entry

    def _reevaluate(self, platform_id: str | None, *, by: str, now: str) -> None:
        """Move the platform's status when its goals become (un)met; raise the event once
        per change."""
        if platform_id is None:
            return
        platform = self.platforms[platform_id]
        reached = self.platform_goals_reached(platform_id)
        if reached and platform.status == "active":
            platform.status = "goals_reached"
            self._emit(PlatformGoalReached, by=by, now=now, platform_id=platform_id,
                       platform_name=platform.name,
                       goal_ids=[g.goal_id for g in self.platform_goals(platform_id)],
                       eligible_to_close=self.eligible_to_close)
        elif not reached and platform.status == "goals_reached":
            platform.status = "active"
            self._emit(PlatformGoalUnmet, by=by, now=now, platform_id=platform_id,
                       platform_name=platform.name,
                       unmet_goal_ids=[g.goal_id for g in top_level(self.platform_goals(platform_id))
                                       if not goal_met(self.goals, g)])
