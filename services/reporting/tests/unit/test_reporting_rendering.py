"""Case catalogue and dashboard: both languages, Danish characters, escaping, nothing external."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from reporting_samples import INITIATIVE, envelope, hjoerring_story, joined, portfolio

from reporting.domain.projections import state
from reporting.domain.viewer import PUBLIC, Viewer
from reporting.rendering.catalogue import catalogue_html, catalogue_markdown
from reporting.rendering.dashboard import dashboard_html
from reporting.rendering.escape import md
from reporting.rendering.svg import bar_chart, line_chart, progress_bars
from samskab_infra.context import Principal

pytestmark = pytest.mark.unit

NATIONAL = Viewer(Principal.of("nfc@politi.dk", "national_centre"))
NORDJYLLAND = Viewer(Principal.of("op@politi.dk", "district_operator", district="nordjylland"))
PARTICIPANT = Viewer(Principal.of("borger@example.dk", "participant", initiatives=(INITIATIVE,)))
"""Reads the Hjørring initiative but does not see its figures exactly."""

HOSTILE = '<script>alert("x")</script> & *fed* [link](https://evil.example) æøå ÆØÅ'


@pytest.fixture(scope="module")
def built() -> dict:
    stream = hjoerring_story() + portfolio() + [
        envelope("ResultDocumented", result_id="hostile", title="Skur i Vrå & Tårs",
                 description=HOSTILE, actor_ids=[]),
        joined("org-hostile", "association", name='Foreningen "<b>Ø</b>"'),
    ]
    return state.rebuild(stream)


def models(built: dict) -> list[dict]:
    return list(built[state.INITIATIVES].values())


def assert_no_external_references(text: str) -> None:
    assert "http://" not in text and "https://" not in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(?!#)""", text)
    assert not re.search(r"(?<!\\)<script", text.lower())  # escaped in Markdown as \<script


@pytest.mark.parametrize("lang,heading,actors,hard", [
    ("da", "Casekatalog – Hele landet", "### Aktører", "### Hvad var svært?"),
    ("en", "Case catalogue – Nationwide", "### Actors", "### What was hard?"),
])
def test_markdown_catalogue_in_both_languages(built: dict, lang: str, heading: str, actors: str,
                                              hard: str) -> None:
    text = catalogue_markdown(models(built), built[state.ACTORS], viewer=NATIONAL, lang=lang)
    assert text.startswith(f"# {heading}\n")
    assert "## Hjørring – Fri for Indbrud" in text
    assert actors in text and hard in text
    assert "KN Låseteknik" in text and "Hjørring Kommune" in text
    assert "For få ressourcer hos aktørerne." in text  # low reality check -> what was hard
    assert "Nabohjælp er udbredt hurtigere end ventet." in text  # adjustment reason
    assert "Erfaringerne bruges i den nationale kampagne Bo Trygt" in text  # ripple effect
    assert_no_external_references(text)


def test_markdown_escapes_user_text(built: dict) -> None:
    text = catalogue_markdown(models(built), built[state.ACTORS], viewer=NATIONAL)
    assert "\\<script\\>" in text and "\\*fed\\*" in text and "\\[link\\](evil.example)" in text
    assert "æøå ÆØÅ" in text
    assert md("# not a heading") == "\\# not a heading"
    assert md("- not\na list") == "\\- not a list"


@pytest.mark.parametrize("lang,needle", [("da", "Hvad var svært?"), ("en", "What was hard?")])
def test_html_catalogue_is_a_full_escaped_document(built: dict, lang: str, needle: str) -> None:
    page = catalogue_html(models(built), built[state.ACTORS], viewer=NATIONAL, lang=lang,
                          generated_at="2024-05-01T10:00:00Z")
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    assert '<meta charset="utf-8">' in page and needle in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Foreningen &quot;&lt;b&gt;Ø&lt;/b&gt;&quot;" in page
    assert "Skur i Vrå &amp; Tårs" in page
    assert_no_external_references(page.replace('href="#i-', ""))


