"""A goal's place among the others, as the pages show it: the shared indicator it is measured
by (fælles indikator), its target date, the goal it is a sub-goal of (delmål) and its own
sub-goals with how they roll up. The roll-up follows the initiatives domain (goal_tree.py,
kept in step by hand: the web imports no service): a goal with measurements or assessments of
its own is met by them; one without is met when every one of its sub-goals is."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import g
from werkzeug.datastructures import MultiDict

from samskab_contracts.vocabulary import SHARED_INDICATORS

from . import commands
from .commands import N_, Errors

FIELDS = {"goal.target_date.after_parent": "target_date", "goal.target_date.before_sub_goals": "target_date",
          "goal.parent.other_kind": "parent_goal_id", "goal.parent.other_platform": "parent_goal_id",
          "goal.parent.not_found": "parent_goal_id", "goal.indicator.unknown": "indicator_id"}
REFUSALS = {
    "goal.target_date.after_parent": N_("A sub-goal's target date cannot be after the target date of the goal "
                                        "it belongs to."),
    "goal.target_date.before_sub_goals": N_("The target date cannot be before the target date of one of the "
                                            "goal's sub-goals."),
    "goal.parent.other_kind": N_("A sub-goal is of the same kind as the goal it belongs to (process or effect)."),
    "goal.parent.other_platform": N_("A sub-goal belongs to the same development platform as the goal it "
                                     "belongs to."),
    "goal.parent.not_found": N_("Choose one of the initiative's goals."),
    "goal.indicator.unknown": N_("Choose one of the shared indicators, or your own indicator."),
}


def shared_indicator(key: str | None) -> dict[str, str] | None:
    """The shared indicator's name and unit in the page's language (None for a goal's own)."""
    shared = SHARED_INDICATORS.get(key or "")
    if shared is None:
        return None
    lang = g.get("lang", "da")
    return {"key": key or "", "name": shared.get(lang, shared["da"]),
            "unit": shared["unit"].get(lang, shared["unit"]["da"])}


def shared_indicators() -> list[dict[str, str]]:
    """Every shared indicator, for the forms' choice, in the vocabulary's order."""
    return [found for key in SHARED_INDICATORS if (found := shared_indicator(key)) is not None]


def chosen_indicator(form: MultiDict) -> str | None:
    """The shared indicator chosen in the form; None for the goal's own indicator. An
    unknown key is sent as it is: the gateway refuses it beside the field."""
    return commands.text(form, "indicator_id")


def given(**fields: Any) -> dict[str, Any]:
    """The fields filled in (a blank field is not sent: the goal keeps or takes its default)."""
    return {name: value for name, value in fields.items() if value is not None}


def placement(form: MultiDict, errors: Errors) -> dict[str, Any]:
    """A new goal's target date and the goal it is a sub-goal of, when given."""
    return given(target_date=commands.day(form, "target_date", errors, needed=False),
                 parent_goal_id=commands.text(form, "parent_goal_id"))


def changes(current: dict, wanted: dict[str, Any]) -> dict[str, Any]:
    """What an adjustment changes: the fields that differ from the goal as it is. A goal that
    leaves its shared indicator for its own keeps the indicator and unit in the form (the
    domain would otherwise drop the shared indicator's name and unit and ask for them)."""
    changed = {name: value for name, value in wanted.items() if value != current.get(name)}
    if "indicator_id" in changed and changed["indicator_id"] is None:
        changed.update(indicator=wanted.get("indicator"), unit=wanted.get("unit"))
    return changed


def is_met(goals: Mapping[str, dict], found: dict) -> bool:
    """Whether the goal is met: by its own latest figure, or, with none, by all its sub-goals."""
    progress = found.get("progress") or []
    if progress:
        return latest_meets_target(found)
    children = sub_goals(goals, found.get("goal_id") or "")
    return bool(children) and all(is_met(goals, child) for child in children)


def latest_meets_target(found: dict) -> bool:
    """Whether the latest measurement or assessment reaches the target (as the domain reads it)."""
    progress = found.get("progress") or []
    if not progress:
        return False
    latest = max(enumerate(progress), key=lambda pair: (pair[1].get("date", ""), pair[0]))[1]
    if found.get("goal_type") == "qualitative":
        return bool((latest.get("level") or 0) >= (found.get("target_level") or 0))
    value, target = latest.get("value"), found.get("target_value")
    if value is None or target is None:
        return False
    return bool(value >= target if found.get("direction") == "up" else value <= target)


def sub_goals(goals: Mapping[str, dict], goal_id: str) -> list[dict]:
    """The goal's sub-goals, the nearest target date first (as the domain orders them)."""
    return sorted((goal for goal in goals.values() if goal.get("parent_goal_id") == goal_id),
                  key=lambda goal: (goal.get("target_date") or "9999-12-31", goal.get("set_at") or "",
                                    goal.get("goal_id") or ""))


def outline(goals: Mapping[str, dict] | None) -> dict[str, dict[str, Any]]:
    """For each goal: whether it is met, its shared indicator, the goal it belongs to and its
    sub-goals (id, title, met), and whether it rolls up (sub-goals and nothing of its own)."""
    goals = goals or {}
    placed: dict[str, dict[str, Any]] = {}
    for goal_id, goal in goals.items():
        children = sub_goals(goals, goal_id)
        parent = goals.get(goal.get("parent_goal_id") or "")
        placed[goal_id] = {
            "met": is_met(goals, goal), "indicator": shared_indicator(goal.get("indicator_id")),
            "parent": {"goal_id": goal["parent_goal_id"], "title": parent.get("title") or ""} if parent else None,
            "sub_goals": [{"goal_id": child.get("goal_id"), "title": child.get("title"),
                           "met": is_met(goals, child)} for child in children],
            "rolls_up": bool(children) and not goal.get("progress")}
    return placed
