"""Builders for the initiatives unit tests (the Hjørring – Fri for Indbrud case)."""
from __future__ import annotations

from contextlib import contextmanager

import pytest

from initiatives.domain import PHASES, Initiative
from initiatives.domain.mapping import METHOD_GATES
from samskab_infra.errors import DomainRuleViolation, NotFound

NOW = "2023-01-15T10:00:00Z"
BY = "jsn@politi.dk"
ANCHOR = {"person_id": "jsn@politi.dk", "name": "Jeanette Storm Nielsen", "email": "jsn@politi.dk"}


def spec(**overrides) -> dict:
    return {
        "title": "Hjørring – Fri for Indbrud",
        "challenge": {
            "text": "Mange indbrud i private hjem i Hjørring Kommune.",
            "perspectives": [
                {"party": "Nordjyllands Politi", "perspective": "Indbrud gør borgerne mest utrygge."},
                {"party": "Hjørring Kommune", "perspective": "Borgerne skal kende deres muligheder."},
            ],
        },
        "themes": ["burglary_prevention"],
        "district": "nordjylland",
        "municipalities": ["Hjørring"],
        "co_owners": [{"kind": "municipality", "name": "Hjørring"},
                      {"kind": "programme", "name": "Bo Trygt"}],
        "vision": "Hjørring bliver Danmarks mest indbrudssikre kommune.",
        **overrides,
    }


def new_initiative(**overrides) -> Initiative:
    return Initiative.create("i-1", spec(**overrides), by=BY, now=NOW)


def in_phase(phase: str, *, platform: bool = True) -> Initiative:
    """An initiative moved up to ``phase`` (one platform once establishment is reached)."""
    initiative = new_initiative()
    initiative.assign_anchor_person(ANCHOR, None, by=BY, now=NOW)
    for target in PHASES[1:PHASES.index(phase) + 1]:
        if target == "co_creative_development" and platform and not initiative.platforms:
            add_platform(initiative)
        meet_method_gate(initiative, target)
        if target == "closing":
            initiative.advance_phase(target, "ready", override_reason="test set-up", by=BY, now=NOW)
        else:
            initiative.advance_phase(target, "ready", by=BY, now=NOW)
    if platform and initiative._phase_at_least("establishment") and not initiative.platforms:
        add_platform(initiative)
    initiative.pending_events.clear()
    return initiative


GATE_OVERRIDE = "test set-up: what phases 2-4 record is not what this test is about"


def through_gate(phase: str) -> dict:
    """An advance_phase payload's override of the gates of phases 3-5, for tests that walk the
    phases without recording the mapping, analysis and actor involvement."""
    return {"override_reason": GATE_OVERRIDE} if phase in METHOD_GATES else {}


def meet_method_gate(initiative: Initiative, target: str) -> None:
    """What phases 2-4 record before the next gate (domain/mapping.py): a problem statement
    with its source, a direction, a potential actor in dialogue."""
    if target == "analysis" and not initiative.mapping["problem_statements"]:
        initiative.record_mapping_source("s-1", {
            "kind": "interview", "gathered_by": "To studerende", "date": "2015-10-28",
            "description": "Interview med grundejerforeningen."}, by=BY, now=NOW)
        initiative.record_problem_statement("ps-1", "Borgerne kender ikke de enkle råd.", ["s-1"],
                                            by=BY, now=NOW)
    if target == "actor_involvement" and initiative.analysis["direction"] is None:
        initiative.choose_direction("Borgere, kommune og erhverv sammen.", ["ps-1"], by=BY, now=NOW)
    if target == "establishment" and not initiative.analysis["potential_actors"]:
        initiative.identify_potential_actor("pa-1", {"name": "Hjørring Kommune", "kind": "municipality",
                                                     "why": "Kender borgerne."}, by=BY, now=NOW)
        initiative.update_dialogue("pa-1", {"dialogue_status": "in_dialogue"}, by=BY, now=NOW)


def add_platform(initiative: Initiative, platform_id: str = "p-1", name: str = "Nabohjælp",
                 baseline: bool = True) -> str:
    initiative.establish_platform(platform_id, name, "Flere husstande i Nabohjælp", None,
                                  by=BY, now=NOW)
    if baseline:
        initiative.describe_baseline(platform_id, "420 indbrud i 2016", "2016-12-31", by=BY, now=NOW)
    return platform_id


def quantitative(platform_id: str | None = "p-1", **overrides) -> dict:
    return {"platform_id": platform_id, "kind": "effect", "goal_type": "quantitative",
            "title": "Færre indbrud i beboelse", "indicator": "Anmeldte indbrud pr. år",
            "unit": "anmeldelser", "baseline_value": 420, "target_value": 100,
            "direction": "down", **overrides}


def qualitative(platform_id: str | None = "p-1", **overrides) -> dict:
    return {"platform_id": platform_id, "kind": "effect", "goal_type": "qualitative",
            "title": "Borgerne kender indbrudsforebyggelse", "target_level": 4, **overrides}


def types(initiative: Initiative) -> list[str]:
    return [e.type_name() for e in initiative.pending_events]


@contextmanager
def violates(code: str):
    """Assert that the block breaks the rule named ``code``."""
    with pytest.raises(DomainRuleViolation) as info:
        yield info
    assert info.value.code == code, f"expected {code}, got {info.value.code}: {info.value}"


@contextmanager
def missing(code: str):
    """Assert that the block refers to something that does not exist (``code``)."""
    with pytest.raises(NotFound) as info:
        yield info
    assert info.value.code == code, f"expected {code}, got {info.value.code}: {info.value}"
