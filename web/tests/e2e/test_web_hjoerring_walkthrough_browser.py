"""Hjørring – Fri for Indbrud, walked through the pages from start to network, as its people
would: Nordjylland's district operator signs in, starts the initiative, appoints the anchor
person and enrols the municipality and a residents' association (registered in the district);
a step the gate refuses says why and stores nothing; the anchor person signs in and takes it
through all seven phases (the platform gate refusing first): the mapping's source and
problem statement, the analysis's direction and a potential actor, the dialogue with it, a
development platform with a member and its baseline, an effect goal with two measurements that reach its target,
a reality check, a safety walk with a finding and its follow-up action, a result and a ripple
effect (ringe i vandet); closing and going on as a network. The national knowledge centre then
finds it in the national figures and the case catalogue, and an operator of another district
gets "Ikke fundet". Every page gets an axe-core check and a screenshot (hjoerring-*.png)."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from web_browser import arrive, sign_in, until, until_shown

from tests.system import System

pytestmark = pytest.mark.e2e

DISTRICT = "nordjylland"
TODAY = datetime.now(UTC).date()


@pytest.fixture
def web(shared_web):
    return shared_web


def phase_now(page) -> str:
    return page.locator('ol.phases > li[aria-current="step"] .label').inner_text()


def go_on(page, to_phase: str, reason: str) -> None:
    """The next phase's form: a reason, and the decision to go on anyway only where a gate asks."""
    page.get_by_label("Hvorfor initiativet er klar til at gå videre").fill(reason)
    page.get_by_role("button", name=f"Gå videre til {to_phase}").click()
    until(lambda: phase_now(page) == to_phase, f"the initiative is in {to_phase}")


