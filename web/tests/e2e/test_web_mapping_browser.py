"""Phases 2-4 in a real browser (Fælles om Farum): the operator records the mapping's source
and problem statement, the analysis's direction and a potential actor, the dialogue with it
and an expectation alignment, and the gates of analysis, actor involvement and establishment
turn met on the checklist as the work is recorded; the report and the case catalogue then
count the mapping's sources and problem statements and the talks. Each page gets an axe-core
check and a screenshot (web/tests/screenshots/)."""
from __future__ import annotations

import re
import uuid

import pytest
from web_browser import arrive, sign_in

from tests.harness import wait_until

pytestmark = pytest.mark.e2e

OPERATOR = "operator.farum@politi.dk"
DISTRICT = "nordsjaelland"


@pytest.fixture
def web(shared_web):
    return shared_web


def started_in_mapping(system) -> str:
    """Fælles om Farum, started through the API and moved into mapping."""
    api = system.session(subject=OPERATOR, role="district_operator", district=DISTRICT)
    created = api.post(f"{system.url}/initiatives", timeout=10, json={
        "title": f"Fælles om Farum {uuid.uuid4().hex[:6]}", "district": DISTRICT,
        "themes": ["housing_area_safety"], "challenge": {"text": "Hashhandel og utryghed i Farum Midtpunkt"}})
    assert created.status_code == 201, created.text
    url = f"{system.url}/initiatives/{created.json()['initiative_id']}"
    assert api.put(f"{url}/anchor-person", timeout=10, json={
        "anchor_person": {"person_id": OPERATOR}}).status_code == 200
    assert api.post(f"{url}/phase-transitions", timeout=10, json={
        "to_phase": "mapping", "reason": "Arbejdsgruppen er klar"}).status_code == 200
    return created.json()["initiative_id"]


def gate(page) -> str:
    return page.locator("ul.checklist > li").first.get_attribute("class")


def go_on(page, initiative_url: str, to_phase: str) -> None:
    page.get_by_label("Hvorfor initiativet er klar til at gå videre").fill(f"Klar til {to_phase.lower()}")
    page.get_by_role("button", name=f"Gå videre til {to_phase}").click()
    arrive(page, re.escape(initiative_url))
    assert page.locator('ol.phases > li[aria-current="step"] .label').inner_text() == to_phase


def test_farums_mapping_analysis_and_talks_meet_the_gates_one_by_one(page, browser, web, shared_system, account):
    account(OPERATOR, "district_operator", DISTRICT)
    initiative_url = f"{web.url}/initiatives/{started_in_mapping(shared_system)}"
    sign_in(page, web.url, OPERATOR)
    page.goto(initiative_url)
    assert gate(page) == "unmet"

    page.get_by_role("button", name="Registrér kilden").click()
    arrive(page, re.escape(initiative_url) + "/mapping/sources")
    assert page.locator("#source-description-error").inner_text() == "Skal udfyldes."
    browser.check(page, "mapping-source-errors")
    page.locator("#source-kind").select_option("interview")
    page.locator("#source-gathered_by").fill("Boligsocial medarbejder")
    page.locator("#source-date").fill("2016-03-10")
    page.locator("#source-description").fill("Beboerne fortæller om hashhandel ved blok 5")
    page.get_by_role("button", name="Registrér kilden").click()
    arrive(page, re.escape(initiative_url))
    page.locator("#problem-statement").fill("Hashhandel gør beboerne utrygge")
    page.get_by_label(re.compile("^Interview, 2016-03-10")).check()
    page.get_by_role("button", name="Registrér problemstillingen").click()
    arrive(page, re.escape(initiative_url))
    assert gate(page) == "met"
    browser.check(page, "mapping-recorded")

    go_on(page, initiative_url, "Analysemodul")
    page.locator("#direction-direction").fill("Beboerne, boligselskabet og kommunen tager ejerskab")
    page.get_by_role("button", name="Gem retningen").click()
    arrive(page, re.escape(initiative_url))
    page.locator("#potential-name").fill("Furesø Boligselskab")
    page.locator("#potential-kind").select_option("housing_organisation")
    page.locator("#potential-why").fill("Ejer bebyggelsen")
    page.get_by_role("button", name="Tilføj den potentielle aktør").click()
    arrive(page, re.escape(initiative_url))
    assert gate(page) == "met"
    browser.check(page, "analysis-recorded")

    go_on(page, initiative_url, "Aktørinvolvering")
    assert gate(page) == "unmet"
    page.get_by_label("Status for dialogen med Furesø Boligselskab").select_option("in_dialogue")
    page.get_by_label("Hvad den kan bidrage med").fill("Lokaler og viceværter")
    page.get_by_role("button", name="Gem dialogen med Furesø Boligselskab").click()
    arrive(page, re.escape(initiative_url))
    assert "Furesø Boligselskab: I dialog" in page.locator("section[aria-labelledby=involvement-heading]").inner_text()
    page.locator("#alignment-agreed").fill("Boligselskabet stiller lokaler til rådighed")
    page.get_by_label("Furesø Boligselskab", exact=True).check()
    page.locator("#alignment-date").fill("2016-05-02")
    page.get_by_role("button", name="Registrér afstemningen").click()
    arrive(page, re.escape(initiative_url))
    assert gate(page) == "met"
    assert "Boligselskabet stiller lokaler til rådighed" in page.content()
    browser.check(page, "involvement-recorded")

    go_on(page, initiative_url, "Etablering")

    api = shared_system.session(subject=OPERATOR, role="district_operator", district=DISTRICT)
    report_url = f"{shared_system.url}/reports/initiatives/{initiative_url.rsplit('/', 1)[1]}"

    def reported() -> dict | None:
        answer = api.get(report_url, timeout=10)
        report = answer.json() if answer.status_code == 200 else {}
        return report if report.get("counts", {}).get("expectation_alignments") == 1 else None

    report = wait_until(reported, timeout=20, interval=0.2, message="the report counts phases 2-4")
    counts = report["counts"]
    assert (counts["sources"], counts["problem_statements"], counts["potential_actors_in_dialogue"]) == (1, 1, 1)
    catalogue = api.get(f"{shared_system.url}/reports/catalogue", timeout=10,
                        params={"format": "markdown", "district": DISTRICT}).text
    case = catalogue.split(f"\n## {report['title']}\n", 1)[1].split("\n## ", 1)[0]
    assert "- Kortlægning – kilder: 1, problemstillinger: 1" in case
    assert "- Analyse og aktørinvolvering – potentielle aktører: 1 (i dialog: 1); forventningsafstemninger: 1" in case
