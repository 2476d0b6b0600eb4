"""One initiative from start-up to closing and network, through the gateway only (HTTP).

Modelled on Hjørring – Fri for Indbrud (seed 002; 2015-2022): Nordjyllands Politi with
Hjørring Kommune, anchor person Jeanette Storm Nielsen, two students doing the mapping,
actors from the case's own list (SSP Hjørring, KN Låseteknik, XL-Byg, BoVendia,
University College Nordjylland), and its results: safety walks, citizen meetings,
Nabohjælp with the most households in the police district, teaching architects crime-
preventive design, the Bo Trygt! campaign reusing the experience, and burglaries in homes
down by more than 83 % to 70 reports in 2022. It then went on as Det Gode Naboskab (seed 001).

Every command's events are checked in the audit trail (GET /initiatives/<id>/history)
under the request id that caused them.
"""
from __future__ import annotations

import uuid

import pytest

from tests.harness import wait_until

pytestmark = pytest.mark.e2e

OPERATOR = {"role": "district_operator", "district": "nordjylland",
            "subject": "operator@nordjylland.politi.dk"}
ANCHOR = {"person_id": "jsn@politi.dk", "name": "Jeanette Storm Nielsen", "email": "jsn@politi.dk"}
ACTORS = {  # name -> (kind, development platforms joined with the joint platform)
    "Hjørring Kommune": ("municipality", ("pr", "walks")),
    "SSP Hjørring": ("other_authority", ("walks",)),
    "BoVendia": ("housing_organisation", ("walks",)),
    "KN Låseteknik": ("business", ("stores",)),
    "University College Nordjylland": ("educational_institution", ("stores",)),
    "XL-Byg": ("business", ()),
}
PLATFORMS = {
    "pr": ("PR-platform", "Dialog med borgere og presse om at forebygge indbrud",
           "Få borgere kender deres muligheder for at gøre hjemmet mindre attraktivt for tyve."),
    "walks": ("Tryghedsvandringer og Nabohjælp", "Færre indbrud i villakvartererne",
              "Omkring 420 anmeldte indbrud i beboelse om året i Hjørring Kommune."),
    "stores": ("Byggemarkeder og arkitekter", "Rådgivning om indbrudssikring og kriminalpræventivt design",
               "Byggemarkedernes medarbejdere har ingen fælles viden om indbrudssikring."),
}
GOALS = {
    "walks": {"goal_type": "quantitative", "title": "Færre indbrud i beboelse",
              "indicator": "Anmeldte indbrud i beboelse pr. år", "unit": "anmeldelser",
              "baseline_value": 420, "target_value": 100, "direction": "down"},
    "pr": {"goal_type": "qualitative", "title": "Borgerne kender til indbrudsforebyggelse", "target_level": 4},
    "stores": {"goal_type": "qualitative", "target_level": 4,
               "title": "Byggemarkedernes medarbejdere rådgiver om indbrudssikring"},
}
RESULTS = (  # platform, size, title, the actor involved
    ("walks", "breakthrough", "Flest tilmeldte Nabohjælp-husstande i Nordjyllands politikreds",
     "Hjørring Kommune"),
    ("stores", "small", "Arkitekter undervist i kriminalpræventivt design", "University College Nordjylland"),
    ("pr", "small", "Dialog med borgerne ved Naturmødet, Sindal Marked og Dana Cup", "Hjørring Kommune"),
)


class Journey:
    """Commands through the gateway as one caller; after each, the audit trail must hold
    exactly the events the command reported, under the command's request id."""

    def __init__(self, system, **token) -> None:
        self.system = system
        self.http = system.session(**token)
        self.initiative_id = ""
        self.seen = 0
        self.platform: dict[str, str] = {}
        self.actor: dict[str, str] = {}
        self.goal: dict[str, str] = {}

    def act_as(self, **token) -> None:
        self.http = self.system.session(**token)

    def path(self, suffix: str = "") -> str:
        return f"{self.system.url}/initiatives/{self.initiative_id}{suffix}"

    def send(self, method: str, url: str, body: dict, expect: list[str], status: int = 200,
             headers: dict | None = None):
        request_id = f"req-{uuid.uuid4()}"
        response = self.http.request(method, url, json=body,
                                     headers={"X-Request-Id": request_id, **(headers or {})})
        assert response.status_code == status, response.text
        self.initiative_id = self.initiative_id or response.json()["initiative_id"]
        assert response.json()["events"] == expect
        new = wait_until(lambda: self._new_events(len(expect)), timeout=10,
                         message=f"{expect} in the audit trail")
        # Events of one command share occurred_at; the trail orders those by event id.
        assert sorted(e["type"] for e in new) == sorted(expect)
        assert {e["correlation_id"] for e in new} == {request_id}
        self.seen += len(expect)
        return response

    def command(self, method: str, suffix: str, body: dict, *expect: str, **kwargs) -> dict:
        return self.send(method, self.path(suffix), body, list(expect), **kwargs).json()

    def history(self) -> list[dict]:
        items, params = [], {"limit": 100}
        while True:
            page = self.http.get(self.path("/history"), params=params).json()
            items += page["items"]
            if not page["next_cursor"]:
                return items
            params["cursor"] = page["next_cursor"]

    def _new_events(self, count: int) -> list[dict] | None:
        items = self.history()
        return items[self.seen:] if len(items) >= self.seen + count else None

    def view(self) -> dict:
        return self.http.get(self.path()).json()

    def members(self) -> dict[str, set[str]]:
        return {pid: set(p["members"]) for pid, p in self.view()["platforms"].items()}

    def join(self, suffix: str, body: dict) -> dict:
        """Join through the actors service, which learns of the initiative and its
        platforms from events: until it has, the answer is 403 or 404."""
        def attempt():
            response = self.http.post(self.path(suffix), json=body)
            if response.status_code in (403, 404):
                return None
            assert response.status_code == 201, response.text
            return response.json()
        return wait_until(attempt, timeout=20, interval=0.2, message=f"joining {suffix}")