def initiatives_in_the_country(system: System, national: str) -> int:
    answer = system.session(subject=national, role="national_centre", district=None).get(
        f"{system.url}/reports/rollup", timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["initiatives"]["value"]


def registered(system: System, operator: str, kind: str, name: str) -> None:
    """An organisation in the district's register (the district pages' own test registers
    through the form)."""
    answer = system.session(subject=operator, role="district_operator", district=DISTRICT).post(
        f"{system.url}/actors", timeout=10, json={"kind": kind, "name": name, "district": DISTRICT})
    assert answer.status_code == 201, answer.text


def test_hjoerring_fri_for_indbrud_from_start_to_network_through_the_pages(page, browser, web, shared_system,
                                                                          account):
    suffix = uuid.uuid4().hex[:6]
    title = f"Hjørring – Fri for Indbrud {suffix}"
    operator = account(f"operator.hjoerring.{suffix}@politi.dk", "district_operator", DISTRICT)
    anchor = account(f"anker.hjoerring.{suffix}@politi.dk")
    national = account(f"videnscenter.{suffix}@politi.dk", "national_centre")
    stranger = account(f"operator.fyn.{suffix}@politi.dk", "district_operator", "fyn")
    kommune, forening = f"Hjørring Kommune {suffix}", f"Grundejerforeningen Nordvest {suffix}"
    registered(shared_system, operator, "municipality", kommune)
    registered(shared_system, operator, "association", forening)
    before = initiatives_in_the_country(shared_system, national)

    # -- the district operator starts it, appoints the anchor person, enrols two actors --------
    sign_in(page, web.url, operator)
    page.get_by_role("link", name="Start et initiativ").click()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Den fælles udfordring").fill(
        "Mange indbrud i villakvartererne; borgere, kommune og politi ser hver deres del af problemet.")
    page.get_by_label("Indbrudsforebyggelse").check()
    page.get_by_label("Kommuner (adskilt med komma)").fill("Hjørring")
    page.get_by_role("button", name="Start initiativet").click()
    arrive(page, re.escape(web.url) + r"/initiatives/(?!new$)[^/#]+")
    workspace = page.url
    assert phase_now(page) == "Opstart"
    gate = page.locator("ul.checklist > li")
    assert gate.first.get_attribute("class") == "unmet"
    assert "Udpeg en ankerperson før kortlægning" in gate.first.inner_text()
    page.get_by_label("Hvorfor initiativet er klar til at gå videre").fill("Vi vil i gang")
    page.get_by_role("button", name="Gå videre til Kortlægning").click()
    arrive(page, re.escape(workspace) + "/phase")
    assert page.locator("#phase-refusal").inner_text() == "Udpeg en ankerperson før kortlægning"
    assert phase_now(page) == "Opstart", "a refused step stores nothing"
    browser.check(page, "hjoerring-gate-refused")
    page.locator("#anchor-person_id").fill(anchor)
    page.locator("#anchor-name").fill("Lone Ankersen")
    page.get_by_role("button", name="Udpeg ankerperson").click()
    arrive(page, re.escape(workspace))
    assert f"Lone Ankersen ({anchor})" in page.locator("section[aria-labelledby=anchor-heading]").inner_text()
    # the actors service hears of the new initiative from its event, moments later: its
    # contact directory answers once it knows it (only then can actors be enrolled)
    contacts = shared_system.session(subject=operator, role="district_operator", district=DISTRICT)
    initiative_id = workspace.rsplit("/", 1)[1]
    until(lambda: contacts.get(f"{shared_system.url}/initiatives/{initiative_id}/contacts", timeout=10).status_code
          == 200, "the actors service knows the initiative")
    for name, kind in ((kommune, "Kommune"), (forening, "Forening")):
        page.get_by_role("link", name="Optag en aktør fra politikredsen").click()
        arrive(page, re.escape(workspace) + "/members/new")
        until_shown(page, page.locator("#enrol-actor_id option", has_text=name), f"{name} to choose")
        if name == kommune:
            browser.check(page, "hjoerring-enrol")
        page.locator("#enrol-actor_id").select_option(label=f"{name} ({kind})")
        page.get_by_role("button", name="Optag aktøren").click()
        arrive(page, re.escape(workspace) + "#members-heading")
        until_shown(page, page.locator("#members-list .member-name", has_text=name), f"{name} taking part")
    browser.check(page, "hjoerring-operator")

    # -- the anchor person: mapping, analysis, actor involvement ----------------------------
    page.context.clear_cookies()
    sign_in(page, web.url, anchor)
    until(lambda: page.goto(workspace).status == 200, "the anchor person may read the initiative")
    go_on(page, "Kortlægning", "Ankerpersonen er udpeget og arbejdsgruppen klar")
    page.locator("#source-kind").select_option("interview")
    page.locator("#source-gathered_by").fill("To studerende fra UCN")
    page.locator("#source-date").fill("2015-10-28")
    page.locator("#source-description").fill("Interviews med beboere i villakvartererne om indbrud og naboskab")
    page.get_by_role("button", name="Registrér kilden").click()
    arrive(page, re.escape(workspace))
    page.locator("#problem-statement").fill("Beboerne kender ikke de enkle råd mod indbrud")
    page.locator("#problem-source-1").check()
    page.get_by_role("button", name="Registrér problemstillingen").click()
    arrive(page, re.escape(workspace))
    browser.check(page, "hjoerring-mapping")
    go_on(page, "Analysemodul", "Kortlægningen viser, hvor indbruddene sker")

    page.locator("#direction-direction").fill("Borgere, kommune og erhvervsliv forebygger sammen")
    page.get_by_role("button", name="Gem retningen").click()
    arrive(page, re.escape(workspace))
    page.locator("#potential-name").fill(kommune)
    page.locator("#potential-kind").select_option("municipality")
    page.locator("#potential-why").fill("Har kanalerne til borgerne og ejer vejene")
    page.get_by_role("button", name="Tilføj den potentielle aktør").click()
    arrive(page, re.escape(workspace))
    go_on(page, "Aktørinvolvering", "Retningen er valgt")

    page.get_by_label(f"Status for dialogen med {kommune}").select_option("in_dialogue")
    page.get_by_role("button", name=f"Gem dialogen med {kommune}").click()
    arrive(page, re.escape(workspace))
    assert f"{kommune}: I dialog" in page.locator("section[aria-labelledby=involvement-heading]").inner_text()
    browser.check(page, "hjoerring-involvement")
    go_on(page, "Etablering", "Kommunen er med")

    # -- establishment: a platform with a member and an effect goal that reaches its target --
    page.get_by_label("Hvorfor initiativet er klar til at gå videre").fill("Vi prøver")
    page.get_by_role("button", name="Gå videre til Samskabende udviklingsarbejde").click()
    arrive(page, re.escape(workspace) + "/phase")
    assert page.locator("#phase-refusal").inner_text() == (
        "Mindst én udviklingsplatform før samskabende udviklingsarbejde")
    assert phase_now(page) == "Etablering"
    page.goto(workspace)
    page.locator("summary", has_text="Etabler en udviklingsplatform").click()
    page.locator("#platform-name").fill("Nabohjælp Nordvest")
    page.locator("#platform-focus_area").fill("Villakvartererne i Hjørring Nordvest")
    page.locator("#platform-name").locator("xpath=ancestor::form").get_by_role("button").click()
    arrive(page, re.escape(f"{workspace}/platforms/") + r"[^/#]+")
    platform = page.url
    page.get_by_label("Aktør, der deltager i initiativet").select_option(label=f"{forening} (Forening)")
    page.get_by_role("button", name="Føj til platformen").click()
    until_shown(page, page.locator("#pg-members th", has_text=forening), "the association on the platform")
    page.get_by_label("Hvordan det ser ud, når arbejdet begynder").fill("40 anmeldte indbrud i kvartalet")
    page.get_by_role("button", name="Gem baseline").click()  # an effect goal is measured against it
    until(lambda: "40 anmeldte indbrud" in page.locator("#pg-platform-baseline").inner_text(), "the baseline")
    browser.check(page, "hjoerring-platform")

    page.goto(workspace)
    page.locator("summary", has_text="Sæt et mål").click()
    page.locator("#goal-title").fill("Færre indbrud i Hjørring Nordvest")
    page.locator("#goal-kind").select_option("effect")
    page.locator("#goal-platform_id").select_option(label="Nabohjælp Nordvest")
    page.locator("#goal-indicator").fill("Anmeldte indbrud")
    page.locator("#goal-unit").fill("pr. kvartal")
    page.locator("#goal-baseline_value").fill("40")
    page.locator("#goal-target_value").fill("20")
    page.locator("#goal-direction").select_option("down")
    page.locator("#goal-title").locator("xpath=ancestor::form").get_by_role("button").click()
    arrive(page, re.escape(f"{workspace}/goals/") + r"[^/#]+")
    for recorded, (day, value) in enumerate(((TODAY - timedelta(days=90), "31"), (TODAY, "18")), start=1):
        page.get_by_label("Dato for målingen").fill(day.isoformat())
        page.get_by_label("Værdi (pr. kvartal)").fill(value)
        page.get_by_role("button", name="Registrer målingen").click()
        until(lambda n=recorded: page.locator("svg#pg-goal-chart circle.pg-point").count() == n,
              f"measurement {recorded} in the chart")
    until_shown(page, page.locator("#pg-goal-status", has_text="Målet er nået"), "the goal reached")
    browser.check(page, "hjoerring-goal")

    # -- co-creative development: a reality check, a safety walk, a result, a ripple effect ---
    page.goto(workspace)
    go_on(page, "Samskabende udviklingsarbejde", "Platformen er i gang")
    page.goto(platform)
    page.get_by_label("Dage mellem tjekkene").fill("90")
    page.get_by_role("button", name="Gem planen").click()
    until(lambda: page.locator("#pg-schedule").inner_text().startswith("Hver 90. dag"), "the schedule")
    page.get_by_label("Samarbejde").select_option("4")
    page.get_by_label("Fremdrift").select_option("4")
    page.get_by_role("button", name="Registrer realitetstjekket").click()
    until(lambda: page.locator("#pg-checks tbody tr").count() == 1, "the recorded reality check")
    browser.check(page, "hjoerring-reality-check")

    page.goto(workspace)
    walk = page.locator("form").filter(has=page.get_by_role("heading", name="Registrér en tryghedsvandring"))
    walk.get_by_label("Titel (valgfri)").fill("Aftenvandring i Nordvest")
    walk.get_by_label("Dato").fill((TODAY - timedelta(days=1)).isoformat())
    walk.get_by_label("Sted").fill("Hjørring Nordvest")
    walk.get_by_label("Ruten, der blev gået").fill("57.4640, 9.9600\n57.4655, 9.9650")
    finding = walk.get_by_role("group", name="Fund 1 (valgfrit)")
    finding.get_by_label("Hvor (breddegrad, længdegrad)").fill("57.4648, 9.9621")
    finding.get_by_label("Kategori").select_option("missing_lighting")
    finding.get_by_label("Hvad blev fundet").fill("Stien til skolen er mørk")
    walk.get_by_role("button", name="Registrér tryghedsvandringen").click()
    arrive(page, re.escape(f"{workspace}/safety-walks/") + "[^/#]+")
    action = page.locator("form").filter(has=page.get_by_role("heading", name="Opret en opfølgende handling"))
    action.get_by_label("Hvem følger op").select_option(label=kommune)
    action.get_by_label("Hvad skal der gøres").fill("Sæt gadelys op langs stien")
    action.get_by_role("button", name="Opret den opfølgende handling").click()
    until(lambda: "Opfølgning i gang" in page.locator("#walk-findings > li").inner_text(), "the follow-up action")
    browser.check(page, "hjoerring-safety-walk")

    page.goto(workspace)
    result = page.locator("form").filter(has=page.get_by_role("heading", name="Dokumentér et resultat"))
    result.get_by_label("Titel").fill("Indbruddene i Nordvest er halveret")
    result.get_by_label("Dato").fill(TODAY.isoformat())
    result.get_by_label("Gennembrud").check()
    result.get_by_role("button", name="Dokumentér resultatet").click()
    arrive(page, re.escape(workspace) + "#outcomes-heading")
    ripple = page.locator("form").filter(has=page.get_by_role("heading", name="Registrér ringe i vandet"))
    ripple.get_by_label("Titel").fill("Nabohjælp spreder sig til Hjørring Øst")
    ripple.get_by_label("Dato").fill(TODAY.isoformat())
    ripple.get_by_label("Hvad viser effekten (dokumentation)").fill("Grundejerforeningen Øst har meldt sig")
    ripple.get_by_role("button", name="Registrér ringene i vandet").click()
    arrive(page, re.escape(workspace) + "#outcomes-heading")
    outcomes = page.locator("section.outcomes").inner_text()
    assert "Indbruddene i Nordvest er halveret" in outcomes and "Nabohjælp spreder sig til Hjørring Øst" in outcomes

    # -- closing (every platform reached its goals: no decision to close anyway) and network --
    assert page.locator("ul.checklist > li").first.get_attribute("class") == "met"
    go_on(page, "Afslutning", "Målene er nået")
    closing = page.locator("form").filter(has=page.get_by_role("heading", name="Afslut initiativet"))
    closing.get_by_label("Opsummering (valgfri)").fill("Indbruddene er halveret, og naboerne holder øje")
    closing.get_by_role("button", name="Afslut initiativet").click()
    arrive(page, re.escape(workspace) + "#closing-heading")
    network = page.locator("form").filter(has=page.get_by_role("heading", name="Fortsæt som netværk"))
    network.get_by_label("Netværkets navn").fill("Tryg i Hjørring")
    network.get_by_role("button", name="Fortsæt som netværk").click()
    arrive(page, re.escape(workspace) + "#closing-heading")
    assert "Det fortsætter som netværket Tryg i Hjørring." in page.locator("section.closing").inner_text()
    browser.check(page, "hjoerring-network")
    page.get_by_role("link", name="Initiativets historik").click()
    steps = page.locator("ol.history > li").all_inner_texts()
    assert "Initiativet startet" in steps[0] and "Fortsætter som netværk" in steps[-1]
    browser.check(page, "hjoerring-history")

    # -- the national knowledge centre sees it; another district does not ------------------
    page.context.clear_cookies()
    sign_in(page, web.url, national)
    until(lambda: initiatives_in_the_country(shared_system, national) > before, "reporting counts it")
    page.get_by_role("link", name="Tal og rapporter").click()
    assert page.locator("#exactness").inner_text() == "Du ser de præcise tal."
    assert int(page.locator("#initiatives-total").inner_text()) >= before + 1
    browser.check(page, "hjoerring-national-figures")
    page.get_by_role("link", name="Sagskataloget").click()
    case = page.locator("#cases tbody tr").filter(has_text=title)
    until_shown(page, case, "the case in the catalogue")
    assert "Nordjyllands Politi" in case.inner_text()
    browser.check(page, "hjoerring-catalogue")

    page.context.clear_cookies()
    sign_in(page, web.url, stranger)
    answer = page.goto(workspace)
    assert answer is not None and answer.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Ikke fundet"
    assert title not in page.content()
