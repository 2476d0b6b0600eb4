"""The workspace's people, platforms and goals: each form posts the gateway's command (303
back to its page), a refusal comes back beside the field in plain words (422, nothing else
sent), a missing field is caught before anything is sent, the pages show only the forms the
access policy allows, and a goal's chart is inline SVG drawn from the figures its table lists."""
from __future__ import annotations

import re

import pytest
from web_fakes import csrf_of

from samskab_web import charts, platforms
from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
PLATFORM = f"{PAGE}/platforms/p1"
GOAL = f"{PAGE}/goals/g1"
MEASURED = {"goal_id": "g1", "platform_id": "p1", "kind": "effect", "year": 2, "goal_type": "quantitative",
            "title": "Færre indbrud", "description": None, "indicator": "Anmeldte indbrud", "unit": "pr. år",
            "baseline_value": 40.0, "target_value": 20.0, "direction": "down", "target_level": None,
            "progress": [{"date": "2026-06-01", "value": 30.0, "level": None, "assessment": "Efter sommer"},
                         {"date": "2026-03-01", "value": 35.5, "level": None, "assessment": None}],
            "adjustments": [], "set_by": "ank@politi.dk", "set_at": "2026-01-01T10:00:00Z"}
ASSESSED = {**MEASURED, "goal_id": "g2", "platform_id": None, "kind": "process", "goal_type": "qualitative",
            "title": "Godt samarbejde", "indicator": None, "unit": None, "baseline_value": None,
            "target_value": None, "direction": None, "target_level": 4,
            "progress": [{"date": "2026-02-01", "value": None, "level": 3, "assessment": "På vej"}]}
VIEW = {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
        "themes": ["burglary_prevention"], "phase": "co_creative_development", "status": "active",
        "municipalities": [], "challenge": {"text": "Indbrud"}, "anchor_person": None, "eligible_to_close": False,
        "closing_override": None, "working_group": [{"person_id": "wg@politi.dk", "name": "Willy", "role": None}],
        "coordinator": None, "baseline": None,
        "platforms": {"p1": {"platform_id": "p1", "name": "Nabohjælp", "focus_area": "Villaveje", "description": None,
                             "status": "active",
                             "members": {"a1": {"actor_kind": "association", "since": "2026-01-02"}},
                             "baseline": {"description": "Mange indbrud", "date": "2026-01-01"},
                             "reality_check_interval_days": 30, "next_reality_check_due": "2000-01-01",
                             "overdue_flagged_for": None, "lead": None}},
        "goals": {"g1": MEASURED, "g2": ASSESSED},
        "actors": {"a1": {"actor_kind": "association", "name": "Grundejerforeningen", "platform_ids": ["p1"]},
                   "a2": {"actor_kind": "business", "name": "Brugsen", "platform_ids": []}},
        "reality_checks": [
            {"reality_check_id": "r2", "platform_id": "p1", "date": "2026-05-01", "scores": {"progress": 4},
             "average_score": 4.0, "notes": None},
            {"reality_check_id": "r1", "platform_id": "p1", "date": "2026-04-01",
             "scores": {"progress": 2, "collaboration": 3}, "average_score": 2.5, "notes": "Svær start"}]}
ANCHOR_ME = {"subject": "ank@politi.dk", "grants": [{"role": "anchor_person", "scope": "ini_1"}]}


@pytest.fixture
def workspace(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    return signed_in


def post(client, path: str, data: dict, page: str = PAGE):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, page)})


def sent(gateway, method: str) -> list[dict]:
    return [call for call in gateway.calls if call["method"] == method]


# -- the workspace's forms -------------------------------------------------------------


def test_the_operator_sees_the_people_platforms_and_goals_with_their_forms(workspace):
    page = workspace.get(PAGE).get_data(as_text=True)
    assert "Willy (wg@politi.dk)" in page
    assert f'action="{PAGE}/working-group"' in page and f'action="{PAGE}/coordinator"' in page
    assert f'action="{PAGE}/platforms"' in page and f'action="{PAGE}/goals"' in page
    assert f'href="{PLATFORM}">Nabohjælp</a>' in page and f'href="{GOAL}">Færre indbrud</a>' in page
    assert "2000-01-01 – forsinket" in page, "an overdue reality check says so in the list"
    assert "Effektmål" in page and "Procesmål" in page, "the kinds' labels come from the vocabulary"


