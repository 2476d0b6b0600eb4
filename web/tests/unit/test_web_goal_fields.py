"""A goal's shared indicator, target date and parent goal in the web's forms and pages: each
field is sent as the goals API expects it (a blank one not at all), a refusal comes back
beside the field it concerns, and the goal page and the workspace's goals table show the
shared indicator, the target date, the parent goal and the sub-goals with how they roll up."""
from __future__ import annotations

import re

import pytest
from web_fakes import csrf_of

from samskab_web import goal_fields
from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
GOALS = f"{PAGE}/goals"
PARENT = {"goal_id": "g1", "platform_id": "p1", "kind": "effect", "year": 2, "goal_type": "quantitative",
          "title": "Færre indbrud i 2026", "description": None, "indicator": "Anmeldte indbrud i beboelse",
          "unit": "anmeldelser", "baseline_value": 40.0, "target_value": 20.0, "direction": "down",
          "target_level": None, "indicator_id": "burglaries_reported", "target_date": "2026-12-31",
          "parent_goal_id": None, "progress": [], "adjustments": [], "set_by": "ank@politi.dk",
          "set_at": "2026-01-01T10:00:00Z"}
SPRING = {**PARENT, "goal_id": "g2", "title": "Første kvartal", "target_value": 35.0, "target_date": "2026-03-31",
          "parent_goal_id": "g1", "set_at": "2026-01-02T10:00:00Z",
          "progress": [{"date": "2026-03-30", "value": 33.0, "level": None, "assessment": None}]}
SUMMER = {**PARENT, "goal_id": "g3", "title": "Andet kvartal", "target_value": 30.0, "target_date": "2026-06-30",
          "parent_goal_id": "g1", "set_at": "2026-01-03T10:00:00Z",
          "progress": [{"date": "2026-06-01", "value": 31.0, "level": None, "assessment": None}]}
OWN = {**PARENT, "goal_id": "g4", "platform_id": None, "kind": "process", "year": 1, "title": "Flere naboer med",
       "indicator": "Tilmeldte naboer", "unit": "husstande", "baseline_value": 10.0, "target_value": 50.0,
       "direction": "up", "indicator_id": None, "target_date": None}
VIEW = {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
        "themes": ["burglary_prevention"], "phase": "co_creative_development", "status": "active",
        "municipalities": [], "challenge": {"text": "Indbrud"}, "anchor_person": None, "eligible_to_close": False,
        "closing_override": None, "working_group": [], "coordinator": None, "baseline": None,
        "platforms": {"p1": {"platform_id": "p1", "name": "Nabohjælp", "focus_area": "Villaveje",
                             "description": None, "status": "active", "members": {},
                             "baseline": {"description": "Mange indbrud", "date": "2026-01-01"},
                             "reality_check_interval_days": None, "next_reality_check_due": None,
                             "overdue_flagged_for": None, "lead": None}},
        "goals": {"g1": PARENT, "g2": SPRING, "g3": SUMMER, "g4": OWN}, "actors": {}, "reality_checks": []}
MEASURED_FORM = {"title": "Færre indbrud", "kind": "effect", "goal_type": "quantitative", "platform_id": "p1",
                 "description": "", "baseline_value": "40", "target_value": "20"}


@pytest.fixture
def workspace(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    return signed_in


def post(client, path: str, data: dict, page: str = PAGE):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, page)})


def sent(gateway, method: str) -> list[dict]:
    return [call["json"] for call in gateway.calls if call["method"] == method]


# -- setting a goal ------------------------------------------------------------------------


