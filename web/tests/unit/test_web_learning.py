"""Learning on the workspace (what was hard, what was learned, what partners say, which
initiatives inspired this one, with a form for each to whoever does the work) and the
"Erfaringer" page under "Tal og rapporter" that finds lessons across the districts."""
from __future__ import annotations

import pytest
from web_fakes import PERSON, csrf_of

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
LEARNING = {
    "lessons": [{"lesson_id": "l-1", "kind": "hard", "text": "Svært at samle dørmændene", "phase": "start_up",
                 "theme": None},
                {"lesson_id": "l-2", "kind": "learned", "text": "Dørmændene med fra første møde",
                 "phase": "start_up", "theme": "drugs_in_nightlife"}],
    "quotes": [{"quote_id": "q-1", "quote": "Vi taler nu sammen", "organisation": "Frederikshavn Kommune",
                "role": "SSP-konsulent", "name": None, "date": "2019-05-28"}],
    "inspired_by": [{"initiative_id": "ini_9", "title": "NæverZone – Nul Narko i Næstved", "readable": True,
                     "district": "sydsjaelland_og_lolland_falster", "note": "Nul-tolerance"},
                    {"initiative_id": "ini_8", "title": None, "readable": False, "district": None, "note": None}],
}
VIEW = {"initiative_id": "ini_1", "title": "Trygt natteliv i Frederikshavn", "district": "nordjylland",
        "themes": ["safe_urban_spaces"], "phase": "start_up", "status": "active", "municipalities": [],
        "challenge": {"text": "Stoffer i nattelivet"}, "anchor_person": None, "platforms": {},
        "eligible_to_close": False, "closing_override": None, "learning": LEARNING}
OPERATOR = {"subject": PERSON, "grants": [{"role": "district_operator", "scope": "nordjylland"}]}
FOUND = {"items": [{"initiative_id": "ini_9", "title": "NæverZone", "district": "sydsjaelland_og_lolland_falster",
                    "themes": [], "lesson_id": "l-9", "kind": "learned", "text": "Start med dørmændene",
                    "phase": "actor_involvement", "theme": None, "at": "2019-01-01T00:00:00Z"}],
         "next_cursor": "50"}


@pytest.fixture
def nightlife(gateway):
    gateway.answers[("GET", "/me")] = OPERATOR
    gateway.answers[("GET", PAGE)] = VIEW
    return gateway


def post(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, PAGE)})


def sent(gateway) -> list[tuple[str, str, dict | None]]:
    return [(c["method"], c["path"], c["json"]) for c in gateway.calls if c["method"] == "POST"]


def test_the_workspace_shows_the_lessons_quotes_and_inspirations_with_the_forms(signed_in, nightlife):
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert 'id="learning-heading">Erfaringer og inspiration<' in page
    assert "<h3>Hvad var svært</h3>" in page and "Svært at samle dørmændene" in page
    assert "Dørmændene med fra første møde <span class=\"meta\">(Opstart, Stoffer i nattelivet)" in page
    assert "“Vi taler nu sammen”" in page and "– SSP-konsulent, Frederikshavn Kommune (2019-05-28)" in page
    assert '<a href="/initiatives/ini_9">NæverZone – Nul Narko i Næstved</a>' in page
    assert "Et initiativ, du ikke kan åbne" in page and "/initiatives/ini_8" not in page
    for action in ("lessons", "partner-quotes", "inspirations"):
        assert f'action="{PAGE}/{action}"' in page
    phases = page[page.index('id="lesson-about_phase"'):]
    assert '<option value="start_up">' in phases[:phases.index("</select>")]
    assert '<option value="mapping">' not in phases[:phases.index("</select>")], "only phases reached"
    assert 'aria-describedby="quote-name-hint"' in page


def test_someone_who_only_reads_sees_the_learning_and_no_form(signed_in, nightlife):
    nightlife.answers[("GET", "/me")] = {"subject": PERSON, "grants": [{"role": "national_centre", "scope": None}]}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Svært at samle dørmændene" in page and f'action="{PAGE}/lessons"' not in page


def test_a_lesson_is_posted_and_the_workspace_shown_again(signed_in, nightlife):
    nightlife.answers[("POST", f"{PAGE}/lessons")] = {"lesson_id": "l-3"}
    response = post(signed_in, f"{PAGE}/lessons", {"kind": "learned", "about_phase": "start_up", "theme": "",
                                                   "text": " Start bredt "})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{PAGE}#learning-heading")
    assert sent(nightlife) == [("POST", f"{PAGE}/lessons", {"kind": "learned", "about_phase": "start_up",
                                                             "theme": None, "text": "Start bredt"})]


