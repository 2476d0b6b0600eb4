"""Bryd fødekæden til banderne in a real browser (issue 15): the district operator moves the
initiative's area from Bispehaven to Herredsvang with a reason, puts it on standby (COVID-19),
sees that it does not go on while paused, and resumes it; the report and the case catalogue
then show the area, the revision and the pause. Each page gets an axe-core check and a
screenshot (web/tests/screenshots/)."""
from __future__ import annotations

import re

import pytest
from web_browser import arrive, sign_in

from tests.harness import wait_until

pytestmark = pytest.mark.e2e

OPERATOR = "operator.aarhus@politi.dk"


@pytest.fixture(scope="module")
def web(shared_web):
    return shared_web


def test_the_operator_moves_the_area_pauses_and_resumes(page, browser, web, shared_system, account):
    account(OPERATOR, "district_operator", "oestjylland")
    api = shared_system.session(subject=OPERATOR, role="district_operator", district="oestjylland")
    created = api.post(f"{shared_system.url}/initiatives", timeout=10, json={
        "title": "Bryd fødekæden til banderne", "challenge": {"text": "Unge rekrutteres til bander"},
        "themes": ["gang_recruitment"], "district": "oestjylland", "municipalities": ["Aarhus"],
        "focus_area": "Bispehaven"})
    assert created.status_code == 201, created.text
    initiative_id = created.json()["initiative_id"]
    here = re.escape(f"{web.url}/initiatives/{initiative_id}")

    sign_in(page, web.url, OPERATOR)
    page.goto(f"{web.url}/initiatives/{initiative_id}")
    assert page.get_by_label("Område (det boligområde eller område, initiativet arbejder i)").input_value() == \
        "Bispehaven"
    browser.check(page, "revision-workspace")

    page.get_by_label("Område (det boligområde eller område, initiativet arbejder i)").fill("Herredsvang")
    page.get_by_role("button", name="Gem revisionen").click()
    assert page.locator("#revise-reason-error").inner_text() == "Skal udfyldes."
    browser.check(page, "revision-errors")
    page.locator("#revise-reason").fill("Rekrutteringen er flyttet til Herredsvang")
    page.get_by_role("button", name="Gem revisionen").click()
    arrive(page, here)
    assert page.locator("#revision-area").inner_text() == "Område: Herredsvang"

    page.get_by_label("Hvorfor det sættes i bero").fill("COVID-19: aktiviteterne er sat i bero")
    page.get_by_role("button", name="Sæt i bero").click()
    arrive(page, here)
    assert "Sat i bero siden" in page.locator("#revision-standby").inner_text()
    assert page.get_by_role("button", name=re.compile("Gå videre")).count() == 0
    browser.check(page, "revision-standby")

    page.get_by_role("button", name="Genoptag").click()
    arrive(page, here)
    assert page.locator("#revision-standby").count() == 0
    assert page.get_by_role("heading", name="Tidligere pauser").count() == 1
    assert page.get_by_role("button", name=re.compile("Gå videre")).count() == 1

    def reported() -> dict | None:
        answer = api.get(f"{shared_system.url}/reports/initiatives/{initiative_id}", timeout=10)
        report = answer.json() if answer.status_code == 200 else {}
        return report if report.get("pauses") and report.get("focus_area") == "Herredsvang" else None

    report = wait_until(reported, timeout=20, message="the report shows the area and the pause")
    assert report["paused_since"] is None and report["pauses"][0]["until"] is not None
    assert report["days_paused"] >= 0 and report["days_active"] is not None
    catalogue = api.get(f"{shared_system.url}/reports/catalogue", timeout=10,
                        params={"format": "markdown", "district": "oestjylland"}).text
    case = catalogue.split("\n## Bryd fødekæden til banderne\n", 1)[1].split("\n## ", 1)[0]
    day = r"\d{4}-\d\d-\d\d"
    assert "- **Område:** Herredsvang" in case and "- **Status:** Aktivt\n" in case
    assert re.search(rf"- Revideret {day} \(område\): Rekrutteringen er flyttet til Herredsvang\n", case), case
    assert re.search(rf"- I bero {day} – {day}: COVID-19: aktiviteterne er sat i bero\n", case), case
