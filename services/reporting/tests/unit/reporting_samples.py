"""Envelope builders for the reporting unit tests, validated against the real contracts.

Every builder starts from the contract's own ``example`` and validates the
result by constructing the event class, so a test can never feed the
projections data that the producers could not send.
"""
from __future__ import annotations

import itertools
import uuid

import samskab_contracts.events  # noqa: F401  (registers every event type)
from samskab_infra.event_types import REGISTRY

INITIATIVE = "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10"
PLATFORM = "8a6d1f0e-2b7c-4d7e-9f3a-5c1b2e4d6f70"
GOAL = "c2e9b7a4-1d3f-4a6b-8c5e-9f0a1b2c3d4e"
_counter = itertools.count(1)


def envelope(event_type: str, *, event_id: str | None = None, **overrides) -> dict:
    cls = REGISTRY[event_type]
    data = {**cls.example, **overrides}
    cls(**data)  # validates against the contract
    at = data.get("at") or "2024-01-01T00:00:00Z"
    return {
        "event_id": event_id or str(uuid.UUID(int=next(_counter))),
        "type": event_type, "version": cls.version, "occurred_at": at,
        "producer": cls.producer, "correlation_id": "corr-1", "causation_id": None,
        "district": data.get("district"), "data": data,
    }


def created(initiative_id: str = INITIATIVE, **overrides) -> dict:
    return envelope("InitiativeCreated", initiative_id=initiative_id, **overrides)


def advanced(to_phase: str, at: str, initiative_id: str = INITIATIVE, **overrides) -> dict:
    return envelope("InitiativePhaseAdvanced", initiative_id=initiative_id, to_phase=to_phase,
                    at=at, **overrides)


def joined(actor_id: str, kind: str = "business", at: str = "2017-05-01T10:00:00Z",
           initiative_id: str = INITIATIVE, name: str | None = "Firma", **overrides) -> dict:
    fields = {"scope": "initiative", "platform_ids": [], **overrides}
    return envelope("ActorJoined", actor_id=actor_id, actor_kind=kind, at=at,
                    initiative_id=initiative_id, name=None if kind == "citizen" else name,
                    **fields)


def left(actor_id: str, kind: str = "business", at: str = "2018-05-01T10:00:00Z",
         initiative_id: str = INITIATIVE, **overrides) -> dict:
    fields = {"scope": "initiative", "platform_ids": [], **overrides}
    return envelope("ActorLeft", actor_id=actor_id, actor_kind=kind, at=at,
                    initiative_id=initiative_id, **fields)


def progress(value: float, date: str, at: str, **overrides) -> dict:
    return envelope("GoalProgressRecorded", value=value, date=date, at=at,
                    **{"indicator_id": None, **overrides})


def activity(activity_id: str, attendance: dict[str, int], **overrides) -> dict:
    return envelope("ActivityHeld", activity_id=activity_id,
                    attendance=[{"actor_id": a, "count": c} for a, c in attendance.items()],
                    total_attendance=sum(attendance.values()), **overrides)


