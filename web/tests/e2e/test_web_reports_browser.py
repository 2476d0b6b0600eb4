"""The figures pages in a real browser against the whole system and the web process: the
national knowledge centre signs in, sees an initiative started in the test counted in
"Tal og rapporter" with exact figures, browses the case catalogue and downloads it as
Markdown and an open-data export as CSV; an operator of another district sees Nordjylland's
figures with small counts of persons suppressed, as the gateway's answer says. Each page
gets an axe-core check and a screenshot (web/tests/screenshots/)."""
from __future__ import annotations

import re
import uuid

import pytest
from web_browser import PASSWORD, arrive, sign_in
from web_system import WebProcess

from tests.harness import wait_until
from tests.system import System

pytestmark = pytest.mark.e2e

NATIONAL = "videnscenter@politi.dk"
OPERATOR = "operator.nord@politi.dk"
OTHER_OPERATOR = "operator.kbh@politi.dk"
TITLE = "Hjørring – Fri for Indbrud"
CITIZENS = 2
GRANTS = {NATIONAL: ("national_centre", None), OPERATOR: ("district_operator", "nordjylland"),
          OTHER_OPERATOR: ("district_operator", "koebenhavn")}


@pytest.fixture(scope="module")
def web(system):
    process = WebProcess(system)
    try:
        for email, (role, district) in GRANTS.items():
            created = process.create_account(email, PASSWORD, "--role", role,
                                             *(["--district", district] if district else []))
            assert created.returncode == 0, created.stdout + created.stderr
        yield process
    finally:
        process.stop()


def api(system: System, subject: str):
    role, district = GRANTS[subject]
    return system.session(subject=subject, role=role, district=district)


def rollup(system: System, subject: str, district: str | None = None) -> dict:
    response = api(system, subject).get(f"{system.url}/reports/rollup", timeout=10,
                                        params={"district": district} if district else None)
    assert response.status_code == 200, response.text
    return response.json()


def citizens_active(answer: dict) -> dict:
    return answer["actors_by_kind"]["rows"].get("citizen", {}).get("active", {"value": 0, "suppressed": False})


def join(system: System, initiative_id: str, citizen_id: str) -> None:
    """The citizen joins through their own representative; the actors service hears of a new
    initiative from its event, and until then a join is answered 403 or 404."""
    representative = system.session(role="actor_representative", district=None, actor_id=citizen_id,
                                     subject=f"rep-{uuid.uuid4().hex[:6]}@example.dk")

    def joined() -> bool:
        response = representative.post(f"{system.url}/initiatives/{initiative_id}/members", timeout=10,
                                       json={"actor_id": citizen_id}, headers={"Idempotency-Key": uuid.uuid4().hex})
        assert response.status_code in (201, 403, 404, 503), response.text
        return response.status_code == 201

    wait_until(joined, timeout=30, interval=0.3, message="the citizen joins")


@pytest.fixture(scope="module")
def initiative_id(system) -> str:
    """Hjørring – Fri for Indbrud, started through the API by Nordjylland's operator, with two
    citizens who joined through their own representatives (a count of persons below the
    threshold), once reporting counts them."""
    operator = api(system, OPERATOR)
    response = operator.post(f"{system.url}/initiatives", timeout=10, json={
        "title": TITLE, "challenge": {"text": "Mange indbrud i Hjørring"},
        "themes": ["burglary_prevention"], "district": "nordjylland", "municipalities": ["Hjørring"]})
    assert response.status_code == 201, response.text
    initiative = response.json()["initiative_id"]
    for n in range(CITIZENS):
        citizen = operator.post(f"{system.url}/actors", timeout=10, json={
            "kind": "citizen", "district": "nordjylland", "display_name": f"Borger {n + 1}",
            "contact": {"channel": "email", "address": f"borger-{uuid.uuid4().hex[:8]}@example.dk"}})
        assert citizen.status_code == 201, citizen.text
        join(system, initiative, citizen.json()["actor_id"])
    wait_until(lambda: citizens_active(rollup(system, NATIONAL))["value"] == CITIZENS, timeout=30, interval=0.3,
               message="reporting counts the initiative and its citizens")
    return initiative


