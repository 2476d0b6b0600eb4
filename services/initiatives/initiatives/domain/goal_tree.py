"""Sub-goals (delmål) and how they roll up to their parent goal.

A sub-goal (a quarterly milestone in the police's goal management, or a step in a partner's
own goal system) is a goal of its own, with its own target, date and progress, and a
``parent_goal_id``. It rolls up: a parent with progress of its own is met by that; a parent
with none is met when every one of its sub-goals is. A platform's goals are its top-level
goals, so a missed milestone on the way does not hold a platform back once its goal is met.
"""
from __future__ import annotations

from collections.abc import Mapping

from .goals import Goal
from .rules import require


def sub_goals(goals: Mapping[str, Goal], goal_id: str) -> list[Goal]:
    return sorted((g for g in goals.values() if g.parent_goal_id == goal_id),
                  key=lambda g: (g.target_date or "9999-12-31", g.set_at, g.goal_id))


def goal_met(goals: Mapping[str, Goal], goal: Goal) -> bool:
    if goal.progress:
        return goal.is_met()
    children = sub_goals(goals, goal.goal_id)
    return bool(children) and all(goal_met(goals, child) for child in children)


def top_level(goals: list[Goal]) -> list[Goal]:
    return [g for g in goals if g.parent_goal_id is None]


def roll_up(goals: Mapping[str, Goal], goal: Goal) -> dict:
    """How a goal stands with its sub-goals: how many, how many met, the next target date
    of one not yet met."""
    children = sub_goals(goals, goal.goal_id)
    open_dates = [c.target_date for c in children
                  if c.target_date and not goal_met(goals, c)]
    return {"goal_id": goal.goal_id, "met": goal_met(goals, goal),
            "sub_goals": len(children),
            "sub_goals_met": sum(goal_met(goals, c) for c in children),
            "next_target_date": min(open_dates) if open_dates else None}


def place_sub_goal(goals: Mapping[str, Goal], spec: dict) -> dict:
    """The spec of a sub-goal checked against its parent: same platform (taken from the
    parent when not given) and same kind, a target date not after the parent's."""
    parent_id = spec.get("parent_goal_id")
    if parent_id is None:
        return spec
    require(parent_id in goals, "goal.parent.not_found",
            f"parent goal {parent_id} not found in this initiative")
    parent = goals[parent_id]
    platform_id = spec.get("platform_id") or parent.platform_id
    require(platform_id == parent.platform_id, "goal.parent.other_platform",
            "a sub-goal belongs to its parent goal's development platform")
    require(spec.get("kind") == parent.kind, "goal.parent.other_kind",
            f"a sub-goal of a {parent.kind} goal is a {parent.kind} goal too")
    return {**spec, "platform_id": platform_id}


def check_target_dates(goals: Mapping[str, Goal], goal: Goal) -> None:
    """A sub-goal's target date is not after its parent's; a parent's not before its
    sub-goals'."""
    parent = goals.get(goal.parent_goal_id) if goal.parent_goal_id else None
    if parent is not None and parent.target_date and goal.target_date:
        require(goal.target_date <= parent.target_date, "goal.target_date.after_parent",
                f"the sub-goal's target date {goal.target_date} is after its parent goal's "
                f"{parent.target_date}")
    if goal.target_date:
        later = [c.target_date for c in sub_goals(goals, goal.goal_id)
                 if c.target_date and c.target_date > goal.target_date]
        require(not later, "goal.target_date.before_sub_goals",
                f"target date {goal.target_date} is before a sub-goal's ({max(later or [''])})")