def test_district_catalogue_shows_own_counts(built: dict) -> None:
    own = catalogue_markdown(models(built), built[state.ACTORS], scope="nordjylland",
                             viewer=NORDJYLLAND)
    outside = catalogue_markdown(models(built), built[state.ACTORS], scope="nordjylland",
                                 viewer=PARTICIPANT)
    assert "Borgere i Hjørring (2)" in own
    assert "Borgere (færre end 5)" in outside and "Borgere i Hjørring (2)" not in outside
    assert "Initiativ fyn-0" not in own
    assert "Initiativ nj-1" in own and "Initiativ nj-1" not in outside  # only what it may read
    assert "Borgere i Hjørring (2)" in catalogue_markdown(models(built), built[state.ACTORS],
                                                          viewer=NATIONAL)
    assert "Initiativ" not in catalogue_markdown(models(built), built[state.ACTORS], viewer=PUBLIC)


def test_erased_actor_is_not_named(built: dict) -> None:
    erased = state.apply(built, envelope("ActorErased", actor_id="org-laas",
                                         actor_kind="business", at="2024-01-01T00:00:00Z"))
    text = catalogue_markdown(models(erased), erased[state.ACTORS], viewer=NATIONAL)
    assert "KN Låseteknik" not in text and "Hjørring Kommune" in text


@pytest.mark.parametrize("scope,lang", [(None, "da"), (None, "en"), ("nordjylland", "da")])
def test_dashboard_is_self_contained_with_inline_svg(built: dict, scope: str | None,
                                                     lang: str) -> None:
    page = dashboard_html(models(built), scope=scope, viewer=NATIONAL if scope is None else NORDJYLLAND,
                          lang=lang)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) >= 4
    for svg in svgs:
        ET.fromstring(svg)  # each chart is well-formed
    assert_no_external_references(page)
    assert ("Initiativer pr. fase" if lang == "da" else "Initiatives by phase") in page


def test_trend_line_outside_the_district_needs_enough_reality_checks(built: dict) -> None:
    own = dashboard_html(models(built), scope="nordjylland", viewer=NORDJYLLAND)
    assert "<polyline" in own  # the district sees its single reality check
    assert "<polyline" in dashboard_html(models(built), scope="nordjylland", viewer=NATIONAL)
    assert "<polyline" not in dashboard_html(models(built), scope="nordjylland", viewer=PARTICIPANT)
    checks = [envelope("RealityCheckRecorded", reality_check_id=f"rc-{i}", date="2017-02-01",
                       initiative_id=f"nj-{i}", average_score=3.0 + i / 10) for i in range(5)]
    more = state.rebuild([*hjoerring_story(), *portfolio(), *checks])
    national = dashboard_html(models(more))
    assert "<polyline" in national and ">2017-K1<" in national


def test_a_dashboard_marks_suppressed_bars_of_persons_only(built: dict) -> None:
    fyn = dashboard_html(models(built), scope="fyn", viewer=NORDJYLLAND)
    assert "&lt;5" in fyn and "stroke-dasharray" in fyn  # three citizens on Fyn
    assert "&lt;5" not in dashboard_html(models(built), scope="fyn", viewer=NATIONAL)
    public = dashboard_html(models(built), viewer=PUBLIC)
    assert "&lt;5" not in public  # counts of initiatives per district and theme are shown
    assert "Anmeldte indbrud i beboelse pr. år" in public  # the shared indicator, without rows
    assert "Initiativ nj-" not in public and "Hjørring – Fri" not in public
    assert "Initiativ nj-1" in dashboard_html(models(built), viewer=NORDJYLLAND)


def test_charts_escape_labels_and_handle_empty_input() -> None:
    svg = bar_chart([("<b>Æ</b>", 3), ("skjult", None)], title="T & U")
    assert "&lt;b&gt;Æ&lt;/b&gt;" in svg and "T &amp; U" in svg
    ET.fromstring(svg)
    ET.fromstring(progress_bars([("mål", 140.0), ("ukendt", None)], title="p"))
    ET.fromstring(line_chart([], title="tom"))
    ET.fromstring(line_chart([("2020", 1.0)], title="én", reference=2.0))