def test_a_working_group_member_works_but_does_not_steer(workspace, gateway):
    gateway.answers[("GET", "/me")] = {"subject": "wg@politi.dk", "grants": [{"role": "working_group",
                                                                               "scope": "ini_1"}]}
    page = workspace.get(PAGE).get_data(as_text=True)
    assert f'action="{PAGE}/goals"' in page and f'action="{PAGE}/baseline"' in page
    assert f'action="{PAGE}/working-group"' not in page and f'action="{PAGE}/platforms"' not in page


def test_a_platform_lead_sets_goals_only_on_the_platform_they_lead(workspace, gateway):
    gateway.answers[("GET", "/me")] = {"subject": "pl@x.dk", "grants": [{"role": "platform_lead",
                                                                          "scope": "ini_1/p1"}]}
    page = workspace.get(PAGE).get_data(as_text=True)
    select = re.search(r'<select id="goal-platform_id".*?</select>', page, re.S).group(0)
    assert 'value="p1"' in select and 'value=""' not in select
    assert f'action="{PAGE}/baseline"' not in page


def test_adding_to_the_working_group_patches_it(workspace, gateway):
    gateway.answers[("PATCH", f"{PAGE}/working-group")] = {"initiative": VIEW}
    response = post(workspace, f"{PAGE}/working-group", {"person_id": " ny@politi.dk ", "name": "Ny", "role": ""})
    assert response.status_code == 303 and response.headers["Location"] == PAGE
    assert sent(gateway, "PATCH")[-1]["json"] == {"add": [{"person_id": "ny@politi.dk", "name": "Ny",
                                                           "email": "ny@politi.dk", "role": None}]}


