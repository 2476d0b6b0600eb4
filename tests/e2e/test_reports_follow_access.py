"""Reports follow the caller's grants, on a live system with the nine real cases of the case
catalogue loaded through the API (issue 11, findings 2 and 4): the national centre sees exact
figures per district and per theme, a district operator its own district exactly and the
persons of other districts suppressed, the people of an initiative and an actor's
representative only their initiatives, and another district's initiative is not found."""
from __future__ import annotations

import uuid
from collections import Counter

import pytest

from scripts.case_catalogue import CASES, Loaded, load_nine_cases
from tests.harness import wait_until

pytestmark = pytest.mark.e2e

HJOERRING = "Hjørring – Fri for Indbrud"
FARUM = "Fælles om Farum"


@pytest.fixture(scope="module")
def cases(system) -> Loaded:
    operators: dict = {}

    def operator(district: str):
        if district not in operators:
            operators[district] = system.session(role="district_operator", district=district,
                                                 subject=f"op-{uuid.uuid4().hex[:6]}@{district}.politi.dk")
        return operators[district]

    def representative(actor_id: str):
        return system.session(role="actor_representative", district=None, actor_id=actor_id,
                              subject=f"rep-{uuid.uuid4().hex[:6]}@example.dk")

    loaded = load_nine_cases(system.url, operator, representative)
    national = system.session(role="national_centre", district=None, subject="nfc@politi.dk")
    citizens = sum(c.citizens for c in CASES)

    def reported() -> dict | None:
        rollup = national.get(f"{system.url}/reports/rollup", timeout=30).json()
        active = rollup["actors_by_kind"]["rows"].get("citizen", {}).get("active", {}).get("value")
        return rollup if rollup["initiatives"]["value"] == len(CASES) and active == citizens else None

    wait_until(reported, timeout=90, interval=0.5, message="reporting has the nine cases")
    return loaded


