"""The pages in a real browser against the whole system (gateway, services, embedded store,
broker), the web process and a real OpenID Connect provider: a district operator signs in,
starts an initiative (bad input first), finds it in "Mine initiativer" and opens its phase
line; an operator of another district gets "not found" (the whole method, gates and all, is
test_web_hjoerring_walkthrough_browser.py); a person signs in through the identity provider; English is
one click away. Every page gets an axe-core check and a
screenshot (web/tests/screenshots/)."""
from __future__ import annotations

import re

import pytest
import requests
from web_browser import arrive, sign_in
from web_system import OIDC_PEOPLE

from tests.system import System

pytestmark = pytest.mark.e2e

OPERATOR = "operator.web@politi.dk"
OTHER_OPERATOR = "operator.kbh@politi.dk"
OIDC_PERSON = "oidc.operator@politi.dk"
TITLE = "Tryghed ved Hirtshals Havn"  # this module's own: other modules share the system


@pytest.fixture(scope="module")
def system(shared_system):
    return shared_system


@pytest.fixture(scope="module")
def idp(shared_idp):
    assert OIDC_PERSON in OIDC_PEOPLE
    return shared_idp


@pytest.fixture(scope="module")
def web(shared_web, account):
    account(OPERATOR, "district_operator", "nordjylland")
    account(OTHER_OPERATOR, "district_operator", "koebenhavn")
    return shared_web


@pytest.fixture(scope="module")
def initiative_id(system) -> str:
    """An initiative of Nordjylland, started through the API."""
    response = system.session(subject=OPERATOR).post(f"{system.url}/initiatives", timeout=10, json={
        "title": "Tryghed i Vendsyssel", "challenge": {"text": "Indbrud i parcelhuskvarterer"},
        "themes": ["burglary_prevention"], "district": "nordjylland"})
    assert response.status_code == 201, response.text
    return response.json()["initiative_id"]


def listed(system: System, subject: str) -> list[str]:
    """Every title the person's list holds, page by page (other modules share the system)."""
    titles: list[str] = []
    params: dict = {"limit": 100}
    while True:
        answer = system.session(subject=subject).get(f"{system.url}/initiatives", params=params, timeout=10).json()
        titles += [item["title"] for item in answer["items"]]
        if not answer.get("next_cursor"):
            return titles
        params["cursor"] = answer["next_cursor"]


def test_a_district_operator_starts_an_initiative_and_follows_it(page, browser, web, system):
    page.goto(f"{web.url}/sign-in")
    assert page.locator("html").get_attribute("lang") == "da"
    browser.check(page, "sign-in")
    sign_in(page, web.url, OPERATOR)
    assert page.get_by_role("heading", level=1).inner_text() == "Mine initiativer"
    browser.check(page, "my-initiatives-before")

    page.get_by_role("link", name="Start et initiativ").click()
    browser.check(page, "start-initiative")
    page.get_by_label("Indbrudsforebyggelse").check()
    page.get_by_role("button", name="Start initiativet").click()
    assert page.locator("#title-error").inner_text() == "Skal være mellem 1 og 200 tegn."
    assert page.locator("#challenge-error").inner_text() == "Skal være mellem 1 og 5000 tegn."
    assert page.get_by_label("Indbrudsforebyggelse").is_checked(), "what was chosen is kept"
    browser.check(page, "start-initiative-errors")
    before = listed(system, OPERATOR)
    assert TITLE not in before, "bad input stored nothing"

    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Den fælles udfordring").fill("Mange indbrud i Hjørring; borgere, kommune og politi ser hver "
                                                    "deres del af problemet.")
    page.get_by_label("Kommuner (adskilt med komma)").fill("Hjørring")
    page.get_by_role("button", name="Start initiativet").click()
    arrive(page, re.escape(web.url) + r"/initiatives/(?!new$)[^/]+")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    phases = page.locator("ol.phases > li")
    assert phases.count() == 7
    current = page.locator('ol.phases > li[aria-current="step"]')
    assert current.count() == 1 and "Opstart" in current.inner_text()
    browser.check(page, "initiative")
    assert listed(system, OPERATOR).count(TITLE) == 1

    page.get_by_role("link", name="Mine initiativer").first.click()
    row = page.get_by_role("row").filter(has_text=TITLE)
    assert row.count() == 1 and "Opstart" in row.inner_text() and "Nordjyllands Politi" in row.inner_text()
    browser.check(page, "my-initiatives")


def test_an_operator_of_another_district_gets_not_found(page, browser, web, initiative_id):
    sign_in(page, web.url, OTHER_OPERATOR)
    assert "Tryghed i Vendsyssel" not in page.content()
    response = page.goto(f"{web.url}/initiatives/{initiative_id}")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Ikke fundet"
    browser.check(page, "not-found")


def test_a_person_signs_in_through_the_identity_provider(page, browser, web, system, idp, initiative_id):
    system.token(subject=OIDC_PERSON, role="district_operator", district="nordjylland")
    page.goto(f"{web.url}/sign-in")
    page.get_by_role("button", name="Log ind med din organisation").click()
    arrive(page, re.escape(idp.url) + "/.*")
    page.get_by_role("button", name=OIDC_PERSON).click()
    arrive(page, re.escape(f"{web.url}/initiatives"))
    assert OIDC_PERSON in page.locator("header").inner_text()
    assert page.get_by_role("link", name="Tryghed i Vendsyssel").count() == 1
    browser.check(page, "my-initiatives-oidc")


def test_english_is_one_click_away(page, browser, web, initiative_id):
    sign_in(page, web.url, OPERATOR)
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "My initiatives"
    page.get_by_role("link", name="Tryghed i Vendsyssel").click()
    assert "Start-up" in page.locator('ol.phases > li[aria-current="step"]').inner_text()
    browser.check(page, "initiative-en")
    page.get_by_role("link", name="Dansk").click()
    assert page.locator("html").get_attribute("lang") == "da"


def test_the_web_process_has_health_and_metrics_on_its_ops_port(web):
    assert requests.get(f"{web.ops_url}/health/ready", timeout=5).json()["checks"] == {"gateway": True,
                                                                                      "store": True}
    metrics = requests.get(f"{web.ops_url}/metrics", timeout=5).text
    assert "samskab_web_request_seconds" in metrics
    page = requests.get(f"{web.url}/sign-in", headers={"X-Request-Id": "trace-me-1"}, timeout=5)
    assert page.headers["X-Request-Id"] == "trace-me-1"
    assert requests.get(f"{web.url}/metrics", timeout=5).status_code == 404, "metrics never on the pages' port"
