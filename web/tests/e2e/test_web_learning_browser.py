"""Learning in a real browser: an operator records what was learned, what a partner said and
the initiative that inspired theirs on the workspace, then finds the lesson on "Erfaringer"
under Tal og rapporter. Each page gets an axe-core check and a screenshot
(web/tests/screenshots/)."""
from __future__ import annotations

import re
import uuid

import pytest
from web_browser import arrive, sign_in

from tests.harness import wait_until

pytestmark = pytest.mark.e2e

OPERATOR = "operator.learning@politi.dk"
DISTRICT = "nordjylland"


@pytest.fixture
def web(shared_web):
    return shared_web


def started(system, title: str) -> str:
    api = system.session(subject=OPERATOR, role="district_operator", district=DISTRICT)
    created = api.post(f"{system.url}/initiatives", timeout=10, json={
        "title": title, "district": DISTRICT, "themes": ["drugs_in_nightlife"],
        "challenge": {"text": "Stoffer i nattelivet"}})
    assert created.status_code == 201, created.text
    return created.json()["initiative_id"]


def test_a_lesson_a_quote_and_an_inspiration_are_recorded_and_the_lesson_found(page, browser, shared_web,
                                                                               shared_system, account):
    account(OPERATOR, "district_operator", DISTRICT)
    words = uuid.uuid4().hex[:6]
    inspiring = started(shared_system, f"Nul Narko {words}")
    initiative_url = f"{shared_web.url}/initiatives/{started(shared_system, f'Natteliv i Frederikshavn {words}')}"
    sign_in(page, shared_web.url, OPERATOR)
    page.goto(initiative_url)
    page.get_by_text("Registrér erfaringer og inspiration").click()

    page.get_by_label("Slags erfaring").select_option("learned")
    page.get_by_label("Den fase, den handler om").select_option("start_up")
    page.get_by_label("Erfaringen", exact=True).fill(f"Dørmændene med fra første møde {words}")
    page.get_by_role("button", name="Registrér erfaringen").click()
    arrive(page, re.escape(initiative_url) + "#learning-heading")

    page.get_by_text("Registrér erfaringer og inspiration").click()
    page.get_by_label("Citatet", exact=True).fill("Vi taler nu sammen om de unge")
    page.locator("#quote-organisation").fill("Frederikshavn Kommune")
    page.get_by_label("Talerens rolle").fill("SSP-konsulent")
    page.locator("#quote-date").fill("2024-01-10")
    page.get_by_role("button", name="Registrér citatet").click()
    arrive(page, re.escape(initiative_url) + "#learning-heading")
    page.get_by_text("Registrér erfaringer og inspiration").click()
    page.get_by_label("Det inspirerende initiativs id").fill(inspiring)
    page.get_by_label("Hvad inspirerede jer").fill("Nul-tolerance")
    page.get_by_role("button", name="Kobl initiativet på").click()
    arrive(page, re.escape(initiative_url) + "#learning-heading")
    section = page.locator("section.learning")
    assert "“Vi taler nu sammen om de unge”" in section.inner_text()
    assert section.get_by_role("link", name=f"Nul Narko {words}").count() == 1
    browser.check(page, "learning-workspace")

    def found() -> bool:
        page.goto(f"{shared_web.url}/reports/lessons?q={words}")
        return page.locator("#lessons").count() == 1

    wait_until(found, timeout=20, interval=0.5, message="reporting has the lesson")
    assert f"Dørmændene med fra første møde {words}" in page.locator("#lessons").inner_text()
    browser.check(page, "learning-lessons")