def listed(session, url: str, **params) -> set[str]:
    ids, cursor = [], None
    while True:
        page = session.get(f"{url}/reports/initiatives", params={**params, "limit": 2, "cursor": cursor},
                           timeout=30).json()
        ids += [item["initiative_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            assert len(ids) == len(set(ids)), "a page repeated an initiative"
            return set(ids)


def test_the_national_centre_sees_exact_figures_per_district_and_per_theme(system, cases):
    national = system.session(role="national_centre", district=None, subject="nfc@politi.dk")
    rollup = national.get(f"{system.url}/reports/rollup", timeout=30).json()
    assert rollup["suppressed_view"] is False
    by_district = Counter(c.district for c in CASES)
    grid = rollup["by_district_and_phase"]["row_totals"]
    assert {d: c["value"] for d, c in grid.items() if c["value"]} == dict(by_district)
    assert not any(c["suppressed"] for c in grid.values())
    by_theme = Counter(t for c in CASES for t in c.themes)
    assert {t: c["value"] for t, c in rollup["by_theme"]["cells"].items()} == dict(by_theme)
    assert not any(c["suppressed"] for c in rollup["by_theme"]["cells"].values())
    assert rollup["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": 7, "suppressed": False}
    dashboard = national.get(f"{system.url}/reports/dashboard", timeout=30)
    assert dashboard.status_code == 200 and "&lt;5" not in dashboard.text
    for district, count in by_district.items():
        local = national.get(f"{system.url}/reports/rollup", params={"district": district}, timeout=30).json()
        assert local["initiatives"] == {"value": count, "suppressed": False}
        assert local["suppressed_view"] is False
    assert listed(national, system.url) == set(cases.initiatives.values())


def test_a_district_operator_sees_its_own_district_exactly_and_persons_elsewhere_suppressed(system, cases):
    midt = system.session(role="district_operator", district="midt_og_vestjylland",
                          subject=f"op-{uuid.uuid4().hex[:6]}@midt.politi.dk")
    own = midt.get(f"{system.url}/reports/rollup", params={"district": "midt_og_vestjylland"}, timeout=30).json()
    assert own["suppressed_view"] is False
    assert own["initiatives"] == {"value": 3, "suppressed": False}
    assert own["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": 2, "suppressed": False}
    other = midt.get(f"{system.url}/reports/rollup", params={"district": "nordsjaelland"}, timeout=30).json()
    assert other["initiatives"] == {"value": 1, "suppressed": False}  # counts of initiatives: exact
    assert other["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": None, "suppressed": True}
    organisations = other["actors_by_kind"]["rows"]["municipality"]["active"]
    assert organisations["suppressed"] is False and organisations["value"] > 0  # organisations: exact
    dashboard = midt.get(f"{system.url}/reports/dashboard", params={"district": "nordsjaelland"}, timeout=30)
    assert "&lt;5" in dashboard.text and FARUM not in dashboard.text
    assert listed(midt, system.url) == {cases.initiatives[c.title] for c in CASES
                                        if c.district == "midt_og_vestjylland"}

    hjoerring = midt.get(f"{system.url}/reports/initiatives/{cases.initiatives[HJOERRING]}", timeout=30)
    assert hjoerring.status_code == 404 and hjoerring.json()["code"] == "initiative.not_found"
    catalogue = midt.get(f"{system.url}/reports/catalogue", params={"format": "markdown"}, timeout=30).text
    assert "Co-creation i Gullestrup" in catalogue and HJOERRING not in catalogue
    exported = midt.get(f"{system.url}/reports/exports/initiatives", params={"format": "json"}, timeout=30).json()
    assert {row["district"] for row in exported} == {"midt_og_vestjylland"}


def test_an_anchor_person_lists_only_their_initiative(system, cases):
    operator = system.session(role="district_operator", district="nordjylland",
                              subject=f"op-{uuid.uuid4().hex[:6]}@nordjylland.politi.dk")
    initiative_id = cases.initiatives[HJOERRING]
    subject = f"jsn-{uuid.uuid4().hex[:6]}@politi.dk"
    appointed = operator.put(f"{system.url}/initiatives/{initiative_id}/anchor-person", timeout=30, json={
        "anchor_person": {"person_id": subject, "name": "Jeanette Storm Nielsen"}, "reason": "udpeget"})
    assert appointed.status_code == 200, appointed.text
    anchor = system.session(role=None, district=None, subject=subject)  # rights from the appointment
    report = f"{system.url}/reports/initiatives/{initiative_id}"
    wait_until(lambda: anchor.get(report, timeout=30).status_code == 200, timeout=30,
               message="the appointment lets the anchor person read the report")
    assert listed(anchor, system.url) == {initiative_id}
    view = anchor.get(report, timeout=30).json()
    assert view["actors"]["active_by_kind"]["cells"]["citizen"] == {"value": 2, "suppressed": False}
    aalborg = cases.initiatives["Et trygt natteliv i Aalborg"]  # same district, not theirs
    assert anchor.get(f"{system.url}/reports/initiatives/{aalborg}", timeout=30).status_code == 404


def test_an_actor_representative_lists_only_its_actors_initiatives(system, cases):
    arriva = system.session(role="actor_representative", district=None, actor_id=cases.actors["Arriva"],
                            subject=f"rep-{uuid.uuid4().hex[:6]}@arriva.dk")
    expected = {cases.initiatives[c.title] for c in CASES if "Arriva" in dict(c.actors)}
    assert len(expected) == 2  # Aalborg's nightlife and Kærshovedgård, in two districts
    assert listed(arriva, system.url) == expected
    view = arriva.get(f"{system.url}/reports/initiatives/{cases.initiatives['Et trygt natteliv i Aalborg']}",
                      timeout=30)
    assert view.status_code == 200 and view.json()["suppressed_view"] is True
    farum = arriva.get(f"{system.url}/reports/initiatives/{cases.initiatives[FARUM]}", timeout=30)
    assert farum.status_code == 404


def test_a_partner_sees_aggregated_figures_without_any_initiative_text(system, cases):
    partner = system.session(role="partner", district=None, subject=f"partner-{uuid.uuid4().hex[:6]}@example.dk")
    assert listed(partner, system.url) == set()
    rollup = partner.get(f"{system.url}/reports/rollup", timeout=30).json()
    assert rollup["initiatives"] == {"value": len(CASES), "suppressed": False}
    assert rollup["suppressed_view"] is True
    assert all(group["rows"] == [] for group in rollup["shared_indicators"])
    dashboard = partner.get(f"{system.url}/reports/dashboard", timeout=30).text
    catalogue = partner.get(f"{system.url}/reports/catalogue", params={"format": "markdown"}, timeout=30).text
    for case in CASES:
        assert case.title not in dashboard and case.title not in catalogue
        assert partner.get(f"{system.url}/reports/initiatives/{cases.initiatives[case.title]}",
                           timeout=30).status_code == 404
    assert partner.get(f"{system.url}/reports/exports/goals", params={"format": "json"}, timeout=30).json() == []
