"""The figures pages against a fake gateway: the roll-up drawn in our template with the
gateway's suppression shown as such, and the download proxy (the gateway's Content-Type, an
attachment, the person's scope passed on, a refusal as our error page)."""
from __future__ import annotations

import pytest
from web_fakes import PERSON, FakeDocument

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit


def cell(value, suppressed=False):
    return {"value": None if suppressed else value, "suppressed": suppressed}


def one_way(counts):
    return {"cells": {k: cell(v) for k, v in counts.items()}, "total": cell(sum(counts.values()))}


def rollup(*, suppressed_view: bool, national: bool = True) -> dict:
    answer = {
        "scope": None if national else "nordjylland", "suppressed_view": suppressed_view, "threshold": 5,
        "initiatives": cell(3), "by_phase": one_way({"startup": 2, "mapping": 1}),
        "by_status": one_way({"active": 3}), "by_theme": one_way({"burglary_prevention": 3}),
        "goals": one_way({"reached": 1, "not_reached": 2}), "platforms": one_way({"reached": 0, "not_reached": 1}),
        "time_to_close": {"closed": cell(0), "median_days": cell(None), "mean_days": cell(None)},
        "median_days_in_phase": {}, "results": one_way({"small": 1}), "ripple_effects": cell(2),
        "activities": one_way({"safety_walk": 1}), "reality_checks_overdue": cell(0),
        "influence_imbalanced": cell(0), "shared_indicators": [],
        "actors_by_kind": {"rows": {"citizen": {"active": cell(3, suppressed_view), "left": cell(0)},
                                    "municipality": {"active": cell(2), "left": cell(0)}},
                           "row_totals": {"citizen": cell(3, suppressed_view), "municipality": cell(2)},
                           "column_totals": {"active": cell(5, suppressed_view), "left": cell(0)},
                           "total": cell(5, suppressed_view)},
    }
    if national:
        answer["by_district_and_phase"] = {
            "rows": {"nordjylland": {"startup": cell(2), "mapping": cell(1)}},
            "row_totals": {"nordjylland": cell(3)}, "column_totals": {"startup": cell(2), "mapping": cell(1)},
            "total": cell(3)}
    return answer


def me(*grants: dict) -> dict:
    return {"subject": PERSON, "grants": list(grants)}


def test_the_national_centre_sees_the_country_with_exact_figures(signed_in, gateway):
    gateway.answers[("GET", "/me")] = me({"role": "national_centre", "scope": None})
    gateway.answers[("GET", "/reports/rollup")] = rollup(suppressed_view=False)
    page = signed_in.get("/reports")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<h1>Tal og rapporter</h1>" in html
    assert gateway.calls[-1]["params"] == {}, "the whole country"
    assert "Du ser de præcise tal." in html and "Nordjyllands Politi" in html
    assert 'id="initiatives-total">3<' in html
    assert "<script" not in html and "style=" not in html


def test_a_district_operator_starts_at_their_district_and_sees_suppression_marked(signed_in, gateway):
    gateway.answers[("GET", "/reports/rollup")] = rollup(suppressed_view=True, national=False)
    html = signed_in.get("/reports").get_data(as_text=True)
    assert gateway.calls[-1]["params"] == {"district": "nordjylland"}
    assert "Antal personer fra 1 til 4 er skjult" in html
    assert html.count('class="suppressed"') == 4, "the citizens' cells and the totals that include them"


def test_an_unknown_district_is_not_found(signed_in):
    assert signed_in.get("/reports?district=atlantis").status_code == 404