def start_up(j: Journey) -> None:
    """Phases 1-4, with If-Match on the anchor person and a stale ETag refused."""
    created = j.send("POST", f"{j.system.url}/initiatives", {
        "title": "Hjørring – Fri for Indbrud", "themes": ["burglary_prevention"],
        "district": "nordjylland", "municipalities": ["Hjørring"],
        "challenge": {"text": "Markant stigning i indbrud i private hjem nord for Limfjorden.",
                      "perspectives": [{"party": "Nordjyllands Politi",
                                        "perspective": "Indbrud gør borgerne mest utrygge."},
                                       {"party": "Hjørring Kommune",
                                        "perspective": "Borgerne skal kende deres muligheder."}]},
        "co_owners": [{"kind": "municipality", "name": "Hjørring"}],
        "vision": "Hjørring bliver den mest indbrudssikre kommune i Danmark.",
    }, ["InitiativeCreated"], status=201)
    assert created.headers["ETag"] == 'W/"1"'
    anchored = j.send("PUT", j.path("/anchor-person"), {"anchor_person": ANCHOR}, ["AnchorPersonAssigned"],
                      headers={"If-Match": created.headers["ETag"]})
    assert anchored.headers["ETag"] == 'W/"2"'
    students = {"add": [{"person_id": f"studerende-{n}", "role": "kortlægning (praktikant)"} for n in (1, 2)]}
    stale = j.http.patch(j.path("/working-group"), json=students, headers={"If-Match": created.headers["ETag"]})
    assert stale.status_code == 412, stale.text  # RFC 9110 (gateway/problems.py), not 409
    assert stale.headers["Content-Type"] == "application/problem+json"
    assert stale.json()["code"] == "version.precondition_failed"
    assert j.view()["working_group"] == [] and len(j.history()) == j.seen

    j.command("PATCH", "/working-group", students, "WorkingGroupChanged",
              headers={"If-Match": anchored.headers["ETag"]})
    advance(j, "mapping", "Ankerperson udpeget; to studerende kortlægger")
    source = j.command("POST", "/mapping/sources", {
        "kind": "interview", "gathered_by": "To studerende", "date": "2015-10-28",
        "description": "Interviews med borgere i villakvartererne"}, "MappingSourceRecorded", status=201)
    statement = j.command("POST", "/mapping/problem-statements", {
        "statement": "Borgerne kender ikke de enkle råd mod indbrud", "source_ids": [source["source_id"]]},
        "ProblemStatementRecorded", status=201)
    advance(j, "analysis", "Kortlægningen er præsenteret for arbejdsgruppen")
    j.command("PUT", "/analysis/direction", {
        "direction": "Borgere, kommune og erhverv gør sammen Hjørring indbrudssikker",
        "problem_statement_ids": [statement["problem_statement_id"]]}, "AnalysisDirectionChosen")
    kommune = j.command("POST", "/analysis/potential-actors", {
        "name": "Hjørring Kommune", "kind": "municipality", "why": "Har kanalerne til borgerne"},
        "PotentialActorIdentified", status=201)["potential_actor_id"]
    advance(j, "actor_involvement", "Retning valgt: borgere, kommune og erhverv")
    j.command("PUT", f"/analysis/potential-actors/{kommune}/dialogue", {
        "dialogue_status": "in_dialogue", "would_bring": "Kanaler til borgerne",
        "would_gain": "Tryggere borgere"}, "PotentialActorDialogueUpdated")
    advance(j, "establishment", "Aktørerne vil være med")


