"""Every command over RPC, through the store and the outbox relay to RabbitMQ: the events
each emits, in order, in envelopes that carry the caller's correlation id, the district
and the event's schema version. The story is Hjørring – Fri for Indbrud (seed 002)."""
from __future__ import annotations

import uuid

import pytest
from initiatives_rig import ANCHOR, HJOERRING, OPERATOR, types

from samskab_infra.event_types import REGISTRY
from tests.harness import wait_until

pytestmark = pytest.mark.integration

WALK = {"date": "2018-09-20", "place": "Hjørring Øst", "title": "Tryghedsvandring i villakvarteret",
        "route": [[57.4641, 9.9872], [57.4655, 9.9920]],
        "findings": [{"point": [57.4650, 9.9901], "category": "missing_lighting",
                      "description": "Mørk sti bag carportene."}]}


class Story:
    """Runs commands as the operator, each with its own correlation id, and checks the
    envelopes each one published."""

    def __init__(self, operator, tap) -> None:
        self.operator, self.tap = operator, tap
        self.initiative_id = ""
        self.commands = 0
        self.published: list[dict] = []

    def run(self, command: str, expect: list[str], **payload) -> dict:
        if self.initiative_id:
            payload = {"initiative_id": self.initiative_id, **payload}
        correlation_id = f"req-{uuid.uuid4()}"
        result = self.operator.execute(command, payload, correlation_id=correlation_id)
        self.initiative_id = self.initiative_id or result["initiative_id"]
        self.commands += 1
        envelopes = self.tap.take(len(expect))
        assert types(envelopes) == expect, command
        assert result["events"] == expect
        for envelope in envelopes:
            assert envelope["correlation_id"] == correlation_id
            assert envelope["causation_id"] is None
            assert envelope["district"] == "nordjylland" and envelope["producer"] == "initiatives"
            assert envelope["version"] == REGISTRY[envelope["type"]].version == 1
            assert envelope["data"]["initiative_id"] == self.initiative_id
            assert envelope["data"]["by"] == OPERATOR.subject
            assert envelope["data"]["at"] == envelope["occurred_at"]
        assert result["initiative"]["version"] == self.commands
        self.published += envelopes
        return result


