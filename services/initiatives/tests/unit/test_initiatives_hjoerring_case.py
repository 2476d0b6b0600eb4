"""The Hjørring – Fri for Indbrud case (seed 002) from start-up to closing and network.

Burglaries in homes fell by more than 83 %: from about 420 reports a year to
70 in 2022. The initiative then continued as Det Gode Naboskab.
"""
from __future__ import annotations

import pytest
from initiatives_samples import spec

from initiatives.handlers import commands as h
from initiatives.handlers import events as ev
from initiatives.handlers import mapping as m
from initiatives.handlers import queries as q
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context, Principal

pytestmark = pytest.mark.unit

ANCHOR = Principal.of(subject="jsn@politi.dk", role="anchor_person", district="nordjylland")
ACTORS = {
    "a-kommune": ("municipality", "Hjørring Kommune"),
    "a-politi": ("police_unit", "Nordjyllands Politi"),
    "a-bovendia": ("housing_organisation", "BoVendia"),
    "a-domea": ("housing_organisation", "Domea"),
    "a-nabohjaelp": ("association", "Nabohjælp"),
    "a-forsikring": ("business", "Lokalt forsikringsselskab"),
    "a-xlbyg": ("business", "XL-Byg"),
}


class Case:
    def __init__(self) -> None:
        self.store = InMemoryAggregateStore()
        self.initiative_id = ""
        self.seen: list[str] = []

    def ctx(self, when: str, principal: Principal = ANCHOR) -> Context:
        return Context(correlation_id=f"corr-{when}", principal=principal, now=f"{when}T09:00:00Z")

    def do(self, handler, when: str, expect: list[str], **payload) -> dict:
        if self.initiative_id:
            payload = {"initiative_id": self.initiative_id, **payload}
        result = handler(self.store, payload, self.ctx(when))
        assert result["events"] == expect, handler.__name__
        self.seen.extend(expect)
        return result


