"""The reports through the whole running system: every read model's JSON API behind the
gateway, and the dashboard as a real headless browser renders it."""
from __future__ import annotations

import csv
import io
import os
import random
import re
import shutil
import subprocess

import pytest
import requests
from reporting_feed import now_stamped, publish, wait_processed

from samskab_contracts.districts import DISTRICTS
from samskab_dev import synthetic
from samskab_infra.mongo import make_client
from tests.system import System

pytestmark = pytest.mark.e2e

PER_DISTRICT = 2
EVENTS_PER_INITIATIVE = 20  # the fewest with goals in every export (seed 5)
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


@pytest.fixture(scope="module")
def system(embedded_store):
    running = System(os.environ.get("TEST_MONGO_URI") or embedded_store.uri).start()
    client = make_client(running.mongo_uri)
    try:
        history = now_stamped(list(synthetic.history(PER_DISTRICT, EVENTS_PER_INITIATIVE, seed=5, validate=True)))
        random.Random(5).shuffle(history)  # interleaved, as many initiatives' events arrive
        publish(running.amqp_uri, history)
        wait_processed(client[f"{running.db_prefix}_reporting"], [e["event_id"] for e in history],
                       timeout=120)
        running.history = history
        yield running
    finally:
        client.close()
        running.stop()


def first_initiative(system: System) -> dict:
    return next(e for e in system.history if e["type"] == "InitiativeCreated")["data"]


def test_every_read_model_answers_json_through_the_gateway(system):
    national = system.session(role="national_centre", district=None)
    created = first_initiative(system)
    district = created["district"]
    own = system.session(role="district_operator", district=district)

    page = national.get(f"{system.url}/reports/initiatives",
                        params={"district": district, "limit": 1}, timeout=10)
    assert page.status_code == 200, page.text
    items = page.json()["items"]
    assert len(items) == 1 and page.json()["next_cursor"] == items[-1]["initiative_id"]
    assert set(items[0]["influence"]) == {"gini", "top20_share", "imbalanced"}
    rest = national.get(f"{system.url}/reports/initiatives", timeout=10, params={
        "district": district, "cursor": page.json()["next_cursor"]}).json()
    assert len(rest["items"]) == PER_DISTRICT - 1 and rest["next_cursor"] is None

    view = own.get(f"{system.url}/reports/initiatives/{created['initiative_id']}", timeout=10)
    assert view.status_code == 200 and view.json()["title"] == created["title"]
    assert {"gini", "top20_share", "imbalanced", "by_kind"} <= set(view.json()["influence"])
    assert national.get(f"{system.url}/reports/initiatives/unknown", timeout=10).status_code == 404
    foreign = system.session(role="district_operator",
                             district=next(d for d in DISTRICTS if d != district))
    hidden = foreign.get(f"{system.url}/reports/initiatives/{created['initiative_id']}", timeout=10)
    assert hidden.status_code == 404 and hidden.json()["code"] == "initiative.not_found"
    assert foreign.get(f"{system.url}/reports/initiatives", params={"district": district},
                       timeout=10).json()["items"] == []

    rollup = national.get(f"{system.url}/reports/rollup", timeout=10).json()
    assert rollup["initiatives"] == {"value": 12 * PER_DISTRICT, "suppressed": False}
    assert rollup["suppressed_view"] is False  # the national centre sees exact figures
    local = own.get(f"{system.url}/reports/rollup", params={"district": district}, timeout=10).json()
    assert local["initiatives"]["value"] == PER_DISTRICT and local["suppressed_view"] is False

    catalogue = national.get(f"{system.url}/reports/catalogue",
                             params={"format": "markdown", "lang": "en"}, timeout=10)
    assert catalogue.headers["Content-Type"].startswith("text/markdown")
    assert created["title"] in catalogue.text

    exported = national.get(f"{system.url}/reports/exports/initiatives", timeout=10)
    assert exported.headers["Content-Disposition"].endswith('samskab-initiatives-national.csv"')
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == 12 * PER_DISTRICT and "influence_gini" in rows[0]
    as_json = national.get(f"{system.url}/reports/exports/goals", params={"format": "json"},
                           timeout=10)
    assert as_json.headers["Content-Type"].startswith("application/json") and as_json.json()
    assert national.get(f"{system.url}/reports/exports/nope", timeout=10).status_code == 400
    assert requests.get(f"{system.url}/reports/rollup", timeout=10).status_code == 401


def chromium(*args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run(["chromium", *CHROMIUM_FLAGS, *args], capture_output=True, text=True,
                          timeout=timeout)


def test_dashboard_renders_in_a_headless_browser(system, tmp_path):
    if shutil.which("chromium") is None:
        if not os.environ.get("CI"):
            pytest.skip("chromium is not installed (apt-get install chromium)")
        pytest.fail("chromium is missing in CI: the Makefile should install it")
    response = system.session(role="national_centre", district=None).get(
        f"{system.url}/reports/dashboard", params={"lang": "en"}, timeout=10)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    page = tmp_path / "dashboard.html"
    page.write_text(response.text, encoding="utf-8")

    dom = chromium(f"--user-data-dir={tmp_path / 'profile-dom'}", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = dom.stdout
    assert "<h1>Dashboard – Nationwide</h1>" in rendered
    assert "<h2>Key figures</h2>" in rendered
    for caption in ("Initiatives by phase", "Initiatives by police district", "Initiatives by theme",
                    "Actors by kind", "Goal progress"):
        assert f"<figcaption>{caption}</figcaption>" in rendered, caption
    charts = re.findall(r"<svg\b.*?</svg>", rendered, flags=re.S)
    assert len(charts) == 6
    assert all("<title>" in chart for chart in charts)
    assert sum(chart.count("<rect") for chart in charts) >= 12 + 5  # a bar per district, per phase
    assert "<script" not in rendered

    shot = tmp_path / "dashboard.png"
    screenshot = chromium(f"--user-data-dir={tmp_path / 'profile-shot'}",
                          f"--screenshot={shot}", "--window-size=1280,2200", page.as_uri())
    assert screenshot.returncode == 0, screenshot.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    keep = os.environ.get("REPORTING_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
