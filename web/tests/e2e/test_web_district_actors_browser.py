"""The district operator's and the actor pages in a real browser against the whole system:
Nordjylland's operator registers a business with its CVR number, finds it by a word of its
name and by the number, and gives a colleague access (and withdraws it); the business's representative corrects
a detail and downloads everything held about it; a citizen gives and withdraws a consent,
and an operator of another district does not find them. Every page gets an axe-core check
and a screenshot (web/tests/screenshots/)."""
from __future__ import annotations

import json
import random
import re
import uuid

import pytest
from web_browser import arrive, sign_in

from samskab_contracts.cvr import WEIGHTS, is_valid_cvr
from tests.harness import wait_until

pytestmark = pytest.mark.e2e

TAG = uuid.uuid4().hex[:6]
OPERATOR = f"da.operator.{TAG}@nordjylland.politi.dk"
OTHER_OPERATOR = f"da.operator.{TAG}@fyn.politi.dk"


@pytest.fixture
def web(shared_web):
    return shared_web


def new_cvr() -> str:
    """A valid CVR number no other test of the session registers."""
    while True:
        digits = [random.randint(1, 9)] + [random.randint(0, 9) for _ in range(6)]
        check = -sum(d * w for d, w in zip(digits, WEIGHTS, strict=False)) % 11
        if check < 10 and is_valid_cvr(number := "".join(map(str, digits)) + str(check)):
            return number


def api_operator(system):
    return system.session(subject=f"api.{TAG}@nordjylland.politi.dk", role="district_operator",
                          district="nordjylland")


def registered(system, payload: dict) -> str:
    response = api_operator(system).post(f"{system.url}/actors", json={"district": "nordjylland", **payload},
                                         timeout=10)
    assert response.status_code == 201, response.text
    return response.json()["actor_id"]


def represents(system, person: str, actor_id: str) -> None:
    """The gateway has given the person the representative's access (from the actor's event)."""
    me = system.session(subject=person, role=None, district=None)

    def granted() -> bool:
        grants = me.get(f"{system.url}/me", timeout=10).json()["grants"]
        return {"role": "actor_representative", "scope": actor_id} in grants

    wait_until(granted, timeout=30, message="the representative's access follows the event")


def test_an_operator_registers_a_business_finds_it_by_name_and_cvr_and_gives_a_colleague_access(
        page, browser, web, account):
    cvr, name = new_cvr(), f"Låsesmeden {TAG} ApS"
    sign_in(page, web.url, account(OPERATOR, "district_operator", "nordjylland"))
    page.get_by_role("link", name="Min politikreds").click()
    arrive(page, re.escape(f"{web.url}/district/nordjylland"))
    assert page.get_by_role("heading", level=1).inner_text() == "Nordjyllands Politi"
    browser.check(page, "district-initiatives")

    page.get_by_role("link", name="Registrér en aktør").first.click()
    arrive(page, re.escape(f"{web.url}/district/nordjylland/actors/new"))
    page.locator("#register-kind").select_option("business")
    page.locator("#register-name").fill(name)
    page.locator("#register-cvr").fill("1234 5678")
    page.get_by_role("button", name="Registrér aktøren").click()
    assert page.locator("#register-cvr-error").inner_text() == "Et CVR-nummer har 8 cifre (tjek nummeret)."
    browser.check(page, "district-register-refused")
    page.locator("#register-cvr").fill(cvr)
    page.locator("#register-municipality").fill("Hjørring")
    page.locator("#register-contact-name").fill("Karen Nielsen")
    page.locator("#register-contact-email").fill(f"karen.{TAG}@example.dk")
    page.get_by_role("button", name="Registrér aktøren").click()
    arrive(page, re.escape(f"{web.url}/actors/") + "[0-9a-f-]+")
    actor_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == name
    browser.check(page, "actor-seen-by-operator")

    page.goto(f"{web.url}/district/nordjylland/actors")
    page.get_by_label("Navn").fill(f"låsesmeden {TAG.upper()}")
    page.get_by_role("button", name="Søg").click()
    arrive(page, re.escape(f"{web.url}/district/nordjylland/actors?") + ".*")
    page.get_by_role("link", name=name).wait_for()
    browser.check(page, "district-actors-by-name")
    page.get_by_label("Navn").fill("")
    page.get_by_label("CVR-nummer").fill(cvr)
    page.get_by_role("button", name="Søg").click()
    arrive(page, re.escape(f"{web.url}/district/nordjylland/actors?name=&cvr={cvr}"))
    page.get_by_role("link", name=name).click()
    arrive(page, re.escape(actor_url))

    colleague = f"kollega.{TAG}@nordjylland.politi.dk"
    page.goto(f"{web.url}/district/nordjylland/access")
    page.get_by_label("Personens e-mailadresse").fill(colleague)
    page.get_by_role("button", name="Giv adgang").click()
    arrive(page, re.escape(f"{web.url}/district/nordjylland/access"))
    page.locator("table.list tbody tr").filter(has_text=colleague).wait_for()
    browser.check(page, "district-access")
    page.get_by_role("button", name=f"Fjern {colleague}").click()
    arrive(page, re.escape(f"{web.url}/district/nordjylland/access"))
    assert page.locator("table.list tbody tr").filter(has_text=colleague).count() == 0


