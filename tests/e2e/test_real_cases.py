"""Two real cases of the police's case catalogue (seed 002) run through the gateway (issue 15),
each checked in what the reports and the case catalogue then show.

*Co-creation i Gullestrup* (Midt- og Vestjylland, 2014): the mapping found many willing
hands besides the social problems; through the analysis the working group defined the
challenge anew ("Hvordan kan vi gennem iværksætteri skabe et fælles bæredygtigt tredje for
Gullestrup?"). The revised challenge is reported with its earlier wording and the reason.

*IT-relateret økonomisk kriminalitet* (2015): grew into a national forum (FIT) with the 43
organisations the catalogue lists (scripts/case_catalogue.py). Led from Københavns Politi
with two participating districts and set national, it counts once in the national roll-up
and the catalogue, with its 43 actors; a participating district's operator reads it, one of
a district that does not take part is told it does not exist.

Projections are waited on with ``wait_until`` at short intervals (no sleeps)."""
from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from scripts.case_catalogue import CASES
from tests.harness import wait_until

pytestmark = pytest.mark.e2e

MIDT, CPH = "midt_og_vestjylland", "koebenhavn"
PARTICIPATING = ("nordjylland", "oestjylland")
EARLIER = "Sociale udfordringer, utryghed og kriminalitet i Gullestrup."
REVISED = "Hvordan kan vi gennem iværksætteri skabe et fælles bæredygtigt tredje for Gullestrup?"
WHY = "Analysen viste mange frivillige hænder og drivkraft til lokalt forankrede initiativer."
IT_CASE = next(case for case in CASES if case.title == "IT-relateret økonomisk kriminalitet")


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


def report_when(http, url: str, ready) -> dict:
    """The per-initiative report once ``ready(report)`` holds."""
    def attempt() -> dict | None:
        answer = http.get(url, timeout=10)
        report = answer.json() if answer.status_code == 200 else {}
        return report if report and ready(report) else None
    return wait_until(attempt, timeout=20, interval=0.2, message=f"{url} as expected")


def section_of(catalogue: str, title: str) -> str:
    """One initiative's section of a Markdown catalogue (its heading to the next one)."""
    assert catalogue.count(f"\n## {title}\n") == 1, f"{title} once in the catalogue"
    return catalogue.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_gullestrup_defines_its_challenge_through_the_analysis(system):
    api = system.session(subject="ank.gullestrup@politi.dk", role="district_operator", district=MIDT)
    initiative_id = ok(api.post(f"{system.url}/initiatives", timeout=10, json={
        "title": "Co-creation i Gullestrup", "district": MIDT, "municipalities": ["Herning"],
        "themes": ["jobs_and_inclusion", "housing_area_safety"], "challenge": {"text": EARLIER},
        "vision": "Et trygt Gullestrup, hvor lokale kræfter skaber job"}), 201)["initiative_id"]
    url = f"{system.url}/initiatives/{initiative_id}"
    ok(api.put(f"{url}/anchor-person", timeout=10, json={"anchor_person": {"person_id": "afc@politi.dk"}}))
    ok(api.post(f"{url}/phase-transitions", timeout=10, json={"to_phase": "mapping", "reason": "Gruppen er klar"}))
    source = ok(api.post(f"{url}/mapping/sources", timeout=10, json={
        "kind": "observation", "gathered_by": "Lokalpolitiet", "date": "2014-04-02",
        "description": "Cykelværkstedet samler beboere på tværs af alder, køn og baggrund"}), 201)
    ok(api.post(f"{url}/mapping/problem-statements", timeout=10, json={
        "statement": "58 % af lejerne står uden for arbejdsmarkedet",
        "source_ids": [source["source_id"]]}), 201)
    ok(api.post(f"{url}/phase-transitions", timeout=10, json={"to_phase": "analysis", "reason": "Kortlagt"}))
    ok(api.put(f"{url}/analysis/direction", timeout=10, json={"direction": "Erhvervsfremme gennem iværksætteri"}))
    revised = ok(api.put(f"{url}/challenge", timeout=10, json={
        "challenge": {"text": REVISED, "perspectives": [
            {"party": "Herning Kommune", "perspective": "Flere erhvervsmuligheder båret af iværksætteri"}]},
        "reason": WHY}))
    assert revised["events"] == ["ChallengeRevised"]
    assert ok(api.get(url, timeout=10))["challenge"]["text"] == REVISED

    report = report_when(api, f"{system.url}/reports/initiatives/{initiative_id}",
                         lambda r: r["challenge"] == REVISED and r["counts"].get("problem_statements") == 1)
    earlier = report["challenge_history"]
    assert [(c["previous_challenge"], c["reason"], c["phase"]) for c in earlier] == [(EARLIER, WHY, "analysis")]
    assert report["counts"]["sources"] == 1

    catalogue = api.get(f"{system.url}/reports/catalogue", params={"format": "markdown", "district": MIDT},
                        timeout=10).text
    case = section_of(catalogue, "Co-creation i Gullestrup")
    assert f"### Udfordring\n\n{REVISED}" in case
    changed = re.escape("ændret ") + r"\d{4}-\d\d-\d\d" + re.escape(f" i fasen Analysemodul: {WHY}")
    assert re.search(r"#### Tidligere formuleringer af udfordringen\n\n- “" + re.escape(EARLIER) + "” – "
                     + changed, case), case
    assert "Herning Kommune" in case and "- Kortlægning – kilder: 1, problemstillinger: 1" in case
    assert "- **Fase:** Analysemodul" in case and "- **Kommuner:** Herning" in case
    page = api.get(f"{system.url}/reports/catalogue", params={"format": "html", "lang": "en"}, timeout=10).text
    assert "<h4>Earlier wordings of the challenge</h4>" in page and "in the phase Analysis: " in page
    assert f"<p>{REVISED}</p>" in page