def test_a_download_streams_the_gateways_document_as_an_attachment(signed_in, gateway):
    document = FakeDocument(b"initiative_id,title\nini_1,Hj\xc3\xb8rring\n" * 5000,
                            {"Content-Type": "text/csv; charset=utf-8",
                             "Content-Disposition": 'attachment; filename="samskab-initiatives-national.csv"'})
    gateway.answers[("DOWNLOAD", "/reports/exports/initiatives")] = document
    response = signed_in.get("/reports/exports/initiatives/csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="samskab-initiatives-national.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_data() == document.body
    assert document.closed
    assert gateway.calls[-1]["params"] == {"format": "csv"} and gateway.calls[-1]["subject"] == PERSON


def test_the_catalogue_is_always_saved_never_shown_under_our_origin(signed_in, gateway):
    gateway.answers[("DOWNLOAD", "/reports/catalogue")] = FakeDocument(
        b"<style>h1{}</style><h1>Katalog</h1>", {"Content-Type": "text/html; charset=utf-8"})
    response = signed_in.get("/reports/catalogue/download/html?district=nordjylland")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="samskab-catalogue-nordjylland-da.html"'
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert gateway.calls[-1]["params"] == {"district": "nordjylland", "format": "html", "lang": "da"}


def test_the_catalogue_as_markdown_in_english(signed_in, gateway):
    gateway.answers[("DOWNLOAD", "/reports/catalogue")] = FakeDocument(
        b"# Catalogue\n", {"Content-Type": "text/markdown; charset=utf-8"})
    response = signed_in.get("/reports/catalogue/download/markdown?lang=en")
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="samskab-catalogue-national-en.md"'
    assert response.get_data() == b"# Catalogue\n"


@pytest.mark.parametrize("path", ["/reports/exports/people/csv", "/reports/exports/goals/xlsx",
                                  "/reports/catalogue/download/pdf"])
def test_a_document_the_api_does_not_offer_is_not_found_without_asking(signed_in, gateway, path):
    before = len(gateway.calls)
    assert signed_in.get(path).status_code == 404
    assert len(gateway.calls) == before


@pytest.mark.parametrize(("status", "shown"), [(403, 403), (404, 404), (502, 503)])
def test_a_refused_download_is_our_error_page(signed_in, gateway, status, shown):
    gateway.answers[("DOWNLOAD", "/reports/exports/goals")] = GatewayError(status, "reporting.refused", "no")
    response = signed_in.get("/reports/exports/goals/json")
    assert response.status_code == shown
    assert response.mimetype == "text/html" and "Content-Disposition" not in response.headers


def test_the_pages_need_a_signed_in_person(client):
    for path in ("/reports", "/reports/catalogue", "/reports/exports", "/reports/exports/goals/csv"):
        response = client.get(path)
        assert response.status_code == 303 and "/sign-in" in response.headers["Location"]


def test_the_catalogue_lists_the_cases_and_offers_both_downloads(signed_in, gateway):
    gateway.answers[("GET", "/reports/initiatives")] = {"items": [
        {"initiative_id": "ini_1", "title": "Hjørring <i>Fri</i>", "district": "nordjylland", "phase": "mapping",
         "status": "active", "created_at": "2026-12-01T10:00:00Z"}], "next_cursor": None}
    html = signed_in.get("/reports/catalogue").get_data(as_text=True)
    assert "Hjørring &lt;i&gt;Fri&lt;/i&gt;" in html and "2026-12-01" in html
    assert "/reports/catalogue/download/markdown?lang=da" in html and "/reports/catalogue/download/html" in html


def test_the_exports_page_offers_each_export_as_csv_and_json(signed_in):
    html = signed_in.get("/reports/exports?district=nordjylland").get_data(as_text=True)
    for name in ("initiatives", "goals", "rollup"):
        for fmt in ("csv", "json"):
            assert f"/reports/exports/{name}/{fmt}?district=nordjylland" in html


def test_the_figures_in_english(signed_in, gateway):
    gateway.answers[("GET", "/reports/rollup")] = rollup(suppressed_view=True, national=False)
    signed_in.get("/language/en?next=/reports")
    html = signed_in.get("/reports").get_data(as_text=True)
    assert '<html lang="en">' in html and "<h1>Figures and reports</h1>" in html
    assert "Counts of persons from 1 to 4 are hidden" in html and ">Citizens<" in html and ">Active now<" in html


@pytest.mark.parametrize(("lang", "shown"), [("da", "12,5"), ("en", "12.5")])
def test_a_fraction_is_written_the_way_the_language_writes_it(signed_in, gateway, lang, shown):
    answer = rollup(suppressed_view=False)
    answer["time_to_close"]["median_days"] = cell(12.5)
    gateway.answers[("GET", "/me")] = me({"role": "national_centre", "scope": None})
    gateway.answers[("GET", "/reports/rollup")] = answer
    signed_in.set_cookie("samskab_lang", lang)
    html = signed_in.get("/reports").get_data(as_text=True)
    assert f">{shown}<" in html


def test_the_shared_indicators_are_listed_with_their_mean_change(signed_in, gateway):
    answer = rollup(suppressed_view=False)
    answer["shared_indicators"] = [{"indicator": "Anmeldte indbrud", "initiatives": cell(2),
                                    "mean_change_pct": cell(-25.0)}]
    gateway.answers[("GET", "/me")] = me({"role": "national_centre", "scope": None})
    gateway.answers[("GET", "/reports/rollup")] = answer
    page = signed_in.get("/reports")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Gennemsnitlig ændring i procent" in html and ">-25,0<" in html