def test_each_command_publishes_its_events_in_order_with_lineage(operator, tap, store):
    story = Story(operator, tap)
    story.run("create_initiative", ["InitiativeCreated"], **HJOERRING)
    story.run("assign_anchor_person", ["AnchorPersonAssigned"], anchor_person=ANCHOR)
    story.run("set_working_group", ["WorkingGroupChanged"],
              add=[{"person_id": "lokalpoliti@politi.dk", "role": "lokalbetjent"}])
    story.run("advance_phase", ["InitiativePhaseAdvanced"], to_phase="mapping", reason="klar")
    source_id = story.run("record_mapping_source", ["MappingSourceRecorded"], kind="interview",
                          gathered_by="To studerende", date="2015-10-28",
                          description="Interviews med borgere i villakvartererne")["source_id"]
    story.run("record_problem_statement", ["ProblemStatementRecorded"],
              statement="Borgerne kender ikke de enkle råd mod indbrud", source_ids=[source_id])
    story.run("summarise_mapping", ["MappingSummarised"], summary="Indbrud rammer villakvartererne")
    story.run("advance_phase", ["InitiativePhaseAdvanced"], to_phase="analysis", reason="kortlagt")
    story.run("choose_direction", ["AnalysisDirectionChosen"], direction="Borgere, kommune og erhverv")
    kommune = story.run("identify_potential_actor", ["PotentialActorIdentified"], name="Hjørring Kommune",
                        kind="municipality", why="Har kanalerne til borgerne")["potential_actor_id"]
    story.run("advance_phase", ["InitiativePhaseAdvanced"], to_phase="actor_involvement", reason="retning valgt")
    story.run("update_dialogue", ["PotentialActorDialogueUpdated"], potential_actor_id=kommune,
              dialogue_status="in_dialogue", would_bring="Kanaler til borgerne")
    story.run("align_expectations", ["ExpectationsAligned"], agreed="Kommunen er medejer",
              potential_actor_ids=[kommune], date="2016-05-02")
    story.run("advance_phase", ["InitiativePhaseAdvanced"], to_phase="establishment", reason="med")
    story.run("revise_challenge", ["ChallengeRevised"], reason="analysen pegede på villakvartererne",
              challenge={"text": "Indbrud i villakvarterer i Hjørring Kommune."})
    story.run("pause_initiative", ["InitiativePaused"], reason="afventer kommunens budget")
    story.run("resume_initiative", ["InitiativeResumed"], note="budgettet er vedtaget")
    story.run("revise_initiative", ["InitiativeRevised"], focus_area="Hjørring by", reason="fokus")
    story.run("add_participating_district", ["ParticipatingDistrictAdded"], participating_district="fyn")
    story.run("set_scope", ["InitiativeScopeSet"], scope="national", reason="et nationalt forum")
    story.run("remove_participating_district", ["ParticipatingDistrictRemoved"], participating_district="fyn")
    platform_id = story.run("establish_platform", ["PlatformEstablished"],
                            name="Nabohjælp og tryghedsvandringer",
                            focus_area="Flere husstande i Nabohjælp")["platform_id"]
    story.run("assign_platform_lead", ["PlatformLeadAssigned"], platform_id=platform_id,
              lead={"person_id": "nabo@hjoerring.dk", "name": "Nabohjælps tovholder"})
    story.run("assign_coordinator", ["CoordinatorAssigned"],
              coordinator={"person_id": "ssp@hjoerring.dk", "name": "SSP Hjørring"})
    story.run("set_baseline", ["BaselineDescribed"], platform_id=platform_id,
              description="420 anmeldte indbrud i beboelse i 2016", date="2016-12-31")
    story.run("assign_deputy_anchor_person", ["DeputyAnchorPersonAssigned"],
              deputy={"person_id": "stedfortraeder@politi.dk", "name": "Stedfortræderen"}, reason="barsel")
    story.run("set_governance_group", ["GovernanceGroupSet"], group="steering_group",
              members=[{"name": "Politiinspektøren", "organisation": "Nordjyllands Politi"}])
    story.run("describe_anchoring", ["AnchoringDescribed"], anchoring="Lokalrådet i Hjørring")
    story.run("record_funding", ["FundingRecorded"], source="EU-puljen", amount_kr=250000, co_financing=True)
    story.run("record_time_contribution", ["TimeContributed"], organisation="Hjørring Kommune", hours=40,
              period_start="2017-01-01", period_end="2017-03-31")
    goal_id = story.run("set_goal", ["GoalSet"], platform_id=platform_id, kind="effect",
                        goal_type="quantitative", title="Færre indbrud i beboelse",
                        indicator="Anmeldte indbrud pr. år", unit="anmeldelser",
                        baseline_value=420, target_value=100, direction="down")["goal_id"]
    story.run("advance_phase", ["InitiativePhaseAdvanced"], to_phase="co_creative_development",
              reason="platformen er etableret")
    story.run("adjust_goal", ["GoalAdjusted"], goal_id=goal_id, changes={"target_value": 80},
              reason="Nabohjælp er udbredt hurtigere end ventet")
    story.run("schedule_reality_checks", ["RealityCheckScheduled"], platform_id=platform_id,
              interval_days=90)
    story.run("record_reality_check", ["RealityCheckRecorded"], platform_id=platform_id,
              date="2018-04-10", scores={"collaboration": 4, "progress": 3})
    story.run("hold_citizen_meeting", ["ActivityHeld"], date="2017-03-01", place="Hjørring Rådhus",
              title="Borgermøde om indbrudsforebyggelse")
    walk = story.run("record_safety_walk", ["ActivityHeld", "SafetyWalkFindingRecorded"],
                     platform_id=platform_id, **WALK)
    [finding_id] = walk["finding_ids"]
    story.run("create_follow_up_action", ["FollowUpActionCreated"], finding_id=finding_id,
              assigned_actor_id="hjoerring-kommune", description="Opsæt belysning på stien")
    story.run("resolve_finding", ["FindingResolved"], finding_id=finding_id,
              resolution="Tre nye lamper er sat op", date="2018-11-19")
    story.run("document_result", ["ResultDocumented"], platform_id=platform_id, size="breakthrough",
              title="Flest Nabohjælp-husstande i Nordjyllands politikreds", date="2019-05-31")
    story.run("record_ripple_effect", ["RippleEffectRecorded"], date="2020-01-31",
              title="Erfaringerne bruges i den nationale kampagne Bo Trygt!",
              evidence=[{"description": "Bo Trygt! henviser til Hjørring"}])
    measure = {"goal_id": goal_id}
    story.run("record_measurement", ["GoalProgressRecorded", "PlatformGoalReached"], **measure,
              date="2021-12-31", value=75)
    story.run("record_measurement", ["GoalProgressRecorded", "PlatformGoalUnmet"], **measure,
              date="2022-06-30", value=95)
    story.run("record_measurement", ["GoalProgressRecorded", "PlatformGoalReached"], **measure,
              date="2022-12-31", value=70)
    story.run("advance_phase", ["InitiativePhaseAdvanced"], to_phase="closing",
              reason="alle platforme har nået deres mål")
    closed = story.run("close_initiative", ["InitiativeClosed"],
                       summary="Indbrud i beboelse faldt med over 83 %")
    assert closed["initiative"]["status"] == "closed"
    story.run("become_network", ["InitiativeBecameNetwork"], network_name="Det Gode Naboskab")
    story.run("record_activity", ["ActivityRecorded"], kind="network_meeting", date="2023-04-12",
              place="Hjørring Bibliotek", citizens_count=14, target_groups=["residents"])
    idea = story.run("hand_over_idea", ["IdeaHandedOver"], idea="Nabohjælp-skilte i sommerhusområderne",
                     recipient_name="Hjørring Kommune", date="2023-05-01")
    story.run("record_idea_outcome", ["IdeaOutcomeRecorded"], idea_id=idea["idea_id"],
              outcome="Kommunen satte skilte op i 2024")
    story.run("record_lesson", ["LessonRecorded"], kind="learned", about_phase="mapping",
              text="Studerende kan kortlægge, når politiet står for rammen")
    story.run("record_partner_quote", ["PartnerQuoteRecorded"], quote="Vi er blevet bedre naboer",
              organisation="Hjørring Kommune", role="Kommunaldirektør", date="2022-12-01")
    story.run("link_inspiration", ["InitiativeInspirationLinked"], inspired_by_initiative_id="et-andet-initiativ",
              title="Nabohjælp i Gentofte")

    doc = store.get(story.initiative_id)
    assert doc["status"] == "network" and doc["version"] == story.commands
    produced = {name for name, cls in REGISTRY.items() if getattr(cls, "producer", "") == "initiatives"}
    # the timer's own test; a proposal needs an actor taking part (tests/e2e/test_goals_and_governance.py)
    assert produced - set(types(story.published)) == {"RealityCheckOverdue", "ProposalRecorded"}
    published = sorted(e["event_id"] for e in story.published)
    wait_until(lambda: sorted(e["event_id"] for e in operator.query(
        "initiative_history", {"initiative_id": story.initiative_id})["items"]) == published,
        message="the audit trail holds every published event")
    assert tap.quiet() == []