def _enrol(system, initiative_id: str, actors: list[tuple[str, str]]) -> list[str]:
    """Register ``actors`` (name, kind) in Copenhagen and enrol them, in four parallel lanes
    of requests (one session each)."""
    http = system.session(subject="op.cph@politi.dk", role="district_operator", district=CPH)
    members = f"{system.url}/initiatives/{initiative_id}/members"

    def register(name: str, kind: str) -> str:
        return ok(http.post(f"{system.url}/actors", timeout=10, json={
            "kind": kind, "name": name, "district": CPH}), 201)["actor_id"]

    first = register(*actors[0])

    def joined_first() -> bool:  # the actors service hears of the initiative from its event
        response = http.post(members, json={"actor_id": first}, timeout=10,
                             headers={"Idempotency-Key": uuid.uuid4().hex})
        assert response.status_code in (201, 403, 404), response.text
        return response.status_code == 201

    wait_until(joined_first, timeout=20, interval=0.2, message="the first organisation is enrolled")

    def lane(chunk: list[tuple[str, str]]) -> list[str]:
        session = system.session(subject="op.cph@politi.dk", role="district_operator", district=CPH)
        ids = []
        for name, kind in chunk:
            actor_id = ok(session.post(f"{system.url}/actors", timeout=10, json={
                "kind": kind, "name": name, "district": CPH}), 201)["actor_id"]
            ok(session.post(members, json={"actor_id": actor_id}, timeout=10), 201)
            ids.append(actor_id)
        return ids

    rest = actors[1:]
    with ThreadPoolExecutor(max_workers=4) as pool:
        lanes = list(pool.map(lane, [rest[n::4] for n in range(4)]))
    return [first, *(actor_id for ids in lanes for actor_id in ids)]


