"""Learning in reporting: lessons, partner quotes and inspirations in the read model, in
the case catalogue (Markdown and HTML, who inspired whom named only to readers of both),
and the lessons search across the initiatives a caller may read."""
from __future__ import annotations

import pytest
from reporting_fakes import FakeReadModels
from reporting_samples import created, envelope, joined

from reporting.domain.projections import state
from reporting.domain.viewer import Viewer
from reporting.handlers import queries
from reporting.rendering.catalogue import catalogue_html, catalogue_markdown
from samskab_contracts.responses.reporting import InitiativeReportSchema, LessonFoundSchema
from samskab_infra.context import Context, Principal
from samskab_infra.errors import ValidationFailed

pytestmark = pytest.mark.unit

NAEVER = "7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f"
FREDERIKSHAVN = "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10"
SYD = "sydsjaelland_og_lolland_falster"


def _context(principal: Principal) -> Context:
    return Context(correlation_id="c", principal=principal, now="2024-05-01T10:00:00Z")


NATIONAL = _context(Principal.of("nfc@politi.dk", "national_centre"))
NORDJYLLAND = _context(Principal.of("op@politi.dk", "district_operator", district="nordjylland"))


def story() -> list[dict]:
    return [
        created(NAEVER, district=SYD, title="NæverZone – Nul Narko i Næstved", themes=["drugs_in_nightlife"]),
        envelope("LessonRecorded", initiative_id=NAEVER, district=SYD, lesson_id="l-n1", kind="hard",
                 text="Dørmændene var svære at samle", phase="actor_involvement", theme=None),
        created(FREDERIKSHAVN, title="Trygt natteliv i Frederikshavn", themes=["safe_urban_spaces"]),
        envelope("LessonRecorded", lesson_id="l-f1", kind="learned", text="Dørmændene med fra første møde",
                 phase="actor_involvement", theme="drugs_in_nightlife"),
        envelope("LessonRecorded", lesson_id="l-f2", kind="hard", text="Svært at måle trygheden",
                 phase="start_up", theme=None, at="2019-05-01T10:00:00Z"),
        envelope("PartnerQuoteRecorded", name="Karen Hansen"),
        envelope("InitiativeInspirationLinked", inspired_by_initiative_id=NAEVER, title="NæverZone (Næstved)",
                 note="Nul-tolerance"),
    ]


@pytest.fixture(scope="module")
def read_models() -> FakeReadModels:
    return FakeReadModels(state.rebuild(story()))


def test_the_report_of_an_initiative_holds_its_learning_without_a_speakers_name(read_models):
    report = queries.get_initiative(read_models, {"initiative_id": FREDERIKSHAVN}, NATIONAL)
    InitiativeReportSchema().load(report)
    learning = report["learning"]
    assert [lesson["lesson_id"] for lesson in learning["lessons"]] == ["l-f2", "l-f1"]  # oldest first
    assert learning["partner_quotes"][0]["role"] == "SSP-konsulent"
    assert "Karen Hansen" not in str(report)
    assert learning["inspired_by"][0]["initiative_id"] == NAEVER


def test_the_catalogue_shows_what_was_hard_learned_said_and_who_inspired_whom(read_models):
    models = read_models.initiatives()
    national = Viewer(NATIONAL.principal)
    text = catalogue_markdown(models, {}, viewer=national)
    assert "### Hvad har vi lært" in text and "Dørmændene med fra første møde (Aktørinvolvering" in text
    assert "Svært at måle trygheden" in text and "Dørmændene var svære at samle" in text
    assert "“Vi taler nu sammen om de unge, før der sker noget.” – SSP-konsulent, Frederikshavn Kommune" in text
    assert "NæverZone – Nul Narko i Næstved (Sydsjællands og Lolland-Falsters Politi): Nul-tolerance" in text
    assert "### Har inspireret" in text and "- Trygt natteliv i Frederikshavn (Nordjyllands Politi)" in text
    page = catalogue_html(models, {}, viewer=national, lang="en")
    assert "<h3>What we learned</h3>" in page and "<h3>What the partners say</h3>" in page
    assert "<h3>Inspired by</h3>" in page