def fetch_link(page, name: str):
    """What the link downloads, fetched with the page's own cookies (Playwright's download
    events wait on asyncio, which stalls in this eventlet-patched process)."""
    href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
    return page.request.get(page.url.split("/reports")[0] + href)


def test_the_national_centre_sees_the_country_and_downloads_the_catalogue_and_an_export(
        page, browser, web, system, initiative_id):
    sign_in(page, web.url, NATIONAL)
    page.get_by_role("link", name="Tal og rapporter").click()
    arrive(page, re.escape(f"{web.url}/reports"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tal og rapporter"
    assert page.locator("#exactness").inner_text() == "Du ser de præcise tal."
    assert page.locator("#initiatives-total").inner_text() == "1"
    nordjylland = page.locator("#districts tbody tr").filter(has_text="Nordjyllands Politi")
    assert nordjylland.locator("td").last.inner_text() == "1"
    assert rollup(system, NATIONAL)["suppressed_view"] is False
    citizens = page.locator("#actors tbody tr").filter(has_text="Borgere")
    assert citizens.locator("td").first.inner_text() == str(CITIZENS), "the national centre sees persons exactly"
    browser.check(page, "reports-national")

    page.get_by_role("link", name="Sagskataloget").click()
    arrive(page, re.escape(f"{web.url}/reports/catalogue"))
    assert page.locator("#cases tbody tr").filter(has_text=TITLE).count() == 1
    browser.check(page, "reports-catalogue")
    markdown = fetch_link(page, "Som tekst (Markdown)")
    assert markdown.status == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.headers["content-disposition"] == 'attachment; filename="samskab-catalogue-national-da.md"'
    assert TITLE in markdown.text()
    html = fetch_link(page, "Som webside (HTML)")
    assert html.headers["content-type"].startswith("text/html") and "attachment" in html.headers["content-disposition"]

    page.goto(f"{web.url}/reports/exports")
    browser.check(page, "reports-exports")
    export = fetch_link(page, "Initiativerne, én række for hvert (CSV)")
    assert export.status == 200 and export.headers["content-type"].startswith("text/csv")
    assert export.headers["content-disposition"] == 'attachment; filename="samskab-initiatives-national.csv"'
    assert initiative_id in export.text() and TITLE in export.text()


def test_an_operator_of_another_district_sees_suppressed_figures_for_nordjylland(
        page, browser, web, system, initiative_id):
    answer = rollup(system, OTHER_OPERATOR, "nordjylland")
    assert answer["suppressed_view"] is True, "the API's rule: only the national centre and the district's own"
    assert citizens_active(answer) == {"value": None, "suppressed": True}
    assert rollup(system, OPERATOR, "nordjylland")["suppressed_view"] is False
    sign_in(page, web.url, OTHER_OPERATOR)
    page.goto(f"{web.url}/reports")
    assert page.get_by_label("Område").input_value() == "koebenhavn", "their own district first"
    page.get_by_label("Område").select_option("nordjylland")
    page.get_by_role("button", name="Vis").click()
    arrive(page, re.escape(f"{web.url}/reports?district=nordjylland"))
    assert page.locator("#exactness").inner_text().startswith("Antal personer fra 1 til 4 er skjult")
    assert page.locator("#initiatives-total").inner_text() == str(answer["initiatives"]["value"]), \
        "counts of initiatives are never suppressed"
    citizens = page.locator("#actors tbody tr").filter(has_text="Borgere")
    assert citizens.locator("td").first.inner_text().startswith("–")
    assert citizens.locator(".suppressed").count() >= 1 and str(CITIZENS) not in citizens.inner_text()
    browser.check(page, "reports-other-district")


def test_an_area_the_api_does_not_know_is_not_found(page, web):
    sign_in(page, web.url, OTHER_OPERATOR)
    response = page.goto(f"{web.url}/reports/exports/goals/csv?district=atlantis")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Ikke fundet"
