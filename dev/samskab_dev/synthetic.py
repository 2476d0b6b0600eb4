"""Realistic synthetic event histories, built from the contracts' own examples.

For the benchmark (bench/reporting.py) and the integration tests: every envelope
starts from its event class's ``example`` and overrides ids, times and figures,
so the shapes are exactly what the producers send. A history per initiative
follows the method: start-up, mapping and analysis, actors join, platforms and
goals are set, then months of measurements, activities, reality checks and
results, and (for the older ones) closure or continuation as a network.
Deterministic for a given seed.
"""
from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import samskab_contracts.events  # noqa: F401  (registers every event type)
from samskab_contracts.districts import DISTRICTS
from samskab_infra.event_types import REGISTRY

THEMES = ("burglary_prevention", "safe_urban_spaces", "digital_crime", "traffic_safety",
          "loneliness", "drugs_in_nightlife", "gang_recruitment", "safety_of_the_elderly",
          "housing_area_safety", "jobs_and_inclusion")
INDICATORS = (("Anmeldte indbrud i beboelse pr. år", "anmeldelser", 420.0, "down"),
              ("Husstande i Nabohjælp", "husstande", 900.0, "up"),
              ("Andel trygge borgere i tryghedsmålingen", "procent", 61.0, "up"),
              ("Anmeldt hærværk pr. år", "anmeldelser", 150.0, "down"))
MEMBER_KINDS = ("municipality", "police_unit", "business", "business", "association",
                "housing_organisation", "educational_institution", "citizen", "citizen")
