"""Learning across districts through the gateway on a live system (issue 15): Frederikshavn
in Nordjylland records what was hard and what was learned, what a partner says, and that it
was inspired by NæverZone in Sydsjælland, which its operator may not read. The link reveals
nothing of NæverZone to them; the national centre sees it by its own title, finds the
lessons of both districts and reads in the case catalogue who inspired whom."""
from __future__ import annotations

import pytest

from tests.harness import wait_until

pytestmark = pytest.mark.e2e

SYD = "sydsjaelland_og_lolland_falster"


def _body(title: str, district: str) -> dict:
    return {"title": title, "district": district, "themes": ["drugs_in_nightlife"],
            "challenge": {"text": "Stoffer i nattelivet"}, "municipalities": []}


def test_frederikshavn_learns_from_naeverzone_and_the_national_centre_finds_it(system):
    south = system.session(role="district_operator", district=SYD, subject="op@syd.politi.dk")
    north = system.session(role="district_operator", district="nordjylland", subject="op@nord.politi.dk")
    centre = system.session(role="national_centre", district=None, subject="nfc@politi.dk")
    naever = south.post(f"{system.url}/initiatives", json=_body("NæverZone – Nul Narko i Næstved", SYD),
                        timeout=10).json()["initiative_id"]
    south.post(f"{system.url}/initiatives/{naever}/lessons", timeout=10, json={
        "kind": "hard", "text": "Dørmændene var svære at samle", "about_phase": "start_up"}).raise_for_status()
    frederikshavn = north.post(f"{system.url}/initiatives", json=_body("Trygt natteliv i Frederikshavn",
                                                                       "nordjylland"), timeout=10).json()
    url = f"{system.url}/initiatives/{frederikshavn['initiative_id']}"

    # NæverZone is not the operator's to read: without a title in their own words, the link
    # is refused exactly as for an initiative that does not exist
    refused = [north.post(f"{url}/inspirations", json={"inspired_by_initiative_id": other}, timeout=10)
               for other in (naever, "findes-ikke")]
    assert [r.status_code for r in refused] == [400, 400]
    assert refused[0].json()["errors"] == refused[1].json()["errors"]
    linked = north.post(f"{url}/inspirations", timeout=10, json={
        "inspired_by_initiative_id": naever, "title": "NæverZone", "note": "Nul-tolerance i nattelivet"})
    assert linked.status_code == 201, linked.text
    north.post(f"{url}/lessons", timeout=10, json={"kind": "learned", "text": "Dørmændene med fra første møde",
                                                    "about_phase": "start_up"}).raise_for_status()
    quote = north.post(f"{url}/partner-quotes", timeout=10, json={
        "quote": "Vi taler nu sammen om de unge", "organisation": "Frederikshavn Kommune",
        "role": "SSP-konsulent", "name": "Karen Hansen", "date": "2024-01-10"})
    assert quote.status_code == 201, quote.text

    own = north.get(url, timeout=10).json()["learning"]["inspired_by"][0]
    assert (own["title"], own["district"], own["readable"]) == ("NæverZone", None, False)
    seen = centre.get(url, timeout=10).json()["learning"]["inspired_by"][0]
    assert (seen["title"], seen["district"]) == ("NæverZone – Nul Narko i Næstved", SYD)

    def found() -> list | None:
        items = centre.get(f"{system.url}/reports/lessons", params={"theme": "drugs_in_nightlife"},
                           timeout=10).json()["items"]
        return items if len(items) == 2 else None

    lessons = wait_until(found, timeout=30, message="reporting has both districts' lessons")
    assert {lesson["district"] for lesson in lessons} == {"nordjylland", SYD}
    north_found = north.get(f"{system.url}/reports/lessons", timeout=10).json()["items"]
    assert [lesson["text"] for lesson in north_found] == ["Dørmændene med fra første møde"]

    catalogue = centre.get(f"{system.url}/reports/catalogue", params={"format": "markdown"}, timeout=10).text
    assert "NæverZone – Nul Narko i Næstved (Sydsjællands og Lolland-Falsters Politi): Nul-tolerance" in catalogue
    assert "“Vi taler nu sammen om de unge” – SSP-konsulent, Frederikshavn Kommune" in catalogue
    assert "Karen Hansen" not in catalogue, "a quoted person's name stays out of the reports"
