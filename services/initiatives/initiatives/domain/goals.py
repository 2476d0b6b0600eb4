"""A goal (mål): process or effect, qualitative or quantitative, with its dated
progress and its adjustment history.

A quantitative goal may refer to a shared indicator (``indicator_id``, the managed list
``SHARED_INDICATORS``) so goals of different initiatives compare like with like; its
free-text ``indicator`` name stays (defaulting to the shared indicator's Danish name).
Any goal may have a target date, and a parent goal (``parent_goal_id``: a sub-goal such as
a quarterly milestone; the roll-up is in goal_tree.py).

Adjustments never overwrite: each keeps the old and new value of every field
it changed and the reason, so the goal picture can be read back in time.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields

from samskab_contracts.vocabulary import (
    ASSESSMENT_SCALE,
    DIRECTIONS,
    GOAL_KIND_YEARS,
    GOAL_KINDS,
    GOAL_TYPES,
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    SHARED_INDICATORS,
)

from .rules import one_of, parse_day, require, text

QUANTITATIVE_FIELDS = ("indicator", "unit", "baseline_value", "target_value", "direction")
QUALITATIVE_FIELDS = ("target_level",)
OPTIONAL_FIELDS = ("indicator_id", "target_date")
ADJUSTABLE_FIELDS = ("title", "description", *QUANTITATIVE_FIELDS, *QUALITATIVE_FIELDS,
                     *OPTIONAL_FIELDS)
DEFINITION_FIELDS = ("goal_id", "platform_id", "kind", "year", "goal_type", "title",
                     "description", *QUANTITATIVE_FIELDS, *QUALITATIVE_FIELDS,
                     *OPTIONAL_FIELDS, "parent_goal_id")


@dataclass
class Goal:
    goal_id: str
    platform_id: str | None
    kind: str
    year: int
    goal_type: str
    title: str
    description: str | None = None
    indicator: str | None = None
    unit: str | None = None
    baseline_value: float | None = None
    target_value: float | None = None
    direction: str | None = None
    target_level: int | None = None
    indicator_id: str | None = None
    target_date: str | None = None
    parent_goal_id: str | None = None
    progress: list[dict] = field(default_factory=list)
    adjustments: list[dict] = field(default_factory=list)
    set_by: str = ""
    set_at: str = ""

    @classmethod
    def define(cls, goal_id: str, platform_id: str | None, spec: dict, *, by: str,
               now: str) -> Goal:
        kind = one_of(spec.get("kind", ""), GOAL_KINDS, "goal.kind.unknown", "goal kind")
        goal_type = one_of(spec.get("goal_type", ""), GOAL_TYPES, "goal.type.unknown", "goal type")
        require(kind == "process" or platform_id is not None, "goal.effect.platform_required",
                "an effect goal belongs to a development platform; give platform_id")
        goal = cls(goal_id=goal_id, platform_id=platform_id, kind=kind, year=GOAL_KIND_YEARS[kind],
                   goal_type=goal_type, title=text(spec.get("title"), "title", MAX_TITLE),
                   description=text(spec.get("description"), "description", MAX_TEXT,
                                    required=False),
                   parent_goal_id=spec.get("parent_goal_id"), set_by=by, set_at=now)
        for name in (*QUANTITATIVE_FIELDS, *QUALITATIVE_FIELDS, *OPTIONAL_FIELDS):
            if spec.get(name) is not None:
                setattr(goal, name, spec[name])
        goal._check_definition()
        return goal

    @classmethod
    def from_dict(cls, raw: dict) -> Goal:
        return cls(**{f.name: raw[f.name] for f in fields(cls) if f.name in raw})

    def to_dict(self) -> dict:
        return asdict(self)

    def definition(self) -> dict:
        """The goal as set (or as adjusted), without its progress and history."""
        return {name: getattr(self, name) for name in DEFINITION_FIELDS}

    # -- rules -------------------------------------------------------------

    def _check_definition(self) -> None:
        if self.target_date is not None:
            self.target_date = parse_day(self.target_date, "target_date").isoformat()
        if self.indicator_id is not None:
            self._apply_shared_indicator()
        own, other = ((QUANTITATIVE_FIELDS, QUALITATIVE_FIELDS) if self.goal_type == "quantitative"
                      else (QUALITATIVE_FIELDS, QUANTITATIVE_FIELDS))
        for name in other:
            require(getattr(self, name) is None, "goal.field_not_applicable",
                    f"{name} does not apply to a {self.goal_type} goal")
        for name in own:
            require(getattr(self, name) is not None, f"goal.{self.goal_type}.{name}_required",
                    f"a {self.goal_type} goal needs {name}")
        if self.goal_type == "qualitative":
            low, high = ASSESSMENT_SCALE
            require(isinstance(self.target_level, int) and low <= self.target_level <= high,
                    "goal.target_level.out_of_scale", f"target_level must be {low}-{high}")
            return
        self.indicator = text(self.indicator, "indicator", MAX_NAME)
        self.unit = text(self.unit, "unit", MAX_NAME)
        one_of(self.direction, DIRECTIONS, "goal.direction.unknown", "direction")
        self.baseline_value = float(self.baseline_value)
        self.target_value = float(self.target_value)
        beyond = (self.target_value > self.baseline_value if self.direction == "up"
                  else self.target_value < self.baseline_value)
        require(beyond, "goal.target.direction_mismatch",
                f"target {self.target_value:g} must be {'above' if self.direction == 'up' else 'below'}"
                f" the baseline {self.baseline_value:g} when the direction is {self.direction}")

    def _apply_shared_indicator(self) -> None:
        """A goal measured by a shared indicator takes its name, unit and better direction
        unless it gives its own."""
        one_of(self.indicator_id, SHARED_INDICATORS, "goal.indicator.unknown", "shared indicator")
        require(self.goal_type == "quantitative", "goal.field_not_applicable",
                "indicator_id does not apply to a qualitative goal")
        shared = SHARED_INDICATORS[self.indicator_id]
        self.indicator = self.indicator if self.indicator is not None else shared["da"]
        self.unit = self.unit if self.unit is not None else shared["unit"]["da"]
        self.direction = self.direction if self.direction is not None else shared["direction"]

    def record_measurement(self, day: str, value: float, note: str | None, *, by: str,
                           now: str) -> dict:
        require(self.goal_type == "quantitative", "goal.measurement.qualitative_goal",
                "a qualitative goal is assessed on the 1-5 scale, not measured; record an assessment")
        entry = {"date": day, "value": float(value), "level": None, "assessment": note,
                 "by": by, "at": now}
        self.progress.append(entry)
        return entry

    def record_assessment(self, day: str, level: int, assessment: str, *, by: str,
                          now: str) -> dict:
        require(self.goal_type == "qualitative", "goal.assessment.quantitative_goal",
                "a quantitative goal is measured against its indicator; record a measurement")
        low, high = ASSESSMENT_SCALE
        require(isinstance(level, int) and low <= level <= high, "goal.assessment.out_of_scale",
                f"level must be {low}-{high}")
        entry = {"date": day, "value": None, "level": level,
                 "assessment": text(assessment, "assessment", MAX_TEXT), "by": by, "at": now}
        self.progress.append(entry)
        return entry

    def adjust(self, changes: dict, reason: str, *, by: str, now: str,
               check: Callable[[Goal], None] | None = None) -> dict:
        """Apply changed fields, keep {field: {from, to}} and the reason in history;
        ``check`` sees the adjusted goal before anything changes (rules across goals)."""
        unknown = sorted(set(changes) - set(ADJUSTABLE_FIELDS))
        require(not unknown, "goal.adjustment.field_not_adjustable",
                f"cannot adjust {unknown}; adjustable fields are {list(ADJUSTABLE_FIELDS)}")
        reason = text(reason, "reason", MAX_TEXT)
        candidate = Goal.from_dict(copy.deepcopy(self.to_dict()))
        if changes.get("indicator_id", self.indicator_id) != self.indicator_id:
            # another shared indicator brings its own name and unit unless they are given
            for name in ("indicator", "unit"):
                if name not in changes:
                    setattr(candidate, name, None)
        for name, value in changes.items():
            setattr(candidate, name, value)
        candidate.title = text(candidate.title, "title", MAX_TITLE)
        candidate.description = text(candidate.description, "description", MAX_TEXT,
                                     required=False)
        candidate._check_definition()
        if check is not None:
            check(candidate)
        diff = {name: {"from": getattr(self, name), "to": getattr(candidate, name)}
                for name in ADJUSTABLE_FIELDS if getattr(self, name) != getattr(candidate, name)}
        require(bool(diff), "goal.adjustment.no_change", "the adjustment changes nothing")
        for name in ADJUSTABLE_FIELDS:
            setattr(self, name, getattr(candidate, name))
        self.adjustments.append({"changes": diff, "reason": reason, "by": by, "at": now})
        return diff

    # -- state -------------------------------------------------------------

    def latest(self) -> dict | None:
        """The progress entry with the latest date (the later recorded one on a tie)."""
        if not self.progress:
            return None
        return max(enumerate(self.progress), key=lambda pair: (pair[1]["date"], pair[0]))[1]

    def is_met(self) -> bool:
        latest = self.latest()
        if latest is None:
            return False
        if self.goal_type == "qualitative":
            return latest["level"] >= self.target_level
        if self.direction == "up":
            return latest["value"] >= self.target_value
        return latest["value"] <= self.target_value

    def evaluation(self, met: bool | None = None) -> dict:
        """The goal's standing; ``met`` is the rolled-up verdict when the aggregate has one."""
        latest = self.latest() or {}
        return {
            "goal_id": self.goal_id, "title": self.title, "kind": self.kind,
            "goal_type": self.goal_type, "met": self.is_met() if met is None else met,
            "latest_date": latest.get("date"), "latest_value": latest.get("value"),
            "latest_level": latest.get("level"), "baseline_value": self.baseline_value,
            "target_value": self.target_value, "target_level": self.target_level,
            "direction": self.direction, "indicator_id": self.indicator_id,
            "target_date": self.target_date, "parent_goal_id": self.parent_goal_id,
        }