EPOCH = datetime(2015, 1, 1, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(event_type: str, *, rng: random.Random | None = None, validate: bool = True,
             **overrides) -> dict:
    """One envelope (as a dict) of ``event_type``: the contract's example with ``overrides``."""
    cls = REGISTRY[event_type]
    data = {**cls.example, **overrides}
    if validate:
        cls(**data)
    event_id = str(uuid.UUID(int=rng.getrandbits(128), version=4)) if rng else str(uuid.uuid4())
    return {"event_id": event_id, "type": event_type, "version": cls.version,
            "occurred_at": data.get("at") or _iso(datetime.now(UTC)), "producer": cls.producer,
            "correlation_id": event_id, "causation_id": None, "district": data.get("district"),
            "data": data}


class _Story:
    """The events of one initiative, in the order its people would record them."""

    def __init__(self, rng: random.Random, district: str, number: int, validate: bool):
        self.rng, self.district, self.validate = rng, district, validate
        self.initiative_id = self._id()
        self.clock = EPOCH + timedelta(days=rng.randrange(0, 8 * 365))
        self.events: list[dict] = []
        self.number = number
        self.members: list[tuple[str, str]] = []
        self.goals: list[dict] = []
        self.platforms = [self._id(), self._id()]
        self.phase = "start_up"
        # How often one actor alone attends or gets the credit: a few initiatives are
        # dominated by one actor, as the influence-balance measure is meant to catch.
        self.dominance = rng.choices((0.1, 0.3, 0.97), (5, 3, 2))[0]

    def _id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _emit(self, event_type: str, **fields) -> None:
        self.clock += timedelta(days=self.rng.randint(1, 12), hours=self.rng.randint(0, 8))
        base = {"district": self.district, "at": _iso(self.clock)}
        if "initiative_id" in REGISTRY[event_type].example:
            base["initiative_id"] = self.initiative_id
        self.events.append(envelope(event_type, rng=self.rng, validate=self.validate,
                                    **base, **fields))

    def _advance(self, to_phase: str, number: int) -> None:
        self._emit("InitiativePhaseAdvanced", from_phase=self.phase, to_phase=to_phase,
                   phase_number=number)
        self.phase = to_phase

    def _join(self, kind: str) -> None:
        actor_id = self._id()
        name = None if kind == "citizen" else f"{kind.replace('_', ' ').title()} {self.number}"
        if kind != "citizen":
            self._emit("ActorRegistered", actor_id=actor_id, actor_kind=kind, name=name,
                       department=None, municipality=None)
        self._emit("ActorJoined", actor_id=actor_id, actor_kind=kind, name=name,
                   scope="initiative", platform_ids=[])
        self.members.append((actor_id, kind))

    def opening(self, stage: int) -> None:
        """Up to phase ``stage`` (3 analysis … 6 co-creative development)."""
        theme = self.rng.choice(THEMES)
        self._emit("InitiativeCreated", title=f"Initiativ {self.number}: {theme.replace('_', ' ')}",
                   themes=[theme], municipalities=[f"Kommune {self.number % 7}"])
        self._emit("AnchorPersonAssigned")
        self._emit("CoordinatorAssigned")
        self._advance("mapping", 2)
        self._advance("analysis", 3)
        for kind in self.rng.sample(MEMBER_KINDS, k=self.rng.randint(5, 8)):
            self._join(kind)
        if stage >= 4:
            self._advance("actor_involvement", 4)
        if stage >= 5:
            self._advance("establishment", 5)
            for platform_id in self.platforms:
                self._emit("PlatformEstablished", platform_id=platform_id,
                           name=f"Platform {platform_id[:4]}")
                self._emit("BaselineDescribed", platform_id=platform_id)
                self._goals(platform_id)
        if stage >= 6:
            self._advance("co_creative_development", 6)

    def _goals(self, platform_id: str) -> None:
        indicator, unit, baseline, direction = self.rng.choice(INDICATORS)
        change = baseline * self.rng.uniform(0.1, 0.4)
        target = baseline - change if direction == "down" else baseline + change
        quantitative = {"goal_id": self._id(), "platform_id": platform_id, "kind": "effect",
                        "year": 2, "goal_type": "quantitative", "title": f"Mål: {indicator}",
                        "description": None, "indicator": indicator, "unit": unit,
                        "baseline_value": baseline, "target_value": round(target, 1),
                        "direction": direction, "target_level": None}
        qualitative = {**quantitative, "goal_id": self._id(), "kind": "process", "year": 1,
                       "goal_type": "qualitative", "title": "Stærkere samarbejde",
                       "indicator": None, "unit": None, "baseline_value": None,
                       "target_value": None, "direction": None, "target_level": 4}
        for goal in (quantitative, qualitative):
            self._emit("GoalSet", goal=goal)
            self.goals.append(goal)

    def _progress(self) -> None:
        goal = self.rng.choice(self.goals)
        fields = {k: goal[k] for k in ("goal_id", "platform_id", "kind", "goal_type", "title",
                                       "indicator", "unit", "baseline_value", "target_value",
                                       "target_level", "direction")}
        if goal["goal_type"] == "quantitative":
            share = self.rng.uniform(-0.1, 1.1)
            value = goal["baseline_value"] + share * (goal["target_value"] - goal["baseline_value"])
            fields.update(value=round(value, 1), level=None, assessment=None, met=share >= 1)
        else:
            level = self.rng.randint(1, 5)
            fields.update(value=None, level=level, assessment="Samarbejdet udvikler sig.",
                          met=level >= 4)
        self._emit("GoalProgressRecorded", date=self.clock.date().isoformat(), **fields)

    def _activity(self) -> None:
        dominant = self.rng.random() < self.dominance
        present = self.members[:1] if dominant else self.rng.sample(
            self.members, k=self.rng.randint(1, len(self.members)))
        attendance = [{"actor_id": a, "count": self.rng.randint(1, 12)} for a, _ in present]
        self._emit("ActivityHeld", activity_id=self._id(), platform_id=self.rng.choice(self.platforms),
                   activity_type=self.rng.choice(("safety_walk", "citizen_meeting")),
                   date=self.clock.date().isoformat(), attendance=attendance,
                   total_attendance=sum(a["count"] for a in attendance), findings_count=0)

    def _finding(self) -> None:
        finding = self._id()
        self._emit("SafetyWalkFindingRecorded", finding_id=finding, date=self.clock.date().isoformat(),
                   platform_id=self.platforms[0])
        self._emit("FollowUpActionCreated", finding_id=finding, action_id=self._id())
        self._emit("FindingResolved", finding_id=finding, date=self.clock.date().isoformat())

    def _reality_check(self) -> None:
        scores = {k: self.rng.randint(1, 5) for k in ("collaboration", "resources", "progress",
                                                     "influence_balance")}
        self._emit("RealityCheckRecorded", reality_check_id=self._id(),
                   platform_id=self.rng.choice(self.platforms), date=self.clock.date().isoformat(),
                   scores=scores, average_score=sum(scores.values()) / 4,
                   next_due=(self.clock + timedelta(days=90)).date().isoformat())

    def _result(self) -> None:
        actors = [self.members[0][0]] if self.rng.random() < self.dominance else [
            a for a, _ in self.rng.sample(self.members, k=min(2, len(self.members)))]
        self._emit("ResultDocumented", result_id=self._id(), platform_id=self.platforms[0],
                   size="breakthrough" if self.rng.random() < 0.15 else "small",
                   date=self.clock.date().isoformat(), actor_ids=actors)

    def _leave(self) -> None:
        if len(self.members) > 3:
            actor_id, kind = self.members.pop(self.rng.randrange(len(self.members)))
            self._emit("ActorLeft", actor_id=actor_id, actor_kind=kind, scope="initiative",
                       platform_ids=[])

    def body(self, count: int) -> None:
        steps = ((self._progress, 40), (self._activity, 20), (self._reality_check, 10),
                 (self._result, 10), (self._finding, 4), (self._leave, 2),
                 (lambda: self._join(self.rng.choice(MEMBER_KINDS)), 3),
                 (lambda: self._emit("RippleEffectRecorded", ripple_effect_id=self._id()), 3),
                 (lambda: self._emit("RealityCheckOverdue", platform_id=self.platforms[1]), 3))
        if not self.goals:
            steps = steps[1:]
        actions, weights = zip(*steps, strict=True)
        target = len(self.events) + count
        while len(self.events) < target:
            self.rng.choices(actions, weights)[0]()
        del self.events[target:]

    def ending(self) -> None:
        for platform_id in self.platforms:
            self._emit("PlatformGoalReached", platform_id=platform_id, goal_ids=[
                g["goal_id"] for g in self.goals if g["platform_id"] == platform_id])
        self._advance("closing", 7)
        if self.rng.random() < 0.5:
            self._emit("InitiativeClosed", evaluation=[], summary="Målene er nået.")
        else:
            self._emit("InitiativeBecameNetwork", actor_ids=[a for a, _ in self.members])


ENDING_EVENTS = 4  # two PlatformGoalReached, the phase change, the closure


def initiative_history(rng: random.Random, district: str, number: int, events: int,
                       validate: bool = True) -> list[dict]:
    """About ``events`` envelopes of one initiative (exactly, unless ``events`` is tiny)."""
    story = _Story(rng, district, number, validate)
    stage = rng.choices((3, 4, 5, 6), (1, 1, 2, 8))[0]
    story.opening(stage)
    finished = stage == 6 and rng.random() < 0.6
    story.body(max(0, events - len(story.events) - (ENDING_EVENTS if finished else 0)))
    if finished:
        story.ending()
    return story.events[:events]


def history(initiatives_per_district: int, events_per_initiative: int, *, seed: int = 7,
            districts: tuple[str, ...] = tuple(DISTRICTS), validate: bool = False) -> Iterator[dict]:
    """Initiatives' histories, district by district (``validate`` checks every event)."""
    rng = random.Random(seed)
    for district in districts:
        for number in range(initiatives_per_district):
            yield from initiative_history(rng, district, number, events_per_initiative, validate)