def test_a_goal_by_a_shared_indicator_leaves_its_name_unit_and_direction_to_it(workspace, gateway):
    gateway.answers[("POST", GOALS)] = {"goal_id": "g9"}
    response = post(workspace, GOALS, {**MEASURED_FORM, "indicator_id": "burglaries_reported", "indicator": " ",
                                       "unit": "", "direction": "", "target_date": "2026-09-30",
                                       "parent_goal_id": "g1"})
    assert response.status_code == 303 and response.headers["Location"] == f"{GOALS}/g9"
    assert sent(gateway, "POST") == [{
        "kind": "effect", "goal_type": "quantitative", "platform_id": "p1", "title": "Færre indbrud",
        "description": None, "indicator_id": "burglaries_reported", "baseline_value": 40.0, "target_value": 20.0,
        "target_date": "2026-09-30", "parent_goal_id": "g1"}]


def test_a_shared_indicator_may_still_be_named_and_directed_in_the_goals_own_words(workspace, gateway):
    gateway.answers[("POST", GOALS)] = {"goal_id": "g9"}
    post(workspace, GOALS, {**MEASURED_FORM, "indicator_id": "feeling_of_safety", "indicator": "Tryghed i Bangsbo",
                            "unit": "", "direction": "up", "baseline_value": "60", "target_value": "75"})
    body = sent(gateway, "POST")[-1]
    assert {k: body.get(k, "-") for k in ("indicator_id", "indicator", "unit", "direction")} == {
        "indicator_id": "feeling_of_safety", "indicator": "Tryghed i Bangsbo", "unit": "-", "direction": "up"}


def test_blank_new_fields_are_not_sent(workspace, gateway):
    gateway.answers[("POST", GOALS)] = {"goal_id": "g9"}
    post(workspace, GOALS, {**MEASURED_FORM, "indicator_id": "", "indicator": "Anmeldte indbrud", "unit": "pr. år",
                            "direction": "down", "target_date": "", "parent_goal_id": ""})
    body = sent(gateway, "POST")[-1]
    assert not {"indicator_id", "target_date", "parent_goal_id"} & set(body)
    assert body["indicator"] == "Anmeldte indbrud" and body["direction"] == "down"


def test_an_assessed_goal_sends_no_shared_indicator_but_its_target_date_and_parent(workspace, gateway):
    gateway.answers[("POST", GOALS)] = {"goal_id": "g9"}
    post(workspace, GOALS, {"title": "Godt samarbejde", "kind": "process", "goal_type": "qualitative",
                            "platform_id": "", "indicator_id": "burglaries_reported", "target_level": "4",
                            "target_date": "2026-06-30", "parent_goal_id": "g4"})
    assert sent(gateway, "POST")[-1] == {"kind": "process", "goal_type": "qualitative", "platform_id": None,
                                         "title": "Godt samarbejde", "description": None, "target_level": 4,
                                         "target_date": "2026-06-30", "parent_goal_id": "g4"}


@pytest.mark.parametrize(("form", "field", "message"), [
    ({"indicator_id": "", "indicator": "", "unit": "stk", "direction": "down"}, "indicator", "Skal udfyldes."),
    ({"indicator_id": "", "indicator": "Indbrud", "unit": "stk", "direction": ""}, "direction", "Skal udfyldes."),
    ({"indicator_id": "youth_crime", "direction": "sideways"}, "direction", "Skal udfyldes."),
    ({"indicator_id": "youth_crime", "target_date": "31-12-2026"}, "target_date", "Angiv en dato."),
])
def test_a_field_missing_or_wrong_is_marked_and_nothing_is_sent(workspace, gateway, form, field, message):
    response = post(workspace, GOALS, {**MEASURED_FORM, **form})
    assert response.status_code == 422
    assert f'<p class="error" id="goal-{field}-error">{message}</p>' in response.get_data(as_text=True)
    assert sent(gateway, "POST") == []