def test_a_reader_who_may_not_read_the_inspiration_sees_the_linkers_words_only(read_models):
    models = read_models.initiatives(visibility=Viewer(NORDJYLLAND.principal).visibility)
    text = catalogue_markdown(models, {}, viewer=Viewer(NORDJYLLAND.principal))
    assert "NæverZone (Næstved): Nul-tolerance" in text
    assert "Næstved Politi" not in text and "Dørmændene var svære at samle" not in text
    assert "Sydsjællands" not in text


def test_the_catalogue_query_names_inspirations_across_districts_for_the_national_centre(read_models):
    body = queries.get_catalogue(read_models, {"format": "markdown", "district": "nordjylland"}, NATIONAL)["body"]
    assert "NæverZone – Nul Narko i Næstved (Sydsjællands og Lolland-Falsters Politi)" in body


def test_lessons_are_found_across_the_districts_the_caller_may_read(read_models):
    found = queries.find_lessons(read_models, {}, NATIONAL)
    for item in found["items"]:
        LessonFoundSchema().load(item)
    assert [i["lesson_id"] for i in found["items"]] == ["l-f2", "l-f1", "l-n1"]  # district, title, phase
    own = queries.find_lessons(read_models, {}, NORDJYLLAND)["items"]
    assert {i["lesson_id"] for i in own} == {"l-f1", "l-f2"}


@pytest.mark.parametrize(("query", "expected"), [
    ({"theme": "drugs_in_nightlife"}, ["l-f1", "l-n1"]),  # the lesson's theme, or its initiative's
    ({"theme": "safe_urban_spaces"}, ["l-f2"]),
    ({"phase": "actor_involvement", "kind": "hard"}, ["l-n1"]),
    ({"q": "DØRMÆNDENE første"}, ["l-f1"]),
    ({"district": SYD}, ["l-n1"]),
])
def test_lessons_are_found_by_theme_phase_kind_words_and_district(read_models, query, expected):
    assert [i["lesson_id"] for i in queries.find_lessons(read_models, query, NATIONAL)["items"]] == expected


def test_lessons_come_in_pages(read_models):
    first = queries.find_lessons(read_models, {"limit": 2}, NATIONAL)
    assert len(first["items"]) == 2 and first["next_cursor"] == "2"
    rest = queries.find_lessons(read_models, {"limit": 2, "cursor": "2"}, NATIONAL)
    assert [i["lesson_id"] for i in rest["items"]] == ["l-n1"] and rest["next_cursor"] is None
    with pytest.raises(ValidationFailed):
        queries.find_lessons(read_models, {"theme": "weather"}, NATIONAL)


def test_a_quote_attributed_to_a_registered_organisation_names_it_and_a_citizen_stays_unnamed():
    kommune, citizen = "a-kommune", "a-borger"
    models = FakeReadModels(state.rebuild([
        created(FREDERIKSHAVN, title="Trygt natteliv i Frederikshavn"),
        joined(kommune, kind="municipality", name="Frederikshavn Kommunes SSP", initiative_id=FREDERIKSHAVN),
        joined(citizen, kind="citizen", initiative_id=FREDERIKSHAVN),
        envelope("PartnerQuoteRecorded", quote_id="q-1", actor_id=kommune),
        envelope("PartnerQuoteRecorded", quote_id="q-2", actor_id=citizen, organisation="Borgerne",
                 role="Beboer", quote="Her er rart nu.", at="2019-07-01T10:00:00Z")]))
    report = queries.get_initiative(models, {"initiative_id": FREDERIKSHAVN}, NATIONAL)
    InitiativeReportSchema().load(report)
    assert [(q["quote_id"], q["actor_name"]) for q in report["learning"]["partner_quotes"]] == [
        ("q-1", "Frederikshavn Kommunes SSP"), ("q-2", None)]
    assert "a-kommune" not in str(report["learning"])
    text = catalogue_markdown(models.initiatives(), models.actors(), viewer=Viewer(NATIONAL.principal))
    assert "– SSP-konsulent, Frederikshavn Kommune (Frederikshavn Kommunes SSP)" in text
    assert "“Her er rart nu.” – Beboer, Borgerne\n" in text
