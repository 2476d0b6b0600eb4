"""Et trygt natteliv i Aalborg in a real browser, against the session's shared system and web
process: an initiative taken through the phases and closed through the API goes on as a
network; the municipality joins the network (the actors service lets actors join a network);
the anchor person records a network meeting with the municipality and
twelve young people, and hands the transport idea over to the municipality; the report then
counts the meeting's participants, its target group and the idea, and the case catalogue
tells them under "what was done". Every page gets an axe-core
check and a screenshot (bad input beside the field is the unit tests' part:
web/tests/unit/test_web_network_activities.py)."""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from web_browser import arrive, sign_in

from tests.harness import wait_until
from tests.system import System

pytestmark = pytest.mark.e2e

OPERATOR = "operator.netvaerk@politi.dk"
DAY = (date.today() - timedelta(days=1)).isoformat()
GATED = ("analysis", "actor_involvement", "establishment", "closing")


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


def network_through_the_api(system: System, anchor: str) -> tuple[str, str]:
    """A closed Nordjylland initiative gone on as a network, with the municipality joined."""
    api = system.session(subject=OPERATOR, role="district_operator", district="nordjylland")
    initiative_id = ok(api.post(f"{system.url}/initiatives", timeout=10, json={
        "title": "Et trygt natteliv i Aalborg", "challenge": {"text": "Utryghed i nattelivet"},
        "themes": ["drugs_in_nightlife"], "district": "nordjylland"}), 201)["initiative_id"]
    url = f"{system.url}/initiatives/{initiative_id}"
    ok(api.put(f"{url}/anchor-person", timeout=10, json={"anchor_person": {"person_id": anchor, "email": anchor}}))
    for phase in ("mapping", "analysis", "actor_involvement", "establishment", "co_creative_development",
                  "closing"):
        if phase == "co_creative_development":
            ok(api.post(f"{url}/platforms", timeout=10, json={"name": "Jomfru Ane Gade", "focus_area": "Gaden"}), 201)
        ok(api.post(f"{url}/phase-transitions", timeout=10, json={
            "to_phase": phase, "reason": "Klar", **({"override_reason": "Testens genvej"} if phase in GATED else {})}))
    ok(api.post(f"{url}/closure", timeout=10, json={"summary": "Nattelivet er blevet trygt"}))
    ok(api.post(f"{url}/network", timeout=10, json={"network_name": "Trygt natteliv i Aalborg"}))
    actor_id = ok(api.post(f"{system.url}/actors", timeout=10, json={
        "kind": "municipality", "district": "nordjylland", "name": "Aalborg Kommune"}), 201)["actor_id"]

    def joined() -> bool:  # the actors service hears of the network from its event
        response = api.post(f"{url}/members", timeout=10, json={"actor_id": actor_id},
                            headers={"Idempotency-Key": uuid.uuid4().hex})
        assert response.status_code in (201, 404, 422), response.text
        return response.status_code == 201

    wait_until(joined, timeout=20, interval=0.3, message="the municipality joins the network")
    wait_until(lambda: actor_id in ok(api.get(url, timeout=10))["actors"], timeout=20, interval=0.3,
               message="the initiative knows its new member")
    return initiative_id, actor_id


@pytest.fixture(scope="module")
def web(shared_web):
    return shared_web


def form(page, heading: str):
    return page.locator("form").filter(has=page.get_by_role("heading", name=heading, exact=True))


def test_a_network_meets_and_hands_its_idea_to_the_municipality(page, browser, web, shared_system, account):
    anchor = f"anker.{uuid.uuid4().hex[:6]}@politi.dk"
    initiative_id, _ = network_through_the_api(shared_system, anchor)
    initiative_url = f"{web.url}/initiatives/{initiative_id}"
    sign_in(page, web.url, account(anchor))
    wait_until(lambda: page.goto(initiative_url).status == 200, timeout=30, interval=0.3,
               message="the anchor person may read the initiative")
    assert "Som netværk mødes initiativet stadig" in page.locator("section.network-activities").inner_text()
    browser.check(page, "network-workspace")

    meeting = form(page, "Registrér en aktivitet")
    assert meeting.get_by_label("Slags aktivitet").input_value() == "network_meeting"
    meeting.get_by_label("Dato").fill(DAY)
    meeting.get_by_label("Titel (valgfri)").fill("Netværksmøde om transport")
    meeting.get_by_label("Sted").fill("Aalborg Rådhus")
    meeting.get_by_label("Aalborg Kommune").check()
    meeting.get_by_label("Andre borgere, der deltog (ikke registreret som aktører)").fill("12")
    meeting.get_by_label("16–25-årige").check()
    meeting.get_by_label("Hvad det førte til (valgfrit)").fill("Natbusser foreslås kommunen")
    meeting.get_by_role("button", name="Registrér aktiviteten").click()
    arrive(page, re.escape(initiative_url) + "#network-activities-heading")
    row = page.get_by_role("row").filter(has_text="Netværksmøde om transport")
    assert "13 (aktører: 1, borgere: 12)" in row.inner_text() and "16–25-årige" in row.inner_text()

    idea = form(page, "Registrér en idé, der er givet videre")
    idea.get_by_label("Idéen").fill("Natbusser fra midtbyen i weekenden")
    idea.get_by_label("Givet til en af aktørerne (valgfrit)").select_option(label="Aalborg Kommune")
    idea.get_by_label("Dato").fill(DAY)
    idea.get_by_role("button", name="Registrér idéen").click()
    arrive(page, re.escape(initiative_url) + "#network-activities-heading")
    assert "Natbusser fra midtbyen i weekenden · til Aalborg Kommune" in page.locator(
        "section.network-activities").inner_text()
    browser.check(page, "network-idea-handed-over")

    national = shared_system.session(role="national_centre", district=None)

    def reported() -> dict | None:
        counts = ok(national.get(f"{shared_system.url}/reports/initiatives/{initiative_id}", timeout=10))["counts"]
        return counts if counts.get("ideas_handed_over") == 1 and counts.get("network_activities") == 1 else None

    counts = wait_until(reported, timeout=20, interval=0.3, message="reporting counts the network's work")
    assert counts["activity_participants"] == 13 and counts["target_group_youth_16_25"] == 1
    catalogue = national.get(f"{shared_system.url}/reports/catalogue", timeout=10,
                             params={"format": "markdown", "district": "nordjylland"}).text
    case = catalogue.split("\n## Et trygt natteliv i Aalborg\n", 1)[1].split("\n## ", 1)[0]
    assert "- **Status:** Afsluttet – fortsætter som netværk: Trygt natteliv i Aalborg" in case
    assert (f"- Netværksmøde {DAY}, Aalborg Rådhus: Netværksmøde om transport – 13 deltagere, 16–25-årige. "
            "Natbusser foreslås kommunen") in case
    assert f"- Idé givet videre til Aalborg Kommune ({DAY}): Natbusser fra midtbyen i weekenden" in case
    assert "- Aalborg Kommune – Kommune" in case