def test_hjoerring_fri_for_indbrud_from_start_up_to_network():
    case = Case()
    created = case.do(h.create_initiative, "2015-09-01", ["InitiativeCreated"], **spec())
    case.initiative_id = created["initiative_id"]

    # Phase 1: start-up — working group, anchor person, year-1 process goal.
    case.do(h.set_working_group, "2015-09-02", ["WorkingGroupChanged"],
            add=[{"person_id": "jsn@politi.dk", "name": "Jeanette Storm Nielsen", "role": "forebygger"},
                 {"person_id": "analyse@politi.dk", "role": "analytiker"}])
    case.do(h.assign_anchor_person, "2015-09-02", ["AnchorPersonAssigned"],
            anchor_person={"person_id": "jsn@politi.dk", "name": "Jeanette Storm Nielsen"})
    process = case.do(h.set_goal, "2015-09-03", ["GoalSet"], kind="process", goal_type="qualitative",
                      title="Arbejdsgruppen mestrer co-creation metoden", target_level=4)
    case.do(h.advance_phase, "2015-10-01", ["InitiativePhaseAdvanced"], to_phase="mapping",
            reason="Fasen er færdig")

    # Phases 2-4: two students map, the analysis chooses a direction, the talks begin.
    source = case.do(m.record_mapping_source, "2015-11-02", ["MappingSourceRecorded"], kind="interview",
                     gathered_by="To studerende", date="2015-10-28",
                     description="Interviews med borgere om indbrud i villakvarteret")["source_id"]
    statement = case.do(m.record_problem_statement, "2015-11-20", ["ProblemStatementRecorded"],
                        statement="Borgerne kender ikke de enkle råd mod indbrud",
                        source_ids=[source])["problem_statement_id"]
    case.do(h.advance_phase, "2016-01-15", ["InitiativePhaseAdvanced"], to_phase="analysis",
            reason="Fasen er færdig")
    case.do(m.choose_direction, "2016-02-01", ["AnalysisDirectionChosen"],
            direction="Borgere, kommune og erhverv gør sammen Hjørring indbrudssikker",
            problem_statement_ids=[statement])
    kommune = case.do(m.identify_potential_actor, "2016-02-02", ["PotentialActorIdentified"],
                      name="Hjørring Kommune", kind="municipality",
                      why="Kender borgerne og har kanalerne til dem")["potential_actor_id"]
    case.do(h.advance_phase, "2016-03-01", ["InitiativePhaseAdvanced"], to_phase="actor_involvement",
            reason="Fasen er færdig")
    case.do(m.update_dialogue, "2016-04-01", ["PotentialActorDialogueUpdated"], potential_actor_id=kommune,
            dialogue_status="in_dialogue", would_bring="Kanaler til borgerne", would_gain="Tryggere borgere")
    case.do(h.advance_phase, "2016-06-01", ["InitiativePhaseAdvanced"], to_phase="establishment",
            reason="Fasen er færdig")
    case.do(h.record_assessment, "2016-09-01", ["GoalProgressRecorded"], goal_id=process["goal_id"],
            date="2016-08-31", level=4, assessment="Metoden er lært gennem praksis")

    # Phase 5: establishment — platforms, members from the actors service, baselines, goals.
    case.do(h.assign_coordinator, "2016-06-02", ["CoordinatorAssigned"],
            coordinator={"person_id": "mk@hjoerring.dk", "name": "Tovholder, Hjørring Kommune"})
    nabo = case.do(h.establish_platform, "2016-06-10", ["PlatformEstablished"],
                   name="Nabohjælp og tryghedsvandringer",
                   focus_area="Flere husstande i Nabohjælp, mindre attraktive villakvarterer",
                   )["platform_id"]
    byg = case.do(h.establish_platform, "2016-06-10", ["PlatformEstablished"],
                  name="Byggemarkeder og arkitekter",
                  focus_area="Rådgivning om indbrudssikring og kriminalpræventivt design")["platform_id"]
    for n, (actor_id, (kind, name)) in enumerate(ACTORS.items()):
        platforms = [byg] if actor_id == "a-xlbyg" else [nabo, byg] if actor_id == "a-kommune" else [nabo]
        applied = ev.apply_actor_joined(case.store, {
            "actor_id": actor_id, "actor_kind": kind, "district": "nordjylland",
            "initiative_id": case.initiative_id, "scope": "initiative", "platform_ids": platforms,
            "role": "member", "name": name, "department": None, "interests": ["safety"],
            "at": "2016-06-15T10:00:00Z"}, f"actor-evt-{n}", case.ctx("2016-06-15"))
        assert applied["applied"]
    case.do(h.set_baseline, "2016-12-31", ["BaselineDescribed"], platform_id=nabo, date="2016-12-31",
            description="Ca. 420 anmeldte indbrud i beboelse om året i Hjørring Kommune")
    case.do(h.set_baseline, "2016-12-31", ["BaselineDescribed"], platform_id=byg, date="2016-12-31",
            description="Byggemarkedernes medarbejdere rådgiver sjældent om indbrudssikring")
    burglaries = case.do(h.set_goal, "2017-01-10", ["GoalSet"], platform_id=nabo, kind="effect",
                         goal_type="quantitative", title="Færre indbrud i beboelse",
                         indicator="Anmeldte indbrud i beboelse pr. år", unit="anmeldelser",
                         baseline_value=420, target_value=100, direction="down")["goal_id"]
    advice = case.do(h.set_goal, "2017-01-10", ["GoalSet"], platform_id=byg, kind="effect",
                     goal_type="qualitative", title="Byggemarkeder rådgiver om indbrudssikring",
                     target_level=4)["goal_id"]
    case.do(h.advance_phase, "2017-02-01", ["InitiativePhaseAdvanced"], to_phase="co_creative_development",
            reason="Platformene er etableret og målene sat")

    # Phase 6: co-creative development — reality checks, citizen involvement, value creation.
    case.do(h.schedule_reality_checks, "2017-02-01", ["RealityCheckScheduled"], platform_id=nabo,
            interval_days=90)
    case.do(h.hold_citizen_meeting, "2017-03-01", ["ActivityHeld"], date="2017-03-01",
            place="Hjørring Bibliotek", title="Borgermøde om indbrudsforebyggelse", platform_id=nabo,
            attendance=[{"actor_id": "a-kommune", "count": 3}, {"actor_id": "a-nabohjaelp", "count": 45}])
    case.do(h.record_reality_check, "2017-04-28", ["RealityCheckRecorded"], platform_id=nabo,
            date="2017-04-28",
            scores={"collaboration": 4, "resources": 3, "progress": 4, "influence_balance": 3},
            notes="Behov for flere aktører fra erhvervslivet")
    timer = h.flag_overdue_reality_checks(case.store, {"initiative_id": case.initiative_id},
                                          case.ctx("2017-08-01", SYSTEM))
    assert timer["events"] == ["RealityCheckOverdue"]
    case.seen.extend(timer["events"])
    walk = case.do(h.record_safety_walk, "2017-09-20",
                   ["ActivityHeld", "SafetyWalkFindingRecorded", "SafetyWalkFindingRecorded"],
                   date="2017-09-20", place="Villakvarter, Hjørring Øst", platform_id=nabo,
                   route=[[57.4641, 9.9872], [57.4655, 9.9920], [57.4662, 9.9951]],
                   attendance=[{"actor_id": "a-kommune", "count": 2}, {"actor_id": "a-bovendia", "count": 1},
                               {"actor_id": "a-nabohjaelp", "count": 9}],
                   findings=[{"point": [57.4650, 9.9901], "category": "vegetation",
                              "description": "Høje hække skjuler indgangspartier"},
                             {"point": [57.4660, 9.9940], "category": "pleasant_place"}])
    hedge = walk["finding_ids"][0]
    case.do(h.create_follow_up_action, "2017-09-25", ["FollowUpActionCreated"], finding_id=hedge,
            assigned_actor_id="a-bovendia", description="Klip hækkene ved indgangene", due_date="2017-11-01")
    case.do(h.resolve_finding, "2017-10-20", ["FindingResolved"], finding_id=hedge,
            resolution="Hækkene er klippet", date="2017-10-19")
    case.do(h.document_result, "2018-05-31", ["ResultDocumented"], platform_id=nabo, size="breakthrough",
            title="Flest Nabohjælp-husstande i Nordjyllands politikreds", date="2018-05-31",
            actor_ids=["a-nabohjaelp", "a-kommune"])
    case.do(h.document_result, "2018-06-10", ["ResultDocumented"], platform_id=byg, size="small",
            title="Undervisning af arkitekter i kriminalpræventivt design", date="2018-06-10",
            actor_ids=["a-xlbyg"])
    case.do(h.record_ripple_effect, "2019-01-31", ["RippleEffectRecorded"],
            title="Erfaringerne bruges i Bo Trygt",
            date="2019-01-31", evidence=[{"description": "Bo Trygt bygger videre på Hjørring",
                                          "reference": "https://botrygt.dk"}])
    case.do(h.adjust_goal, "2020-01-10", ["GoalAdjusted"], goal_id=burglaries,
            changes={"target_value": 80}, reason="Nabohjælp er udbredt hurtigere end ventet")
    case.do(h.record_measurement, "2021-01-15", ["GoalProgressRecorded"], goal_id=burglaries,
            date="2020-12-31", value=120)
    case.do(h.record_assessment, "2022-06-01", ["GoalProgressRecorded", "PlatformGoalReached"],
            goal_id=advice, date="2022-05-31", level=4,
            assessment="Undervisningskoncept i brug i byggemarkeder")
    reached = case.do(h.record_measurement, "2023-01-15", ["GoalProgressRecorded", "PlatformGoalReached"],
                      goal_id=burglaries, date="2022-12-31", value=70, note="70 anmeldelser i 2022")
    assert reached["met"] is True and reached["initiative"]["eligible_to_close"] is True
    assert (420 - 70) / 420 > 0.83
    assert case.store.events_of_type("PlatformGoalReached")[-1].data["eligible_to_close"] is True

    # Phase 7: closing — evaluation per platform, then the network.
    case.do(h.advance_phase, "2023-02-01", ["InitiativePhaseAdvanced"], to_phase="closing",
            reason="Alle udviklingsplatforme har nået deres mål")
    closed = case.do(h.close_initiative, "2023-03-01", ["InitiativeClosed"],
                     summary="Indbrud i beboelse faldt med over 83 % (70 anmeldelser i 2022)")
    assert closed["initiative"]["status"] == "closed"
    data = case.store.events_of_type("InitiativeClosed")[0].data
    assert data["override_used"] is False and data["breakthroughs_count"] == 1
    assert {e["platform_id"]: e["goals_reached"] for e in data["evaluation"]} == {nabo: True, byg: True}
    network = case.do(h.become_network, "2023-03-15", ["InitiativeBecameNetwork"],
                      network_name="Det Gode Naboskab", purpose="Samarbejdet fortsætter med flere temaer")
    assert network["initiative"]["status"] == "network"
    assert set(case.store.events_of_type("InitiativeBecameNetwork")[0].data["actor_ids"]) == set(ACTORS)

    required = {"InitiativeCreated", "InitiativePhaseAdvanced", "AnchorPersonAssigned", "PlatformEstablished",
                "GoalSet", "GoalAdjusted", "GoalProgressRecorded", "PlatformGoalReached", "ResultDocumented",
                "RippleEffectRecorded", "RealityCheckRecorded", "RealityCheckOverdue", "ActivityHeld",
                "SafetyWalkFindingRecorded", "FindingResolved", "InitiativeClosed", "InitiativeBecameNetwork"}
    assert required <= set(case.seen)
    assert [e.type for e in case.store.published] == case.seen
    for envelope in case.store.published:
        assert envelope.district == "nordjylland" and envelope.producer == "initiatives"
        assert envelope.data["initiative_id"] == case.initiative_id
        assert envelope.data["by"] and envelope.data["at"] == envelope.occurred_at
    view = q.stored_initiative_view(case.store, case.initiative_id)
    assert len(view["phase_history"]) == 6 and view["goals"][burglaries]["adjustments"][0]["reason"]