def test_someone_already_in_the_working_group_is_refused_beside_the_field(workspace, gateway):
    gateway.answers[("PATCH", f"{PAGE}/working-group")] = GatewayError(422, "working_group.already_member", "x")
    response = post(workspace, f"{PAGE}/working-group", {"person_id": "wg@politi.dk"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="working_group-person_id-error">Personen er allerede i arbejdsgruppen.</p>' in page
    assert 'value="wg@politi.dk" maxlength="200" aria-describedby="working_group-person_id-error"' in page


def test_taking_someone_out_of_the_working_group(workspace, gateway):
    gateway.answers[("PATCH", f"{PAGE}/working-group")] = {"initiative": VIEW}
    response = post(workspace, f"{PAGE}/working-group/remove", {"person_id": "wg@politi.dk"})
    assert response.status_code == 303
    assert sent(gateway, "PATCH")[-1]["json"] == {"remove": ["wg@politi.dk"]}


def test_appointing_the_coordinator_and_a_refusal(workspace, gateway):
    gateway.answers[("PUT", f"{PAGE}/coordinator")] = {"initiative": VIEW}
    response = post(workspace, f"{PAGE}/coordinator", {"person_id": "tov@politi.dk", "name": "Tove"})
    assert response.status_code == 303
    assert sent(gateway, "PUT")[-1]["json"] == {"coordinator": {"person_id": "tov@politi.dk", "name": "Tove",
                                                                "email": "tov@politi.dk"}, "reason": None}
    gateway.answers[("PUT", f"{PAGE}/coordinator")] = GatewayError(409, "roles.coordinator.already_assigned", "x")
    response = post(workspace, f"{PAGE}/coordinator", {"person_id": "tov@politi.dk"})
    assert response.status_code == 422
    assert "Personen er allerede tovholder." in response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "form_name", "field"), [
    ("/working-group", "working_group", "person_id"),
    ("/coordinator", "coordinator", "person_id"),
    ("/platforms", "platform", "name"),
    ("/platforms", "platform", "focus_area"),
    ("/baseline", "baseline", "description"),
    ("/goals", "goal", "title"),
])
def test_a_missing_field_is_marked_and_nothing_is_sent(workspace, gateway, path, form_name, field):
    response = post(workspace, f"{PAGE}{path}", {"goal_type": "quantitative", "kind": "process"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="{form_name}-{field}-error">Skal udfyldes.</p>' in page
    assert [c for c in gateway.calls if c["method"] not in ("GET",)] == []


def test_establishing_a_platform_goes_to_its_page(workspace, gateway):
    gateway.answers[("POST", f"{PAGE}/platforms")] = {"initiative": VIEW, "platform_id": "p9"}
    response = post(workspace, f"{PAGE}/platforms", {"name": "Tryg by", "focus_area": "Torvet", "description": ""})
    assert response.status_code == 303 and response.headers["Location"] == f"{PAGE}/platforms/p9"
    assert sent(gateway, "POST")[-1]["json"] == {"name": "Tryg by", "focus_area": "Torvet", "description": None}


def test_a_platform_before_establishment_is_refused_in_plain_words(workspace, gateway):
    gateway.answers[("POST", f"{PAGE}/platforms")] = GatewayError(422, "phase.gate.establishment_required", "x")
    response = post(workspace, f"{PAGE}/platforms", {"name": "Tryg by", "focus_area": "Torvet"})
    assert response.status_code == 422
    assert '<p class="error" role="alert">Udviklingsplatforme dannes fra etableringsfasen.</p>' in \
        response.get_data(as_text=True)


def test_describing_the_baseline_and_a_date_in_the_future(workspace, gateway):
    gateway.answers[("PUT", f"{PAGE}/baseline")] = {"initiative": VIEW}
    response = post(workspace, f"{PAGE}/baseline", {"description": "Mange indbrud", "date": "2026-01-01"})
    assert response.status_code == 303
    assert sent(gateway, "PUT")[-1]["json"] == {"description": "Mange indbrud", "date": "2026-01-01"}
    gateway.answers[("PUT", f"{PAGE}/baseline")] = GatewayError(422, "baseline.date_in_future", "x")
    response = post(workspace, f"{PAGE}/baseline", {"description": "Mange indbrud", "date": "2999-01-01"})
    assert response.status_code == 422
    assert '<p class="error" id="baseline-date-error">Datoen kan ikke ligge i fremtiden.</p>' in \
        response.get_data(as_text=True)


def test_setting_a_measured_goal_sends_its_figures_and_goes_to_its_page(workspace, gateway):
    gateway.answers[("POST", f"{PAGE}/goals")] = {"initiative": VIEW, "goal_id": "g7"}
    response = post(workspace, f"{PAGE}/goals", {
        "title": "Færre indbrud", "kind": "effect", "goal_type": "quantitative", "platform_id": "p1",
        "indicator": "Anmeldte indbrud", "unit": "pr. år", "baseline_value": "40", "target_value": "20,5",
        "direction": "down", "target_level": "3"})
    assert response.status_code == 303 and response.headers["Location"] == f"{PAGE}/goals/g7"
    assert sent(gateway, "POST")[-1]["json"] == {
        "kind": "effect", "goal_type": "quantitative", "platform_id": "p1", "title": "Færre indbrud",
        "description": None, "indicator": "Anmeldte indbrud", "unit": "pr. år", "baseline_value": 40.0,
        "target_value": 20.5, "direction": "down"}


def test_an_assessed_goal_sends_only_its_target_level(workspace, gateway):
    gateway.answers[("POST", f"{PAGE}/goals")] = {"initiative": VIEW, "goal_id": "g8"}
    post(workspace, f"{PAGE}/goals", {"title": "Samarbejde", "kind": "process", "goal_type": "qualitative",
                                      "platform_id": "", "indicator": "ignored", "target_level": "4"})
    assert sent(gateway, "POST")[-1]["json"] == {"kind": "process", "goal_type": "qualitative", "platform_id": None,
                                                 "title": "Samarbejde", "description": None, "target_level": 4}


def test_a_goal_with_a_target_on_the_wrong_side_is_refused_beside_the_target(workspace, gateway):
    gateway.answers[("POST", f"{PAGE}/goals")] = GatewayError(422, "goal.target.direction_mismatch", "x")
    response = post(workspace, f"{PAGE}/goals", {
        "title": "Færre indbrud", "kind": "process", "goal_type": "quantitative", "indicator": "Indbrud",
        "unit": "stk", "baseline_value": "40", "target_value": "60", "direction": "down"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert ('<p class="error" id="goal-target_value-error">Målet skal ligge ud over baseline i målets retning.</p>'
            in page)
    assert 'id="goal-target_value" name="target_value" inputmode="decimal" value="60"' in page


def test_a_value_that_is_no_number_is_marked(workspace, gateway):
    response = post(workspace, f"{PAGE}/goals", {
        "title": "x", "kind": "process", "goal_type": "quantitative", "indicator": "i", "unit": "u",
        "baseline_value": "fyrre", "target_value": "20", "direction": "down"})
    assert response.status_code == 422
    assert 'id="goal-baseline_value-error">Skriv et tal, fx 12 eller 12,5.</p>' in response.get_data(as_text=True)
    assert sent(gateway, "POST") == []


# -- a platform's page ------------------------------------------------------------------


def test_the_platform_page_shows_members_the_schedule_overdue_and_the_trend(workspace):
    page = workspace.get(PLATFORM).get_data(as_text=True)
    assert "<h1>Nabohjælp</h1>" in page
    assert "<th scope=\"row\">Grundejerforeningen</th><td>Forening</td>" in page
    member_choices = re.search(r'<select id="member-actor_id".*?</select>', page, re.S).group(0)
    assert "Brugsen" in member_choices and "Grundejerforeningen" not in member_choices
    assert "Hver 30. dag." in page and "forsinket" in page
    assert "Det seneste realitetstjek scorede højere end det forrige." in page
    rows = re.findall(r'<tr><th scope="row">(\d{4}-\d\d-\d\d)</th>', page)
    assert rows == ["2026-04-01", "2026-05-01"], "the checks in date order"
    assert 'id="pg-check-chart"' in page and "style=" not in page


def test_an_unknown_platform_is_not_found(workspace):
    assert workspace.get(f"{PAGE}/platforms/nope").status_code == 404


def test_adding_an_actor_to_the_platform(workspace, gateway):
    gateway.answers[("POST", f"{PLATFORM}/members")] = {"membership_id": "m"}
    response = post(workspace, f"{PLATFORM}/members", {"actor_id": "a2", "role": "member"}, PLATFORM)
    assert response.status_code == 303 and response.headers["Location"] == PLATFORM
    assert sent(gateway, "POST")[-1]["json"] == {"actor_id": "a2", "role": "member"}


def test_an_actor_not_in_the_initiative_is_refused_beside_the_actor(workspace, gateway):
    gateway.answers[("POST", f"{PLATFORM}/members")] = GatewayError(422, "membership.not_in_initiative", "x")
    response = post(workspace, f"{PLATFORM}/members", {"actor_id": "a2"}, PLATFORM)
    assert response.status_code == 422
    assert ('<p class="error" id="member-actor_id-error">Aktøren skal deltage i initiativet, før den kan komme '
            'på en af dets platforme.</p>') in response.get_data(as_text=True)


def test_taking_an_actor_off_the_platform(workspace, gateway):
    gateway.answers[("POST", f"{PLATFORM}/members/a1/leave")] = {"membership_id": "m"}
    response = post(workspace, f"{PLATFORM}/members/leave", {"actor_id": "a1", "reason_code": "goal_reached",
                                                             "reason": ""}, PLATFORM)
    assert response.status_code == 303
    assert sent(gateway, "POST")[-1]["json"] == {"reason_code": "goal_reached", "reason": None}


def test_appointing_the_platform_lead_and_a_refusal(workspace, gateway):
    gateway.answers[("PUT", f"{PLATFORM}/lead")] = {"initiative": VIEW}
    response = post(workspace, f"{PLATFORM}/lead", {"person_id": "pl@x.dk", "name": ""}, PLATFORM)
    assert response.status_code == 303
    assert sent(gateway, "PUT")[-1]["json"] == {"lead": {"person_id": "pl@x.dk", "name": None, "email": "pl@x.dk"},
                                                "reason": None}
    gateway.answers[("PUT", f"{PLATFORM}/lead")] = GatewayError(422, "roles.platform_lead.unchanged", "x")
    response = post(workspace, f"{PLATFORM}/lead", {"person_id": "pl@x.dk"}, PLATFORM)
    assert response.status_code == 422
    assert 'id="lead-person_id-error">Platformen har allerede denne leder.</p>' in response.get_data(as_text=True)


def test_the_platform_baseline_is_put_with_the_platform(workspace, gateway):
    gateway.answers[("PUT", f"{PAGE}/baseline")] = {"initiative": VIEW}
    response = post(workspace, f"{PLATFORM}/baseline", {"description": "Før", "date": "2026-01-01"}, PLATFORM)
    assert response.status_code == 303 and response.headers["Location"] == PLATFORM
    assert sent(gateway, "PUT")[-1]["json"] == {"platform_id": "p1", "description": "Før", "date": "2026-01-01"}


def test_scheduling_reality_checks_and_an_interval_refused(workspace, gateway):
    gateway.answers[("PUT", f"{PLATFORM}/reality-check-schedule")] = {"initiative": VIEW}
    response = post(workspace, f"{PLATFORM}/reality-check-schedule", {"interval_days": "30", "first_due": ""},
                    PLATFORM)
    assert response.status_code == 303
    assert sent(gateway, "PUT")[-1]["json"] == {"interval_days": 30, "first_due": None}
    gateway.answers[("PUT", f"{PLATFORM}/reality-check-schedule")] = GatewayError(
        422, "reality_check.schedule.first_due_in_past", "x")
    response = post(workspace, f"{PLATFORM}/reality-check-schedule", {"interval_days": "30",
                                                                      "first_due": "2001-01-01"}, PLATFORM)
    assert response.status_code == 422
    assert ('id="schedule-first_due-error">Det første realitetstjek kan ikke være forfaldent i fortiden.</p>'
            in response.get_data(as_text=True))


def test_a_schedule_without_an_interval_is_marked(workspace, gateway):
    response = post(workspace, f"{PLATFORM}/reality-check-schedule", {"interval_days": ""}, PLATFORM)
    assert response.status_code == 422
    assert 'id="schedule-interval_days-error">Skal udfyldes.</p>' in response.get_data(as_text=True)
    assert sent(gateway, "PUT") == []


def test_recording_a_reality_check_sends_the_scores_given(workspace, gateway):
    gateway.answers[("POST", f"{PLATFORM}/reality-checks")] = {"initiative": VIEW}
    response = post(workspace, f"{PLATFORM}/reality-checks", {
        "date": "2026-06-01", "score_collaboration": "4", "score_progress": "3", "score_resources": "",
        "notes": "Godt møde"}, PLATFORM)
    assert response.status_code == 303
    assert sent(gateway, "POST")[-1]["json"] == {"date": "2026-06-01", "scores": {"collaboration": 4, "progress": 3},
                                                 "notes": "Godt møde"}


def test_a_reality_check_without_scores_or_before_its_phase(workspace, gateway):
    response = post(workspace, f"{PLATFORM}/reality-checks", {"date": "2026-06-01"}, PLATFORM)
    assert response.status_code == 422
    assert 'id="reality_check-scores-error">Giv mindst én dimension en score.</p>' in response.get_data(as_text=True)
    gateway.answers[("POST", f"{PLATFORM}/reality-checks")] = GatewayError(422, "reality_check.phase_not_reached", "")
    response = post(workspace, f"{PLATFORM}/reality-checks", {"date": "2026-06-01", "score_progress": "3"}, PLATFORM)
    assert response.status_code == 422
    assert ("Realitetstjek registreres i det samskabende udviklingsarbejde og i afslutningen." in
            response.get_data(as_text=True))


def test_a_reader_sees_the_platform_without_forms(workspace, gateway):
    gateway.answers[("GET", "/me")] = {"subject": "x", "grants": [{"role": "participant", "scope": "ini_1"}]}
    page = workspace.get(PLATFORM).get_data(as_text=True)
    assert "Nabohjælp" in page and 'method="post" action="/initiatives' not in page


@pytest.mark.parametrize(("due", "state", "days"), [
    ("2026-05-01", "overdue", 4), ("2026-05-05", "today", 0), ("2026-05-15", "ahead", 10)])
def test_when_the_next_reality_check_is_due(due, state, days):
    assert platforms.due_state(due, "2026-05-05") == {"date": due, "days": days, "state": state}
    assert platforms.due_state(None) is None


# -- a goal's page -------------------------------------------------------------------------


def test_the_goal_page_draws_the_measurements_against_baseline_and_target(workspace):
    page = workspace.get(GOAL).get_data(as_text=True)
    svg = re.search(r'<svg class="pg-chart" id="pg-goal-chart".*?</svg>', page, re.S).group(0)
    assert 'role="img" aria-labelledby="pg-goal-chart-title pg-goal-chart-desc"' in svg
    assert "<title id=\"pg-goal-chart-title\">Færre indbrud</title>" in svg
    assert svg.count('<circle class="pg-point"') == 2
    assert 'class="pg-baseline"' in svg and "Baseline 40" in svg and "Målværdi 20" in svg
    assert "2026-03-01" in svg and "2026-06-01" in svg
    assert "style" not in svg and "<script" not in page
    table = re.search(r'<table class="list" id="pg-progress">.*?</table>', page, re.S).group(0)
    assert re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', table) == [
        ("Baseline", "40 pr. år"), ("2026-03-01", "35,5 pr. år"), ("2026-06-01", "30 pr. år"),
        ("Målværdi", "20 pr. år")]
    assert "Målet er ikke nået endnu." in page
    assert 'action="/initiatives/ini_1/goals/g1/measurements"' in page


def test_the_chart_points_follow_the_figures():
    chart = charts.line_chart([("2026-06-01", 30.0), ("2026-03-01", 35.5)], baseline=40.0, target=20.0)
    assert [p.day for p in chart.points] == ["2026-03-01", "2026-06-01"], "in date order"
    assert chart.points[0].x < chart.points[1].x
    assert chart.target.y > chart.points[1].y > chart.points[0].y > chart.baseline.y, "lower values lower down"
    assert chart.top <= chart.baseline.y and chart.target.y <= chart.bottom
    assert chart.polyline == " ".join(f"{p.x:.1f},{p.y:.1f}" for p in chart.points)
    level = charts.line_chart([("2026-01-01", 3.0)], target=4.0, scale=(1.0, 5.0))
    assert level.ticks[0].value == 1.0 and level.ticks[-1].value == 5.0
    assert charts.trend([2.5, 4.0]) == "up" and charts.trend([4.0]) is None


def test_the_assessed_goal_page_offers_an_assessment(workspace):
    page = workspace.get(f"{PAGE}/goals/g2").get_data(as_text=True)
    assert 'action="/initiatives/ini_1/goals/g2/assessments"' in page and "/measurements" not in page
    assert "Vurderes på skalaen fra 1 til 5: målniveau 4." in page


def test_recording_a_measurement(workspace, gateway):
    gateway.answers[("POST", f"{GOAL}/measurements")] = {"initiative": VIEW}
    response = post(workspace, f"{GOAL}/measurements", {"date": "2026-07-01", "value": "25,5", "note": ""}, GOAL)
    assert response.status_code == 303 and response.headers["Location"] == GOAL
    assert sent(gateway, "POST")[-1]["json"] == {"date": "2026-07-01", "value": 25.5, "note": None}


def test_a_measurement_refused_and_one_without_a_value(workspace, gateway):
    gateway.answers[("POST", f"{GOAL}/measurements")] = GatewayError(422, "goal.measurement.date_in_future", "x")
    response = post(workspace, f"{GOAL}/measurements", {"date": "2999-01-01", "value": "1"}, GOAL)
    assert response.status_code == 422
    assert 'id="measurement-date-error">Datoen kan ikke ligge i fremtiden.</p>' in response.get_data(as_text=True)
    response = post(workspace, f"{GOAL}/measurements", {"date": "2026-01-01", "value": ""}, GOAL)
    assert response.status_code == 422
    assert 'id="measurement-value-error">Skal udfyldes.</p>' in response.get_data(as_text=True)


def test_recording_an_assessment_and_a_refusal(workspace, gateway):
    page = f"{PAGE}/goals/g2"
    gateway.answers[("POST", f"{page}/assessments")] = {"initiative": VIEW}
    response = post(workspace, f"{page}/assessments", {"date": "2026-07-01", "level": "4",
                                                       "assessment": "Bedre"}, page)
    assert response.status_code == 303
    assert sent(gateway, "POST")[-1]["json"] == {"date": "2026-07-01", "level": 4, "assessment": "Bedre"}
    gateway.answers[("POST", f"{page}/assessments")] = GatewayError(422, "goal.assessment.quantitative_goal", "x")
    response = post(workspace, f"{page}/assessments", {"date": "2026-07-01", "level": "4", "assessment": "B"}, page)
    assert response.status_code == 422
    assert "Dette mål måles med sin indikator og vurderes ikke." in response.get_data(as_text=True)


def test_adjusting_a_goal_sends_only_what_changed(workspace, gateway):
    gateway.answers[("PATCH", GOAL)] = {"initiative": VIEW}
    response = post(workspace, GOAL, {"title": "Færre indbrud", "description": "", "indicator": "Anmeldte indbrud",
                                      "unit": "pr. år", "baseline_value": "40", "target_value": "15",
                                      "direction": "down", "reason": "Bedre end ventet"}, GOAL)
    assert response.status_code == 303
    assert sent(gateway, "PATCH")[-1]["json"] == {"changes": {"target_value": 15.0}, "reason": "Bedre end ventet"}


def test_an_adjustment_without_a_change_or_a_reason_is_not_sent(workspace, gateway):
    response = post(workspace, GOAL, {"title": "Færre indbrud", "indicator": "Anmeldte indbrud", "unit": "pr. år",
                                      "baseline_value": "40", "target_value": "20", "direction": "down",
                                      "reason": "Ingen"}, GOAL)
    assert response.status_code == 422
    assert "Justeringen ændrer ingenting." in response.get_data(as_text=True)
    response = post(workspace, GOAL, {"title": "Andet", "indicator": "Anmeldte indbrud", "unit": "pr. år",
                                      "baseline_value": "40", "target_value": "20", "direction": "down"}, GOAL)
    assert 'id="adjust-reason-error">Skal udfyldes.</p>' in response.get_data(as_text=True)
    assert sent(gateway, "PATCH") == []


def test_the_workspace_forms_fold_away_and_one_with_an_error_comes_back_open(workspace, gateway):
    page = workspace.get(PAGE).get_data(as_text=True)
    assert '<details class="pg-more">\n  <summary>Etabler en udviklingsplatform</summary>' in page
    response = post(workspace, f"{PAGE}/platforms", {"name": ""})
    assert '<details class="pg-more" open>\n  <summary>Etabler en udviklingsplatform</summary>' in \
        response.get_data(as_text=True)


def test_a_reality_check_is_offered_only_from_co_creative_development_on(workspace, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "phase": "establishment"}
    page = workspace.get(PLATFORM).get_data(as_text=True)
    assert f'action="{PLATFORM}/reality-checks"' not in page and f'action="{PLATFORM}/reality-check-schedule"' in page
    assert "Realitetstjek registreres i det samskabende udviklingsarbejde og i afslutningen." in page


def test_the_adjustment_form_holds_the_goal_as_it_is_written_in_danish(workspace, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "goals": {"g1": {**MEASURED, "target_value": 20.25}}}
    page = workspace.get(GOAL).get_data(as_text=True)
    assert 'id="adjust-baseline_value" name="baseline_value" inputmode="decimal" value="40"' in page
    assert 'id="adjust-target_value" name="target_value" inputmode="decimal" value="20,25"' in page
    assert '<option value="down" selected>Ned (lavere er bedre)</option>' in page


def test_the_gateways_field_errors_land_beside_the_field_or_at_the_top(workspace, gateway):
    gateway.answers[("POST", f"{GOAL}/measurements")] = GatewayError(
        422, "validation_failed", "bad", {"value": ["Not a valid number."]})
    response = post(workspace, f"{GOAL}/measurements", {"date": "2026-01-01", "value": "1"}, GOAL)
    assert 'id="measurement-value-error">Ikke et gyldigt tal.</p>' in response.get_data(as_text=True)
    gateway.answers[("PUT", f"{PAGE}/coordinator")] = GatewayError(
        422, "validation_failed", "bad", {"coordinator": {"email": ["Not a valid email address."]}})
    response = post(workspace, f"{PAGE}/coordinator", {"person_id": "tov@politi.dk"})
    assert response.status_code == 422
    assert '<p class="error" role="alert">Ikke en gyldig e-mailadresse.</p>' in response.get_data(as_text=True), \
        "a nested part's message is not lost"


def test_an_assessed_goal_is_drawn_on_the_1_to_5_scale_against_its_target_level(workspace):
    page = workspace.get(f"{PAGE}/goals/g2").get_data(as_text=True)
    svg = re.search(r'<svg class="pg-chart" id="pg-goal-chart".*?</svg>', page, re.S).group(0)
    assert 'class="pg-target"' in svg and "Målværdi 4" in svg and 'class="pg-baseline"' not in svg
    assert [tick for tick in re.findall(r'class="pg-tick"[^>]*>([^<]+)<', svg)] == ["1", "2", "3", "4", "5"]
    assert svg.count('<circle class="pg-point"') == 1


def test_a_reader_sees_the_goal_without_forms(workspace, gateway):
    gateway.answers[("GET", "/me")] = {"subject": "x", "grants": [{"role": "participant", "scope": "ini_1"}]}
    page = workspace.get(GOAL).get_data(as_text=True)
    assert 'id="pg-goal-chart"' in page and 'method="post" action="/initiatives' not in page


def test_the_pages_speak_english_with_the_vocabularys_english_labels(workspace):
    workspace.get("/language/en?next=/")
    page = workspace.get(GOAL).get_data(as_text=True)
    assert "Effect goal · Quantitative (measured by an indicator) · Nabohjælp" in page
    assert "Record the measurement" in page and "35.5 pr. år" in page
    assert "Every 30 days." in workspace.get(PLATFORM).get_data(as_text=True)


def test_the_platform_page_opens_the_forms_of_what_is_still_missing(workspace, gateway):
    page = workspace.get(PLATFORM).get_data(as_text=True)
    assert '<details class="pg-more">\n  <summary>Beskriv baseline</summary>' in page
    assert '<details class="pg-more">\n  <summary>Planlæg realitetstjekkene</summary>' in page
    platform = {**VIEW["platforms"]["p1"], "baseline": None, "reality_check_interval_days": None,
                "next_reality_check_due": None}
    gateway.answers[("GET", PAGE)] = {**VIEW, "platforms": {"p1": platform}}
    page = workspace.get(PLATFORM).get_data(as_text=True)
    assert '<details class="pg-more" open>\n  <summary>Beskriv baseline</summary>' in page
    assert '<details class="pg-more" open>\n  <summary>Planlæg realitetstjekkene</summary>' in page
    assert "Der er ikke planlagt nogen realitetstjek." in page


def test_a_platform_can_be_left_without_a_lead(workspace, gateway):
    gateway.answers[("PUT", f"{PLATFORM}/lead")] = {"initiative": VIEW}
    response = post(workspace, f"{PLATFORM}/lead", {"person_id": "", "clear": "1", "reason": "Stoppet"}, PLATFORM)
    assert response.status_code == 303
    assert sent(gateway, "PUT")[-1]["json"] == {"lead": None, "reason": "Stoppet"}


def test_every_value_of_the_method_s_lists_has_its_labels():
    from samskab_contracts import vocabulary as v
    for labels, values in ((v.GOAL_KIND_LABELS, v.GOAL_KINDS), (v.GOAL_TYPE_LABELS, v.GOAL_TYPES),
                           (v.DIRECTION_LABELS, v.DIRECTIONS), (v.PLATFORM_STATUS_LABELS, v.PLATFORM_STATUSES),
                           (v.MEMBERSHIP_ROLE_LABELS, v.MEMBERSHIP_ROLES),
                           (v.LEAVE_REASON_LABELS, v.LEAVE_REASON_CODES)):
        assert set(labels) == set(values)
        assert all(set(label) == set(v.LANGUAGES) and all(label.values()) for label in labels.values())