def test_it_related_financial_crime_is_national_with_its_43_organisations(system):
    assert len(IT_CASE.actors) == 43
    cph = system.session(subject="op.cph@politi.dk", role="district_operator", district=CPH)
    centre = system.session(role="national_centre", district=None, subject="nfc@politi.dk")
    north = system.session(role="district_operator", district="nordjylland", subject="op.nord@politi.dk")
    funen = system.session(role="district_operator", district="fyn", subject="op.fyn@politi.dk")
    initiative_id = ok(cph.post(f"{system.url}/initiatives", timeout=10, json={
        "title": IT_CASE.title, "district": CPH, "themes": list(IT_CASE.themes),
        "challenge": {"text": IT_CASE.challenge}}), 201)["initiative_id"]
    url = f"{system.url}/initiatives/{initiative_id}"
    for district in PARTICIPATING:
        ok(cph.put(f"{url}/participating-districts/{district}", timeout=10))
    scoped = ok(cph.put(f"{url}/scope", timeout=10, json={
        "scope": "national", "reason": "Forum mod IT-relateret økonomisk kriminalitet (FIT) er landsdækkende"}))
    assert scoped["events"] == ["InitiativeScopeSet"]
    enrolled = _enrol(system, initiative_id, list(IT_CASE.actors))
    assert len(set(enrolled)) == 43

    # a participating district's operator reads it; one of a district not taking part is
    # told it does not exist, in the initiatives service and in the reports alike
    assert ok(north.get(url, timeout=10))["title"] == IT_CASE.title
    assert funen.get(url, timeout=10).status_code == 404
    report = report_when(centre, f"{system.url}/reports/initiatives/{initiative_id}",
                         lambda r: len(r["actors"]["organisations"]) == 43 and r["scope"] == "national")
    assert report["districts"] == [CPH, *PARTICIPATING]
    assert sorted(o["name"] for o in report["actors"]["organisations"]) == sorted(n for n, _ in IT_CASE.actors)
    assert report_when(north, f"{system.url}/reports/initiatives/{initiative_id}",
                       lambda r: r["scope"] == "national")["title"] == IT_CASE.title
    assert funen.get(f"{system.url}/reports/initiatives/{initiative_id}", timeout=10).status_code == 404

    def rollup(http, **params) -> dict | None:
        figures = ok(http.get(f"{system.url}/reports/rollup", params=params, timeout=10))
        return figures if figures["by_scope"]["cells"].get("national", {}).get("value") == 1 else None

    national = wait_until(lambda: rollup(centre), timeout=20, interval=0.2, message="the national roll-up")
    assert national["by_district_and_phase"]["row_totals"][CPH]["value"] == 1, "counted once, under its lead"
    assert all(national["by_district_and_phase"]["row_totals"].get(d, {}).get("value", 0) == 0
               for d in PARTICIPATING)
    taking_part = wait_until(lambda: rollup(north, district="nordjylland"), timeout=20, interval=0.2,
                             message="the participating district's roll-up")
    assert (taking_part["initiatives"]["value"], taking_part["participating"]["value"]) == (1, 1)
    assert ok(funen.get(f"{system.url}/reports/rollup", params={"district": "fyn"},
                        timeout=10))["initiatives"]["value"] == 0

    catalogue = centre.get(f"{system.url}/reports/catalogue", params={"format": "markdown"}, timeout=10).text
    case = section_of(catalogue, IT_CASE.title)
    assert "- **Ledende politikreds:** Københavns Politi" in case and "- **Omfang:** National" in case
    assert "- **Deltagende politikredse:** Nordjyllands Politi, Østjyllands Politi" in case
    assert re.search(r"- I alt 43 organisationer \(Anden myndighed 7, Forening 6, Uddannelsesinstitution 1, "
                     r"Virksomhed 29\)", case), case
    listed = re.findall(r"^- .+ – (?:Anden myndighed|Forening|Uddannelsesinstitution|Virksomhed)$", case, re.M)
    assert len(listed) == 43
    assert IT_CASE.title in north.get(f"{system.url}/reports/catalogue", timeout=10,
                                      params={"format": "markdown", "district": "nordjylland"}).text
    assert IT_CASE.title not in funen.get(f"{system.url}/reports/catalogue", timeout=10,
                                          params={"format": "markdown"}).text