@pytest.mark.parametrize(("code", "field", "message"), [
    ("goal.target_date.after_parent", "target_date",
     "Et delmåls måldato kan ikke ligge efter måldatoen for det mål, det er delmål af."),
    ("goal.parent.other_kind", "parent_goal_id",
     "Et delmål er af samme slags som det mål, det er delmål af (proces- eller effektmål)."),
    ("goal.parent.other_platform", "parent_goal_id",
     "Et delmål hører til samme udviklingsplatform som det mål, det er delmål af."),
    ("goal.indicator.unknown", "indicator_id", "Vælg en af de fælles indikatorer eller en egen indikator."),
])
def test_a_refused_goal_says_why_beside_the_field(workspace, gateway, code, field, message):
    gateway.answers[("POST", GOALS)] = GatewayError(422, code, "refused")
    response = post(workspace, GOALS, {**MEASURED_FORM, "indicator_id": "burglaries_reported",
                                       "target_date": "2027-01-31", "parent_goal_id": "g1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="goal-{field}-error">{message}</p>' in page
    assert re.search(rf'id="goal-{field}" name="{field}"[^>]*aria-describedby="[^"]*goal-{field}-error"', page)
    assert '<details class="pg-more" open>\n  <summary>Sæt et mål</summary>' in page
    assert '<option value="g1" selected>Færre indbrud i 2026</option>' in page, "the choices are kept"
    assert '<option value="burglaries_reported" selected>' in page
    assert 'id="goal-target_date" name="target_date" type="date" value="2027-01-31"' in page


def test_the_set_form_offers_the_shared_indicators_and_the_initiatives_goals(workspace):
    page = workspace.get(PAGE).get_data(as_text=True)
    shared = re.search(r'<select id="goal-indicator_id".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', shared) == ["", "burglaries_reported", "feeling_of_safety",
                                                              "crimes_reported", "youth_crime", "citizens_reached",
                                                              "partners_involved"]
    assert '<option value="">Egen indikator</option>' in shared and ">Tryghed (% trygge)</option>" in shared
    assert 'aria-describedby="goal-indicator_id-hint"' in shared
    assert "indikator, enhed og retning stå tomme" in page, "the hint says they may be left blank"
    parents = re.search(r'<select id="goal-parent_goal_id".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(g\d)">([^<]+)</option>', parents) == [
        ("g1", "Færre indbrud i 2026"), ("g2", "Første kvartal"), ("g3", "Andet kvartal"), ("g4", "Flere naboer med")]
    assert '<label for="goal-parent_goal_id">Delmål af</label>' in page
    assert '<label for="goal-target_date">Måldato (valgfri)</label>' in page


def test_the_first_goal_is_set_without_a_parent_to_choose(workspace, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "goals": {}}
    page = workspace.get(PAGE).get_data(as_text=True)
    assert 'name="parent_goal_id"' not in page and 'name="indicator_id"' in page


def test_the_shared_indicators_are_named_in_the_pages_language(workspace):
    workspace.get("/language/en?next=/")
    page = workspace.get(PAGE).get_data(as_text=True)
    assert ">Feeling of safety (% feeling safe)</option>" in page and '<option value="">Own indicator</option>' in page


# -- adjusting a goal ----------------------------------------------------------------------


def adjust_form(goal: dict, **changes: str) -> dict:
    return {"title": goal["title"], "description": "", "indicator_id": goal["indicator_id"] or "",
            "indicator": goal["indicator"], "unit": goal["unit"], "baseline_value": "40",
            "target_value": "20", "direction": goal["direction"], "target_date": goal["target_date"] or "",
            "reason": "Ny plan", **changes}


def test_adjusting_the_shared_indicator_and_the_target_date(workspace, gateway):
    gateway.answers[("PATCH", f"{GOALS}/g1")] = {"initiative": VIEW}
    response = post(workspace, f"{GOALS}/g1", adjust_form(PARENT, indicator_id="crimes_reported",
                                                          target_date="2027-03-31"), f"{GOALS}/g1")
    assert response.status_code == 303
    assert sent(gateway, "PATCH") == [{"changes": {"indicator_id": "crimes_reported", "target_date": "2027-03-31"},
                                       "reason": "Ny plan"}], "the new indicator brings its own name and unit"


def test_a_blank_target_date_clears_it_and_a_blank_name_takes_the_shared_indicators(workspace, gateway):
    gateway.answers[("PATCH", f"{GOALS}/g1")] = {"initiative": VIEW}
    post(workspace, f"{GOALS}/g1", adjust_form(PARENT, indicator="", target_date=""), f"{GOALS}/g1")
    assert sent(gateway, "PATCH")[-1]["changes"] == {"indicator": None, "target_date": None}


def test_leaving_the_shared_indicator_keeps_its_name_and_unit_as_the_goals_own(workspace, gateway):
    gateway.answers[("PATCH", f"{GOALS}/g1")] = {"initiative": VIEW}
    post(workspace, f"{GOALS}/g1", adjust_form(PARENT, indicator_id=""), f"{GOALS}/g1")
    assert sent(gateway, "PATCH")[-1]["changes"] == {"indicator_id": None, "indicator": "Anmeldte indbrud i beboelse",
                                                     "unit": "anmeldelser"}


def test_a_goal_of_its_own_takes_a_shared_indicator(workspace, gateway):
    gateway.answers[("PATCH", f"{GOALS}/g4")] = {"initiative": VIEW}
    post(workspace, f"{GOALS}/g4", adjust_form(OWN, indicator_id="partners_involved", target_value="50",
                                               baseline_value="10"), f"{GOALS}/g4")
    assert sent(gateway, "PATCH")[-1]["changes"] == {"indicator_id": "partners_involved"}


@pytest.mark.parametrize(("code", "field", "message"), [
    ("goal.target_date.before_sub_goals", "target_date",
     "Måldatoen kan ikke ligge før måldatoen for et af målets delmål."),
    ("goal.target_date.after_parent", "target_date",
     "Et delmåls måldato kan ikke ligge efter måldatoen for det mål, det er delmål af."),
    ("goal.indicator.unknown", "indicator_id", "Vælg en af de fælles indikatorer eller en egen indikator."),
])
def test_a_refused_adjustment_says_why_beside_the_field(workspace, gateway, code, field, message):
    gateway.answers[("PATCH", f"{GOALS}/g1")] = GatewayError(422, code, "refused")
    response = post(workspace, f"{GOALS}/g1", adjust_form(PARENT, target_date="2026-02-01"), f"{GOALS}/g1")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="adjust-{field}-error">{message}</p>' in page
    assert 'id="adjust-target_date" name="target_date" type="date" value="2026-02-01"' in page


def test_the_adjust_form_holds_the_shared_indicator_and_the_target_date(workspace):
    page = workspace.get(f"{GOALS}/g1").get_data(as_text=True)
    assert '<option value="burglaries_reported" selected>Anmeldte indbrud i beboelse (anmeldelser)</option>' in page
    assert 'id="adjust-target_date" name="target_date" type="date" value="2026-12-31"' in page
    assert "adjust-parent_goal_id" not in page, "a goal's parent is chosen when it is set"


# -- showing a goal ------------------------------------------------------------------------


def test_the_goal_page_lists_the_sub_goals_with_their_status_and_the_roll_up(workspace):
    page = workspace.get(f"{GOALS}/g1").get_data(as_text=True)
    section = re.search(r'<section aria-labelledby="sub-goals-heading".*?</section>', page, re.S).group(0)
    assert '<h2 id="sub-goals-heading">Delmål</h2>' in section
    assert "Målet er nået, når alle delmål er nået." in section
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>: <span class="(pg-\w+)">([^<]+)</span></li>', section) == [
        (f"{GOALS}/g2", "Første kvartal", "pg-met", "Nået"),
        (f"{GOALS}/g3", "Andet kvartal", "pg-unmet", "Ikke nået")], "the nearest target date first"
    assert "<dt>Fælles indikator</dt><dd>Anmeldte indbrud i beboelse (anmeldelser)</dd>" in page
    assert "<dt>Måldato</dt><dd>2026-12-31</dd>" in page
    assert "Målet er ikke nået endnu." in page, "one sub-goal is not reached yet"


def test_a_goal_whose_sub_goals_are_all_reached_is_reached(workspace, gateway):
    summer = {**SUMMER, "progress": [{"date": "2026-06-01", "value": 29.0, "level": None, "assessment": None}]}
    gateway.answers[("GET", PAGE)] = {**VIEW, "goals": {**VIEW["goals"], "g3": summer}}
    page = workspace.get(f"{GOALS}/g1").get_data(as_text=True)
    assert '<p id="pg-goal-status" class="pg-met">Målet er nået.</p>' in page


def test_a_goal_with_measurements_of_its_own_follows_them(workspace, gateway):
    own = {**PARENT, "progress": [{"date": "2026-05-01", "value": 38.0, "level": None, "assessment": None}]}
    summer = {**SUMMER, "progress": [{"date": "2026-06-01", "value": 29.0, "level": None, "assessment": None}]}
    gateway.answers[("GET", PAGE)] = {**VIEW, "goals": {**VIEW["goals"], "g1": own, "g3": summer}}
    page = workspace.get(f"{GOALS}/g1").get_data(as_text=True)
    assert "Målet følger sine egne målinger eller vurderinger; delmålene er trin på vejen." in page
    assert "Målet er ikke nået endnu." in page


def test_a_sub_goals_page_links_to_its_goal(workspace):
    page = workspace.get(f"{GOALS}/g2").get_data(as_text=True)
    assert f'<dt>Delmål af</dt><dd><a href="{GOALS}/g1">Færre indbrud i 2026</a></dd>' in page
    assert "sub-goals-heading" not in page


def test_a_goal_without_the_new_fields_shows_none_of_them(workspace):
    page = workspace.get(f"{GOALS}/g4").get_data(as_text=True)
    assert "goal-fields-facts" not in page and "sub-goals-heading" not in page


def test_the_workspace_table_shows_the_target_dates_the_parent_and_the_sub_goals(workspace):
    page = workspace.get(PAGE).get_data(as_text=True)
    table = re.search(r'<table class="list" id="pg-goals">.*?</table>', page, re.S).group(0)
    rows = {re.search(r'goals/(g\d)">', row).group(1): row for row in re.findall(r"<tr>.*?</tr>", table, re.S)[1:]}
    assert '<td class="goal-fields-date">2026-12-31</td>' in rows["g1"] and '"goal-fields-date">–</td>' in rows["g4"]
    assert "Fælles indikator: Anmeldte indbrud i beboelse (anmeldelser)" in rows["g1"]
    assert "Fælles indikator" not in rows["g4"]
    assert f'<a href="{GOALS}/g2">Første kvartal</a>: <span class="pg-met">Nået</span>' in rows["g1"]
    assert "Målet er nået, når alle delmål er nået." in rows["g1"]
    assert f'Delmål af <a href="{GOALS}/g1">Færre indbrud i 2026</a>' in rows["g3"]


def test_the_roll_up_reaches_through_every_level():
    top = {**OWN, "goal_id": "t", "progress": []}
    middle = {**OWN, "goal_id": "m", "parent_goal_id": "t", "progress": []}
    leaf = {**OWN, "goal_id": "l", "parent_goal_id": "m",
            "progress": [{"date": "2026-05-01", "value": 60.0}]}
    goals = {"t": top, "m": middle, "l": leaf}
    assert goal_fields.is_met(goals, top) and goal_fields.outline(goals)["t"]["rolls_up"]
    assert not goal_fields.is_met({**goals, "l": {**leaf, "progress": [{"date": "2026-05-01", "value": 20.0}]}}, top)
    assert not goal_fields.is_met({"t": top}, top), "a goal with neither progress nor sub-goals is not met"