def advance(j: Journey, phase: str, reason: str) -> None:
    j.command("POST", "/phase-transitions", {"to_phase": phase, "reason": reason}, "InitiativePhaseAdvanced")


def establish(j: Journey) -> None:
    """Phase 5: three development platforms with their baselines; the actors join."""
    for key, (name, focus, baseline) in PLATFORMS.items():
        j.platform[key] = j.command("POST", "/platforms", {"name": name, "focus_area": focus},
                                    "PlatformEstablished", status=201)["platform_id"]
        j.command("PUT", "/baseline", {"platform_id": j.platform[key], "description": baseline,
                                       "date": "2015-12-31"}, "BaselineDescribed")
    for name, (kind, platforms) in ACTORS.items():
        registered = j.http.post(f"{j.system.url}/actors", json={
            "kind": kind, "name": name, "district": "nordjylland", "municipality": "Hjørring"})
        assert registered.status_code == 201, registered.text
        j.actor[name] = registered.json()["actor_id"]
        j.join("/members", {"actor_id": j.actor[name], "platform_ids": [j.platform[k] for k in platforms]})
    j.join(f"/platforms/{j.platform['stores']}/members", {"actor_id": j.actor["XL-Byg"],
                                                          "role": "platform_lead"})
    expected = {j.platform[k]: {j.actor[n] for n, (_, keys) in ACTORS.items() if k in keys}
                for k in PLATFORMS}
    expected[j.platform["stores"]].add(j.actor["XL-Byg"])
    wait_until(lambda: j.members() == expected, timeout=15,
               message="platform members copied from the actors' events")


def develop(j: Journey) -> None:
    """Phase 6, by the anchor person: goals, reality checks, citizen involvement, the value
    journal, and every platform reaching its goals."""
    for key, spec in GOALS.items():
        j.goal[key] = j.command("POST", "/goals", {"platform_id": j.platform[key], "kind": "effect", **spec},
                                "GoalSet", status=201)["goal_id"]
    j.command("POST", "/phase-transitions", {"to_phase": "co_creative_development",
                                             "reason": "Platformene har sat deres mål"}, "InitiativePhaseAdvanced")
    walks, actor = j.platform["walks"], j.actor
    j.command("PUT", f"/platforms/{walks}/reality-check-schedule", {"interval_days": 90}, "RealityCheckScheduled")
    j.command("POST", f"/platforms/{walks}/reality-checks", {
        "date": "2018-04-10", "scores": {"collaboration": 4, "influence_balance": 3},
        "notes": "Styregruppen fylder; hold øje med aktørerne uden for den."}, "RealityCheckRecorded", status=201)
    j.command("POST", "/citizen-meetings", {
        "title": "Borgermøde om forebyggelse af indbrud", "date": "2017-03-01", "place": "Hjørring",
        "attendance": [{"actor_id": actor["Hjørring Kommune"], "count": 2}]}, "ActivityHeld", status=201)
    walk = j.command("POST", "/safety-walks", {
        "platform_id": walks, "date": "2017-09-20", "place": "Villakvarter i Hjørring",
        "route": [[57.4641, 9.9872], [57.4655, 9.9920]],
        "attendance": [{"actor_id": actor["SSP Hjørring"], "count": 2}, {"actor_id": actor["BoVendia"], "count": 3}],
        "findings": [{"point": [57.4650, 9.9901], "category": "vegetation",
                      "description": "Tilgroede hække skjuler indgangen til husene."}]},
        "ActivityHeld", "SafetyWalkFindingRecorded", status=201)
    [finding] = walk["finding_ids"]
    j.command("POST", f"/findings/{finding}/follow-up-actions", {
        "assigned_actor_id": actor["BoVendia"], "description": "Beskær hækkene ved stien"},
        "FollowUpActionCreated", status=201)
    j.command("POST", f"/findings/{finding}/resolution", {"resolution": "Hækkene er beskåret", "date": "2017-10-15"},
              "FindingResolved")
    for key, size, title, who in RESULTS:
        j.command("POST", "/results", {"platform_id": j.platform[key], "size": size, "title": title,
                                       "date": "2019-05-31", "actor_ids": [actor[who]]}, "ResultDocumented", status=201)
    j.command("POST", "/ripple-effects", {
        "title": "Erfaringerne indgår i den nationale kampagne Bo Trygt!", "date": "2020-01-31",
        "evidence": [{"description": "TrygFonden, Realdania, DKR og Bolius står bag Bo Trygt!"}]},
        "RippleEffectRecorded", status=201)
    j.command("PATCH", f"/goals/{j.goal['walks']}", {
        "changes": {"target_value": 80}, "reason": "Nabohjælp er udbredt hurtigere end ventet"}, "GoalAdjusted")
    j.command("POST", f"/goals/{j.goal['walks']}/measurements", {"date": "2022-12-31", "value": 70},
              "GoalProgressRecorded", "PlatformGoalReached", status=201)
    for key in ("pr", "stores"):
        j.command("POST", f"/goals/{j.goal[key]}/assessments", {
            "date": "2022-12-31", "level": 4, "assessment": "Vurderet i arbejdsgruppen og på platformen"},
            "GoalProgressRecorded", "PlatformGoalReached", status=201)
    assert j.view()["eligible_to_close"] is True


