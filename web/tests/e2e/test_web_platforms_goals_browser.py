"""The platforms and goals pages in a real browser against the whole system and the web
process: Nordjylland's operator starts an initiative through the API, appoints an anchor
person, takes it to the establishment phase and enrols a local association; the anchor person
signs in and, through the pages, establishes a development platform (a missing name first),
puts the association on it, describes its baseline, sets an effect goal, records two
measurements (the chart and its table show them), moves on to co-creative development and
schedules and records a reality check. Every page gets an axe-core check and a screenshot."""
from __future__ import annotations

import re
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from web_browser import arrive, sign_in

from tests.harness import wait_until

pytestmark = pytest.mark.e2e

DISTRICT = "nordjylland"


@pytest.fixture
def web(shared_web):
    """The page fixture's web process: the session-wide one."""
    return shared_web


def until(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not so after {timeout} s: {what}"
        time.sleep(0.1)


def until_shown(page, locator, what: str, timeout: float = 30) -> None:
    """Reload until ``locator`` is on the page: what the actors service decides reaches the
    initiative through its events, moments later."""
    deadline = time.monotonic() + timeout
    while locator.count() == 0:
        assert time.monotonic() < deadline, f"not shown after {timeout} s: {what}"
        time.sleep(0.3)
        page.reload()


def started_initiative(shared_system, operator_email: str, anchor_email: str) -> tuple[str, str]:
    """An initiative in the establishment phase with an anchor person and one enrolled
    association, all through the API as the operator; answers (initiative id, association's name)."""
    url = shared_system.url
    operator = shared_system.session(subject=operator_email, role="district_operator", district=DISTRICT)
    created = operator.post(f"{url}/initiatives", timeout=10, json={
        "title": "Frederikshavn – Trygge Villaveje", "challenge": {"text": "Indbrud i villakvartererne"},
        "themes": ["burglary_prevention"], "district": DISTRICT})
    assert created.status_code == 201, created.text
    initiative_id = created.json()["initiative_id"]
    base = f"{url}/initiatives/{initiative_id}"
    appointed = operator.put(f"{base}/anchor-person", timeout=10, json={
        "anchor_person": {"person_id": anchor_email, "name": "Anna Anker", "email": anchor_email}})
    assert appointed.status_code == 200, appointed.text
    for phase in ("mapping", "analysis", "actor_involvement", "establishment"):
        # the gates of phases 3-5 ask for the mapping's products, or a recorded decision to go on
        override = None if phase == "mapping" else "Kortlægningen er gjort uden for Samskab"
        moved = operator.post(f"{base}/phase-transitions", timeout=10,
                              json={"to_phase": phase, "reason": "Klar", "override_reason": override})
        assert moved.status_code == 200, moved.text
    name = f"Grundejerforeningen Bangsbo {uuid.uuid4().hex[:4]}"
    actor = operator.post(f"{url}/actors", timeout=10, json={"kind": "association", "name": name,
                                                             "district": DISTRICT})
    assert actor.status_code == 201, actor.text

    def enrolled() -> bool:  # the actors service hears of the new initiative from its event
        joined = operator.post(f"{base}/members", timeout=10, json={"actor_id": actor.json()["actor_id"]},
                               headers={"Idempotency-Key": uuid.uuid4().hex})
        assert joined.status_code in (201, 403, 404, 503), joined.text
        return joined.status_code == 201

    wait_until(enrolled, timeout=30, interval=0.3, message="the association is enrolled")
    return initiative_id, name


def test_the_anchor_person_builds_a_platform_with_goals_and_reality_checks(page, browser, web, shared_system,
                                                                           account):
    operator = account(f"op-{uuid.uuid4().hex[:6]}@politi.dk", "district_operator", DISTRICT)
    anchor = account(f"anker-{uuid.uuid4().hex[:6]}@politi.dk")
    initiative_id, association = started_initiative(shared_system, operator, anchor)
    workspace = f"{web.url}/initiatives/{initiative_id}"

    sign_in(page, web.url, anchor)
    page.goto(workspace)
    until_shown(page, page.locator("summary", has_text="Etabler en udviklingsplatform"), "the anchor person's grant")
    page.locator("summary", has_text="Etabler en udviklingsplatform").click()
    page.locator("#platform-focus_area").fill("Villavejene omkring Bangsbo")
    page.locator("#platform-name").locator("xpath=ancestor::form").get_by_role("button").click()
    arrive(page, re.escape(f"{workspace}/platforms"))
    assert page.locator("#platform-name-error").inner_text() == "Skal udfyldes."
    assert page.locator("#platform-focus_area").input_value() == "Villavejene omkring Bangsbo", "what was typed is kept"
    browser.check(page, "platforms-establish-error")
    page.locator("#platform-name").fill("Nabohjælp Bangsbo")
    page.locator("#platform-name").locator("xpath=ancestor::form").get_by_role("button").click()
    arrive(page, re.escape(f"{workspace}/platforms/") + r"[^/]+")
    platform_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Nabohjælp Bangsbo"

    until_shown(page, page.locator("#member-actor_id option", has_text=association), "the enrolled association")
    page.get_by_label("Aktør, der deltager i initiativet").select_option(label=f"{association} (Forening)")
    page.get_by_role("button", name="Føj til platformen").click()
    until(lambda: page.url == platform_url, "back on the platform's page")
    until_shown(page, page.locator("#pg-members th", has_text=association), "the association on the platform")
    page.get_by_label("Hvordan det ser ud, når arbejdet begynder").fill("40 anmeldte indbrud om året")
    page.get_by_role("button", name="Gem baseline").click()
    until(lambda: "40 anmeldte indbrud om året" in page.locator("#pg-platform-baseline").inner_text(),
          "the platform's baseline")
    browser.check(page, "platforms-platform")

    page.goto(workspace)
    page.locator("summary", has_text="Sæt et mål").click()
    page.locator("#goal-title").fill("Færre indbrud i Bangsbo")
    page.locator("#goal-kind").select_option("effect")
    page.locator("#goal-platform_id").select_option(label="Nabohjælp Bangsbo")
    page.locator("#goal-indicator").fill("Anmeldte indbrud")
    page.locator("#goal-unit").fill("pr. år")
    page.locator("#goal-baseline_value").fill("40")
    page.locator("#goal-target_value").fill("20")
    page.locator("#goal-direction").select_option("down")
    page.locator("#goal-title").locator("xpath=ancestor::form").get_by_role("button").click()
    arrive(page, re.escape(f"{workspace}/goals/") + r"[^/]+")
    goal_url = page.url
    today = datetime.now(UTC).date()
    for recorded, (day, value) in enumerate(((today - timedelta(days=30), "35"), (today, "28,5")), start=1):
        page.get_by_label("Dato for målingen").fill(day.isoformat())
        page.get_by_label("Værdi (pr. år)").fill(value)
        page.get_by_role("button", name="Registrer målingen").click()
        until(lambda n=recorded: page.locator("svg#pg-goal-chart circle.pg-point").count() == n,
              f"measurement {recorded} in the chart")
        assert page.url == goal_url
    chart = page.locator("svg#pg-goal-chart")
    assert chart.is_visible() and chart.locator("circle.pg-point").count() == 2
    assert chart.locator("line.pg-baseline").count() == 1 and chart.locator("line.pg-target").count() == 1
    rows = page.locator("#pg-progress tbody tr").all_inner_texts()
    assert [r.split("\t")[1] for r in rows] == ["40 pr. år", "35 pr. år", "28,5 pr. år", "20 pr. år"]
    assert page.locator("#pg-goal-status").inner_text() == "Målet er ikke nået endnu."
    browser.check(page, "platforms-goal-chart")

    page.goto(workspace)
    page.get_by_label("Hvorfor initiativet er klar til at gå videre").fill("Platformen er i gang")
    page.get_by_role("button", name="Gå videre til Samskabende udviklingsarbejde").click()
    until(lambda: page.locator('ol.phases > li[aria-current="step"] .label').inner_text()
          == "Samskabende udviklingsarbejde", "the initiative is in co-creative development")
    page.goto(platform_url)
    page.get_by_label("Dage mellem tjekkene").fill("30")
    page.get_by_role("button", name="Gem planen").click()
    due = (today + timedelta(days=30)).isoformat()
    until(lambda: page.locator("#pg-schedule").inner_text().startswith(f"Hver 30. dag. Det næste skal holdes {due}"),
          "the schedule")
    page.get_by_label("Samarbejde").select_option("4")
    page.get_by_label("Fremdrift").select_option("3")
    page.get_by_label("Noter (valgfrit)").fill("Godt første møde")
    page.get_by_role("button", name="Registrer realitetstjekket").click()
    until(lambda: page.locator("#pg-checks tbody tr").count() == 1, "the recorded reality check")
    row = page.locator("#pg-checks tbody tr").first.inner_text()
    assert row.startswith(today.isoformat()) and "3,5" in row and "Godt første møde" in row
    assert page.locator("svg#pg-check-chart circle.pg-point").count() == 1
    browser.check(page, "platforms-reality-checks")

    page.goto(workspace)
    assert "Nabohjælp Bangsbo" in page.locator("#pg-platforms").inner_text()
    assert "Færre indbrud i Bangsbo" in page.locator("#pg-goals").inner_text()
    browser.check(page, "platforms-workspace")