def test_a_representative_corrects_the_organisation_and_downloads_everything_held_about_it(
        page, browser, web, shared_system, account):
    person = f"kontakt.{TAG}@boligselskab.dk"
    name = f"Vrå Boligselskab {TAG}"
    actor_id = registered(shared_system, {"kind": "housing_organisation", "name": name, "cvr": new_cvr(),
                                          "municipality": "Hjørring", "representative": person})
    represents(shared_system, person, actor_id)
    sign_in(page, web.url, account(person))
    page.get_by_role("link", name="Min organisation").click()
    arrive(page, re.escape(f"{web.url}/actors/{actor_id}"))
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert page.get_by_role("link", name="Min politikreds").count() == 0
    browser.check(page, "actor-seen-by-representative")

    page.locator("#details-municipality").fill("Hjørring Kommune")
    page.locator("#details-contact-name").fill("Bo Bertelsen")
    page.get_by_role("button", name="Gem oplysningerne").click()
    arrive(page, re.escape(f"{web.url}/actors/{actor_id}"))
    assert page.locator("#details-municipality").input_value() == "Hjørring Kommune"
    assert page.locator("#details-contact-name").input_value() == "Bo Bertelsen"

    href = page.get_by_role("link", name="Hent oplysningerne").get_attribute("href")
    export = page.request.get(f"{web.url}{href}")
    assert export.status == 200 and export.headers["cache-control"] == "no-store"
    assert export.headers["content-disposition"] == f'attachment; filename="samskab-personal-data-{actor_id}.json"'
    document = json.loads(export.text())
    assert document["actors"]["actor"]["municipality"] == "Hjørring Kommune"
    assert set(document) == {"actors", "initiatives", "notifications", "reporting"}


def test_a_citizen_gives_and_withdraws_a_consent_and_another_district_does_not_find_them(
        page, browser, web, shared_system, account):
    person = f"nabo.{TAG}@example.dk"
    name = f"Nabo {TAG}"
    actor_id = registered(shared_system, {"kind": "citizen", "display_name": name, "representative": person,
                                          "contact": {"channel": "email", "address": person}})
    represents(shared_system, person, actor_id)
    sign_in(page, web.url, account(person))
    page.goto(f"{web.url}/actors/{actor_id}")
    consents = page.locator("ul.da-consents")
    assert consents.count() == 0
    page.get_by_label("At mine kontaktoplysninger vises for lederne af de initiativer, jeg deltager i").check()
    page.get_by_role("button", name="Giv samtykke").click()
    arrive(page, re.escape(f"{web.url}/actors/{actor_id}"))
    assert "At mine kontaktoplysninger vises" in consents.inner_text()
    browser.check(page, "actor-citizen-consent-given")
    page.get_by_role("button", name=re.compile("^Træk samtykket tilbage.*At mine kontaktoplysninger")).click()
    arrive(page, re.escape(f"{web.url}/actors/{actor_id}"))
    assert consents.count() == 0 and "Der er ikke givet noget samtykke." in page.inner_text("main")

    page.context.clear_cookies()
    sign_in(page, web.url, account(OTHER_OPERATOR, "district_operator", "fyn"))
    page.goto(f"{web.url}/district/fyn/actors?name={TAG}")
    assert "Ingen af politikredsens aktører passer på søgningen." in page.inner_text("main")
    browser.check(page, "district-other-finds-nothing")
    page.goto(f"{web.url}/actors/{actor_id}")
    assert page.get_by_role("heading", level=1).inner_text() == "Ikke fundet"