def close_as_network(j: Journey) -> None:
    """Phase 7 without an override, then the actors go on as Det Gode Naboskab."""
    j.command("POST", "/phase-transitions", {"to_phase": "closing",
                                             "reason": "Alle udviklingsplatforme har nået målene"},
              "InitiativePhaseAdvanced")
    closed = j.command("POST", "/closure", {"summary": "Indbrud i beboelse faldt med over 83 %; "
                                                       "70 anmeldelser i 2022."}, "InitiativeClosed")
    assert closed["initiative"]["status"] == "closed"
    network = j.command("POST", "/network", {"network_name": "Det Gode Naboskab",
                                             "purpose": "Samarbejdet udvides til flere temaer."},
                        "InitiativeBecameNetwork")
    assert network["initiative"]["status"] == "network"


def test_hjoerring_fri_for_indbrud_from_start_up_to_network(system):
    j = Journey(system, **OPERATOR)
    start_up(j)
    establish(j)
    j.act_as(role="anchor_person", district="nordjylland", subject="jsn@politi.dk",
             initiatives=(j.initiative_id,))
    develop(j)
    ucn, stores = j.actor["University College Nordjylland"], j.platform["stores"]
    left = j.http.post(j.path(f"/platforms/{stores}/members/{ucn}/leave"),
                       json={"reason_code": "goal_reached", "reason": "Undervisningen er gennemført"})
    assert left.status_code == 200, left.text
    wait_until(lambda: ucn not in j.members()[stores], timeout=15, message="UCN left its platform")
    close_as_network(j)

    history = j.history()
    assert len(history) == j.seen
    trail = {e["type"]: e["data"] for e in history}
    assert trail["InitiativeClosed"]["override_used"] is False
    assert all(p["goals_reached"] for p in trail["InitiativeClosed"]["evaluation"])
    assert (trail["InitiativeClosed"]["results_count"], trail["InitiativeClosed"]["breakthroughs_count"]) == (3, 1)
    assert trail["InitiativeBecameNetwork"]["actor_ids"] == sorted(j.actor.values())

    def reported() -> dict | None:
        response = j.http.get(f"{system.url}/reports/initiatives/{j.initiative_id}")
        return response.json() if response.ok and response.json().get("status") == "network" else None

    report = wait_until(reported, timeout=15, message="reporting shows the network")
    assert report["phase"] == "closing" and report["network"]["name"] == "Det Gode Naboskab"
    assert report["closure_summary"].startswith("Indbrud i beboelse faldt med over 83 %")
    assert {k: report["counts"][k] for k in ("sources", "problem_statements", "potential_actors",
                                             "potential_actors_in_dialogue")} == {
        "sources": 1, "problem_statements": 1, "potential_actors": 1, "potential_actors_in_dialogue": 1}


def test_who_may_read_and_change_it_through_the_gateway(system):
    j = Journey(system, **OPERATOR)
    j.send("POST", f"{system.url}/initiatives", {
        "title": "Hjørring – Fri for Indbrud", "themes": ["burglary_prevention"], "district": "nordjylland",
        "challenge": {"text": "Mange indbrud i private hjem."}}, ["InitiativeCreated"], status=201)
    body = {"anchor_person": ANCHOR}
    fyn = system.session(role="district_operator", district="fyn", subject="operator@fyn.politi.dk")
    centre = system.session(role="national_centre", district=None, subject="nfc@politi.dk")
    assert fyn.get(j.path()).status_code == 404, "another district's initiative is not found"
    assert fyn.put(j.path("/anchor-person"), json=body).json()["code"] == "initiative.not_found"
    assert centre.get(j.path()).status_code == 200
    refused = centre.put(j.path("/anchor-person"), json=body)
    assert refused.status_code == 403 and refused.headers["Content-Type"] == "application/problem+json"
    assert len(j.history()) == j.seen == 1
    j.act_as(role="anchor_person", district="nordjylland", subject="jsn@politi.dk",
             initiatives=(j.initiative_id,))
    j.command("PUT", "/anchor-person", body, "AnchorPersonAssigned")