def test_a_quote_without_its_role_is_refused_beside_the_field_and_nothing_is_sent(signed_in, nightlife):
    response = post(signed_in, f"{PAGE}/partner-quotes", {"quote": "Godt samarbejde", "organisation": "Kommunen",
                                                          "date": "2019-05-01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and sent(nightlife) == []
    assert 'id="quote-role-error">Skal udfyldes.' in page and 'aria-describedby="quote-role-error"' in page
    assert 'value="Kommunen"' in page


def test_a_quote_with_a_consented_name_is_sent_with_it(signed_in, nightlife):
    nightlife.answers[("POST", f"{PAGE}/partner-quotes")] = {"quote_id": "q-2"}
    post(signed_in, f"{PAGE}/partner-quotes", {"quote": "Godt", "organisation": "Kommunen", "role": "Chef",
                                               "name": "Karen Hansen", "date": "2019-05-01"})
    assert sent(nightlife)[0][2]["name"] == "Karen Hansen"


ACTORS = {"a-1": {"name": "Frederikshavn Kommunes SSP", "kind": "municipality"},
          "a-2": {"name": None, "kind": "citizen"}}


def test_a_quote_may_be_attributed_to_one_of_the_actors_taking_part(signed_in, nightlife):
    quotes = [{**LEARNING["quotes"][0], "actor_id": "a-1"}]
    nightlife.answers[("GET", PAGE)] = {**VIEW, "actors": ACTORS, "learning": {**LEARNING, "quotes": quotes}}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "– SSP-konsulent, Frederikshavn Kommune (Frederikshavn Kommunes SSP) (2019-05-28)" in page
    select = page[page.index('<label for="quote-actor_id">'):]
    select = select[:select.index("</select>")]
    assert "Den deltagende aktør, der sagde det (valgfrit)" in select
    assert '<option value="">Ingen af de registrerede aktører</option>' in select
    assert '<option value="a-1">Frederikshavn Kommunes SSP</option>' in select and '<option value="a-2">' in select
    nightlife.answers[("POST", f"{PAGE}/partner-quotes")] = {"quote_id": "q-2"}
    quote = {"quote": "Godt", "organisation": "Kommunen", "role": "Chef", "date": "2019-05-01"}
    post(signed_in, f"{PAGE}/partner-quotes", {**quote, "actor_id": "a-1"})
    post(signed_in, f"{PAGE}/partner-quotes", {**quote, "actor_id": ""})
    assert [body["actor_id"] for _, _, body in sent(nightlife)] == ["a-1", None]


def test_without_actors_taking_part_the_quote_form_has_no_actor_select(signed_in, nightlife):
    assert 'id="quote-actor_id"' not in signed_in.get(PAGE).get_data(as_text=True)


def test_an_actor_no_longer_taking_part_is_refused_beside_the_select(signed_in, nightlife):
    nightlife.answers[("GET", PAGE)] = {**VIEW, "actors": ACTORS}
    nightlife.answers[("POST", f"{PAGE}/partner-quotes")] = GatewayError(
        422, "learning.quote.actor_not_taking_part", "actor a-1 does not take part in this initiative")
    response = post(signed_in, f"{PAGE}/partner-quotes", {"quote": "Godt", "organisation": "Kommunen",
                                                          "role": "Chef", "date": "2019-05-01", "actor_id": "a-1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="quote-actor_id-error">Aktøren deltager ikke i initiativet.' in page
    assert '<option value="a-1" selected>' in page


def test_a_refusal_is_in_plain_words_beside_its_field(signed_in, nightlife):
    nightlife.answers[("POST", f"{PAGE}/lessons")] = GatewayError(
        422, "learning.lesson.phase_not_reached", "a lesson concerns a phase the initiative has reached")
    response = post(signed_in, f"{PAGE}/lessons", {"kind": "hard", "about_phase": "closing", "text": "x"})
    assert response.status_code == 422
    assert 'id="lesson-about_phase-error">Vælg en fase, initiativet er nået til.' in response.get_data(as_text=True)


def test_an_inspiration_the_person_cannot_open_needs_its_title_in_their_words(signed_in, nightlife):
    nightlife.answers[("POST", f"{PAGE}/inspirations")] = GatewayError(
        400, "validation_failed", "give the title", errors={"title": ["required for an initiative you may not read"]})
    response = post(signed_in, f"{PAGE}/inspirations", {"inspired_by_initiative_id": "ini_9"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="inspiration-title-error">skal udfyldes for et initiativ, du ikke kan åbne' in page
    assert sent(nightlife) == [("POST", f"{PAGE}/inspirations",
                                {"inspired_by_initiative_id": "ini_9", "title": None, "note": None})]


def test_the_lessons_page_finds_lessons_with_the_chosen_filters(signed_in, gateway):
    gateway.answers[("GET", "/reports/lessons")] = FOUND
    page = signed_in.get("/reports/lessons?theme=drugs_in_nightlife&q=dørmænd&kind=").get_data(as_text=True)
    asked = [c for c in gateway.calls if c["path"] == "/reports/lessons"][0]["params"]
    assert asked == {"theme": "drugs_in_nightlife", "q": "dørmænd", "limit": "50"}
    assert "<h1>Erfaringer</h1>" in page and "Start med dørmændene" in page
    assert '<option value="drugs_in_nightlife" selected>' in page
    assert "Sydsjællands og Lolland-Falsters Politi" in page and "Aktørinvolvering" in page
    assert "cursor=50" in page and "theme=drugs_in_nightlife" in page


def test_an_unknown_filter_is_not_found(signed_in, gateway):
    assert signed_in.get("/reports/lessons?phase=later").status_code == 404


def test_the_reports_page_links_to_the_lessons(signed_in, gateway):
    from test_web_reports import rollup

    gateway.answers[("GET", "/reports/rollup")] = rollup(suppressed_view=False)
    response = signed_in.get("/reports?district=nordjylland")
    assert response.status_code == 200
    assert 'href="/reports/lessons?district=nordjylland">Erfaringer</a>' in response.get_data(as_text=True)