def hjoerring_story() -> list[dict]:
    """A whole initiative from start to network, in the order the producers sent it."""
    return [
        created(at="2015-09-01T08:00:00Z"),
        envelope("AnchorPersonAssigned", at="2015-09-02T08:00:00Z"),
        advanced("mapping", "2015-10-01T08:00:00Z"),
        advanced("analysis", "2016-01-01T08:00:00Z"),
        advanced("actor_involvement", "2016-03-01T08:00:00Z"),
        advanced("establishment", "2016-06-01T08:00:00Z"),
        joined("org-kommune", "municipality", "2016-06-02T08:00:00Z", name="Hjørring Kommune"),
        joined("org-laas", "business", "2016-06-03T08:00:00Z", name="KN Låseteknik"),
        joined("cit-1", "citizen", "2016-06-04T08:00:00Z"),
        envelope("PlatformEstablished", at="2016-06-10T08:00:00Z"),
        envelope("BaselineDescribed", at="2016-06-11T08:00:00Z"),
        envelope("GoalSet", at="2016-06-12T08:00:00Z"),
        advanced("co_creative_development", "2016-09-01T08:00:00Z"),
        envelope("RealityCheckRecorded", at="2017-01-10T08:00:00Z", date="2017-01-10",
                 reality_check_id="rc-1", average_score=2.0,
                 scores={"collaboration": 2, "resources": 2, "progress": 2},
                 notes="For få ressourcer hos aktørerne."),
        progress(300.0, "2017-12-31", "2018-01-10T08:00:00Z", target_value=100.0),
        envelope("GoalAdjusted", at="2018-02-01T08:00:00Z"),
        envelope("ResultDocumented", at="2019-06-01T12:00:00Z",
                 actor_ids=["org-kommune", "org-laas"]),
        envelope("RippleEffectRecorded", at="2020-02-01T12:00:00Z"),
        activity("act-1", {"org-kommune": 2, "org-laas": 1, "cit-1": 1},
                 at="2018-09-20T20:00:00Z"),
        progress(70.0, "2022-12-31", "2023-01-15T10:00:00Z"),
        envelope("PlatformGoalReached", at="2023-01-15T10:00:01Z"),
        advanced("closing", "2023-02-01T08:00:00Z"),
        envelope("InitiativeClosed", at="2023-03-01T10:00:00Z"),
        envelope("InitiativeBecameNetwork", at="2023-03-15T10:00:00Z"),
    ]


def without_bookkeeping(model: dict) -> dict:
    return {k: v for k, v in model.items() if k != "_applied"}


BURGLARIES = "Anmeldte indbrud i beboelse pr. år"


def small_initiative(initiative_id: str, district: str, phase: str, *, baseline: float = 420.0,
                     latest: float | None = None, citizens: int = 0,
                     title: str | None = None) -> list[dict]:
    """An initiative in ``district`` that reached ``phase``, with one burglary goal."""
    goal_id = f"goal-{initiative_id}"
    platform_id = f"platform-{initiative_id}"
    common = {"initiative_id": initiative_id, "district": district}
    out = [created(initiative_id, district=district, title=title or f"Initiativ {initiative_id}",
                   at="2018-01-01T08:00:00Z")]
    phases = ["mapping", "analysis", "actor_involvement", "establishment",
              "co_creative_development", "closing"]
    for i, p in enumerate(phases[:phases.index(phase) + 1] if phase in phases else []):
        out.append(advanced(p, f"2018-0{i + 2}-01T08:00:00Z", **common))
    out.append(envelope("PlatformEstablished", platform_id=platform_id, **common))
    out.append(envelope("GoalSet", goal={**REGISTRY["GoalSet"].example["goal"],
                                         "goal_id": goal_id, "platform_id": platform_id,
                                         "indicator": BURGLARIES, "baseline_value": baseline,
                                         "target_value": baseline / 2,
                                         "indicator_id": None}, **common))
    if latest is not None:
        out.append(progress(latest, "2020-12-31", "2021-01-05T08:00:00Z", goal_id=goal_id,
                            platform_id=platform_id, baseline_value=baseline,
                            target_value=baseline / 2, **common))
    for n in range(citizens):
        out.append(joined(f"cit-{initiative_id}-{n}", "citizen", "2018-03-01T08:00:00Z", **common))
    return out


def portfolio() -> list[dict]:
    """Seven initiatives in Nordjylland, two on Fyn."""
    stream: list[dict] = []
    for i in range(7):
        stream += small_initiative(f"nj-{i}", "nordjylland",
                                   "mapping" if i < 3 else "co_creative_development",
                                   latest=300.0 - i, citizens=2 if i == 0 else 6)
    stream += small_initiative("fyn-0", "fyn", "mapping", baseline=4.0, latest=2.0, citizens=3)
    stream += small_initiative("fyn-1", "fyn", "closing", latest=100.0)
    return stream
