"""The workspace's citizen involvement and outcomes against a fake gateway: citizen meetings,
safety walks with their findings (the map's data attributes and the list that works without
JavaScript), follow-up actions, resolving a finding, results, ripple effects, closing and the
network; bad input comes back beside the field (422) and nothing is sent; the map's tile
server is the only other origin the CSP names, and only when it is set; Leaflet is served
from our own origin."""
from __future__ import annotations

import pytest
from web_fakes import FakeAccounts, csrf_of, settings

from samskab_web import vendor
from samskab_web.app import create_app
from samskab_web.gateway_client import GatewayError
from samskab_web.security import content_security_policy, tile_origin
from samskab_web.settings import load_web_settings
from samskab_web.web_forms import parse_point

pytestmark = pytest.mark.unit

PAGE = "/initiatives/ini_1"
WALK_PAGE = f"{PAGE}/safety-walks/walk_1"
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
WALK = {"activity_id": "walk_1", "activity_type": "safety_walk", "title": "Aftenvandring", "date": "2026-11-20",
        "place": "Bispensgade", "route": [[57.4551, 9.9822], [57.4560, 9.9850]], "total_attendance": 12,
        "findings_count": 2, "platform_id": None, "attendance": [], "notes": None}
MEETING = {"activity_id": "m_1", "activity_type": "citizen_meeting", "title": "Borgermøde i hallen",
           "date": "2026-11-01", "place": "Hjørring Hallen", "route": [], "total_attendance": 40,
           "findings_count": 0}
FINDING_OPEN = {"finding_id": "f_1", "activity_id": "walk_1", "point": [57.4553, 9.9830],
                "category": "missing_lighting", "description": "Mørk sti <bag> skolen", "action": None,
                "resolution": None}
FINDING_DONE = {"finding_id": "f_2", "activity_id": "walk_1", "point": [57.4558, 9.9845], "category": "graffiti",
                "description": None, "action": {"action_id": "a_1", "assigned_actor_id": "act_1",
                                                "description": "Fjern graffiti", "due_date": "2026-12-01",
                                                "status": "resolved"},
                "resolution": {"resolution": "Fjernet", "date": "2026-11-25"}}
VIEW = {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
        "themes": [], "phase": "mapping", "status": "active", "municipalities": [], "challenge": {"text": "Indbrud"},
        "anchor_person": None, "platforms": {}, "eligible_to_close": True, "closing_override": None,
        "activities": [MEETING, WALK], "findings": {"f_1": FINDING_OPEN, "f_2": FINDING_DONE},
        "actors": {"act_1": {"kind": "municipality", "name": "Hjørring Kommune"}},
        "results": [], "ripple_effects": [], "closure": None, "network": None}
READER = {"subject": "p", "grants": [{"role": "participant", "scope": "ini_1"}]}


@pytest.fixture
def view(gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    return VIEW


def post(client, path: str, data: dict, page: str = PAGE):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, page)})


def sent(gateway, method: str = "POST") -> list[dict]:
    return [call for call in gateway.calls if call["method"] == method]


# -- the workspace's lists and forms ---------------------------------------------------


def test_the_workspace_lists_activities_and_offers_the_forms_to_whoever_may_work(signed_in, view):
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Borgermøder og tryghedsvandringer" in page
    assert f'<a href="{WALK_PAGE}">Aftenvandring</a> (tryghedsvandring, 2 fund)' in page
    assert "Borgermøde i hallen (borgermøde)" in page
    assert f'action="{PAGE}/citizen-meetings"' in page and f'action="{PAGE}/safety-walks"' in page
    assert f'action="{PAGE}/results"' in page and f'action="{PAGE}/ripple-effects"' in page
    assert 'name="attendance-act_1"' in page, "attendance by the initiative's actors"
    assert f'action="{PAGE}/closure"' not in page, "closing only from the closing phase"


def test_a_reader_sees_the_lists_but_no_forms(signed_in, gateway, view):
    gateway.answers[("GET", "/me")] = READER
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Aftenvandring" in page
    assert "citizen-meetings" not in page and "safety-walks\"" not in page and "/results" not in page


# -- citizen meetings ------------------------------------------------------------------


def test_a_citizen_meeting_is_posted_with_its_attendance(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/citizen-meetings")] = {"activity_id": "m_2"}
    response = post(signed_in, f"{PAGE}/citizen-meetings", {
        "title": "", "date": "2026-11-30", "place": " Skolen ", "notes": "Godt møde", "attendance-act_1": "7"})
    assert response.status_code == 303 and response.headers["Location"].startswith(PAGE)
    assert sent(gateway)[-1]["json"] == {"title": None, "date": "2026-11-30", "place": "Skolen",
                                         "notes": "Godt møde", "platform_id": None,
                                         "attendance": [{"actor_id": "act_1", "count": 7}]}


def test_a_citizen_meeting_without_place_or_date_comes_back_beside_the_fields(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/citizen-meetings", {"date": "30/11", "place": " ", "title": "<i>Møde</i>",
                                                            "attendance-act_1": "mange"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="meeting-place-error">Skal udfyldes.</p>' in page
    assert '<p class="error" id="meeting-date-error">Skriv datoen som ÅÅÅÅ-MM-DD.</p>' in page
    assert '<p class="error" id="meeting-attendance-error">Skriv et helt tal, 0 eller derover.</p>' in page
    assert 'aria-describedby="meeting-place-error" aria-invalid="true"' in page
    assert "&lt;i&gt;Møde&lt;/i&gt;" in page, "what was typed is kept, escaped"
    assert sent(gateway) == []


def test_a_meeting_in_the_future_is_refused_beside_the_date(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/citizen-meetings")] = GatewayError(422, "activity.date_in_future", "future")
    response = post(signed_in, f"{PAGE}/citizen-meetings", {"date": "2030-01-01", "place": "Hallen"})
    assert response.status_code == 422
    assert 'id="meeting-date-error">Datoen kan ikke ligge i fremtiden.' in response.get_data(as_text=True)


# -- safety walks ----------------------------------------------------------------------


def test_a_safety_walk_is_posted_with_route_and_filled_findings_and_its_page_follows(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/safety-walks")] = {"activity_id": "walk_9", "finding_ids": ["f_9"]}
    response = post(signed_in, f"{PAGE}/safety-walks", {
        "date": "2026-11-20", "place": "Bispensgade", "route": "57.4551, 9.9822\n\n57.4560 9.9850\n",
        "finding-0-point": "57.4553,9.9830", "finding-0-category": "missing_lighting",
        "finding-0-description": "Mørk sti", "finding-1-point": "", "finding-1-category": "graffiti",
        "finding-1-description": ""})
    assert response.status_code == 303 and response.headers["Location"] == f"{PAGE}/safety-walks/walk_9"
    body = sent(gateway)[-1]["json"]
    assert body["route"] == [[57.4551, 9.9822], [57.456, 9.985]]
    assert body["findings"] == [{"point": [57.4553, 9.983], "category": "missing_lighting",
                                 "description": "Mørk sti"}], "an empty row is no finding"


def test_a_walk_with_a_bad_route_or_finding_place_comes_back_and_sends_nothing(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/safety-walks", {
        "date": "2026-11-20", "place": "Bispensgade", "route": "57.4551, 9.9822",
        "finding-0-point": "Bag skolen", "finding-0-category": "litter", "finding-0-description": "Affald"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="walk-route-error">En rute skal have mindst to punkter.' in page
    assert 'aria-describedby="walk-route-hint walk-route-error" aria-invalid="true"' in page
    assert 'id="walk-finding-0-point-error">Skriv stedet som breddegrad, længdegrad' in page
    assert 'value="Bag skolen"' in page and '<option value="litter" selected>' in page
    assert sent(gateway) == []


def test_a_gateway_error_of_a_field_the_form_does_not_show_goes_to_the_forms_top(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/safety-walks")] = GatewayError(
        400, "validation_failed", "invalid", {"findings": {"0": {"photo_ref": ["Longer than maximum length 500."]}}})
    response = post(signed_in, f"{PAGE}/safety-walks", {"date": "2026-11-20", "place": "Bispensgade",
                                                        "route": "57.1, 9.9\n57.2, 9.8"})
    assert response.status_code == 422
    assert 'id="walk-refusal">Longer than maximum length 500.</p>' in response.get_data(as_text=True)


@pytest.mark.parametrize(("text", "point"), [
    ("57.4551, 9.9822", [57.4551, 9.9822]), (" -33.9 ; 151.2 ", [-33.9, 151.2]), ("57 10", [57.0, 10.0]),
    ("91, 10", None), ("57.4", None), ("nord, syd", None), ("57.1, 9.9, 3", None)])
def test_a_point_is_latitude_then_longitude(text, point):
    assert parse_point(text) == point


def test_the_walk_page_lists_every_finding_with_its_place_and_status_for_the_map(signed_in, view):
    response = signed_in.get(WALK_PAGE)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Aftenvandring</h1>" in page
    assert '<li id="finding-f_1" class="walk-finding open"' in page
    assert 'data-lat="57.4553" data-lon="9.983"' in page
    assert 'data-label="Manglende belysning: Åbent"' in page
    assert '<span class="point">57.4553, 9.983</span> (Bispensgade)' in page
    assert 'data-label="Graffiti: Løst"' in page and "Løst den 2026-11-25: Fjernet" in page
    assert "Fjern graffiti (ansvarlig: Hjørring Kommune, frist 2026-12-01)" in page
    assert "Mørk sti &lt;bag&gt; skolen" in page
    assert "data-route='[[57.4551, 9.9822], [57.456, 9.985]]'" in page
    assert 'data-tiles=""' in page and "Kortdata" not in page, "no tile server in tests"
    assert 'id="walk-map" class="walk-map" hidden' in page, "the map appears only when the script runs"
    assert '<script src="/vendor/leaflet/leaflet.js" defer></script>' in page
    assert '<script src="/static/safety-walk-map.js" defer></script>' in page
    assert "<script>" not in page and "style=" not in page
    assert f'action="{PAGE}/findings/f_1/follow-up-actions"' in page
    assert f'action="{PAGE}/findings/f_1/resolution"' in page
    assert "findings/f_2/" not in page, "a resolved finding takes no more forms"


def test_an_unknown_walk_or_a_meeting_is_not_a_walk_page(signed_in, view):
    assert signed_in.get(f"{PAGE}/safety-walks/nope").status_code == 404
    assert signed_in.get(f"{PAGE}/safety-walks/m_1").status_code == 404


def test_a_reader_sees_the_walk_without_forms(signed_in, gateway, view):
    gateway.answers[("GET", "/me")] = READER
    page = signed_in.get(WALK_PAGE).get_data(as_text=True)
    assert "Manglende belysning" in page and "follow-up-actions" not in page and "/resolution" not in page


# -- follow-up actions and resolving a finding -------------------------------------------


def test_a_follow_up_action_is_posted_for_the_finding(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/findings/f_1/follow-up-actions")] = {"action_id": "a_2"}
    response = post(signed_in, f"{PAGE}/findings/f_1/follow-up-actions",
                    {"assigned_actor_id": "act_1", "description": "Sæt lys op", "due_date": "2027-01-15"}, WALK_PAGE)
    assert response.status_code == 303 and response.headers["Location"] == f"{WALK_PAGE}#finding-f_1"
    assert sent(gateway)[-1]["json"] == {"assigned_actor_id": "act_1", "description": "Sæt lys op",
                                         "due_date": "2027-01-15"}


def test_a_follow_up_action_without_a_description_comes_back_on_the_walk_page(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/findings/f_1/follow-up-actions",
                    {"assigned_actor_id": "act_1", "description": " ", "due_date": "snart"}, WALK_PAGE)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "<h1>Aftenvandring</h1>" in page
    assert '<p class="error" id="action-f_1-description-error">Skal udfyldes.</p>' in page
    assert 'id="action-f_1-due_date-error">Skriv datoen som ÅÅÅÅ-MM-DD.' in page
    assert sent(gateway) == []


def test_a_second_follow_up_action_is_refused_in_plain_words(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/findings/f_1/follow-up-actions")] = GatewayError(
        409, "finding.follow_up.already_exists", "already")
    response = post(signed_in, f"{PAGE}/findings/f_1/follow-up-actions",
                    {"assigned_actor_id": "act_1", "description": "Sæt lys op"}, WALK_PAGE)
    assert response.status_code == 422
    assert ('id="action-f_1-refusal">Fundet har allerede en opfølgende handling.</p>'
            in response.get_data(as_text=True))


def test_resolving_a_finding_posts_what_was_done(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/findings/f_1/resolution")] = {"resolution": {}}
    response = post(signed_in, f"{PAGE}/findings/f_1/resolution",
                    {"resolution": "Lys sat op", "date": "2026-11-28"}, WALK_PAGE)
    assert response.status_code == 303
    assert sent(gateway)[-1]["json"] == {"resolution": "Lys sat op", "date": "2026-11-28"}


def test_resolving_before_the_walk_is_refused_beside_the_date(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/findings/f_1/resolution")] = GatewayError(
        422, "finding.resolution.before_finding", "before")
    response = post(signed_in, f"{PAGE}/findings/f_1/resolution",
                    {"resolution": "Lys sat op", "date": "2026-01-01"}, WALK_PAGE)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="resolve-f_1-date-error">Et fund kan ikke være løst før den vandring, der fandt det.' in page


def test_an_unknown_finding_is_not_found(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/findings/nope/resolution", {"resolution": "x", "date": "2026-11-28"},
                    WALK_PAGE)
    assert response.status_code == 404 and sent(gateway) == []


# -- results and ripple effects ----------------------------------------------------------


def test_a_result_is_posted_with_its_size_and_actors(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/results")] = {"result_id": "r_1"}
    response = post(signed_in, f"{PAGE}/results", {"title": "Færre indbrud", "description": "", "date": "2026-11-30",
                                                   "size": "breakthrough", "actor_ids": "act_1"})
    assert response.status_code == 303
    assert sent(gateway)[-1]["json"] == {"title": "Færre indbrud", "description": None, "date": "2026-11-30",
                                         "platform_id": None, "actor_ids": ["act_1"], "size": "breakthrough"}


def test_a_result_without_title_or_size_comes_back_beside_the_fields(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/results", {"title": "", "date": "2026-11-30", "actor_ids": "act_1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="result-title-error">Skal udfyldes.' in page
    assert 'id="result-size-error">Vælg et lille resultat eller et gennembrud.' in page
    assert 'name="actor_ids" value="act_1" checked' in page
    assert sent(gateway) == []


def test_a_ripple_effect_is_posted_with_its_evidence(signed_in, gateway, view):
    gateway.answers[("POST", f"{PAGE}/ripple-effects")] = {"ripple_effect_id": "re_1"}
    response = post(signed_in, f"{PAGE}/ripple-effects", {"title": "Grundejerforening", "date": "2026-11-30",
                                                          "evidence": "Referat", "reference": "Bilag 3"})
    assert response.status_code == 303
    assert sent(gateway)[-1]["json"]["evidence"] == [{"description": "Referat", "reference": "Bilag 3"}]


def test_a_ripple_effect_without_evidence_comes_back(signed_in, gateway, view):
    response = post(signed_in, f"{PAGE}/ripple-effects", {"title": "Grundejerforening", "date": "2026-11-30"})
    assert response.status_code == 422
    assert 'id="ripple-evidence-error">Skal udfyldes.' in response.get_data(as_text=True)


def test_results_and_ripple_effects_are_listed(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "results": [
        {"title": "Færre indbrud", "size": "breakthrough", "date": "2026-11-30", "description": "Halveret"}],
        "ripple_effects": [{"title": "Ny forening", "date": "2026-11-29", "evidence": [
            {"description": "Referat", "reference": "Bilag 3"}]}]}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "<strong>Færre indbrud</strong> · Gennembrud" in page
    assert "<strong>Ny forening</strong>" in page and "Dokumentation: Referat (Bilag 3)" in page


# -- closing and the network -------------------------------------------------------------


def test_in_the_closing_phase_the_lead_may_close_and_must_decide_when_goals_are_unmet(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "phase": "closing", "eligible_to_close": False}
    gateway.answers[("POST", f"{PAGE}/closure")] = GatewayError(
        422, "initiative.close.platform_goals_not_reached", "not reached")
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert f'action="{PAGE}/closure"' in page and 'id="closure-override_reason"' in page
    response = post(signed_in, f"{PAGE}/closure", {"summary": "Godt arbejde", "override_reason": ""})
    assert response.status_code == 422
    assert 'id="closure-override_reason-error">Ikke alle udviklingsplatforme' in response.get_data(as_text=True)
    assert sent(gateway)[-1]["json"] == {"summary": "Godt arbejde", "override_reason": None}


def test_closing_redirects_to_the_workspace(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "phase": "closing"}
    gateway.answers[("POST", f"{PAGE}/closure")] = {"initiative": VIEW}
    response = post(signed_in, f"{PAGE}/closure", {"summary": "", "override_reason": ""})
    assert response.status_code == 303 and response.headers["Location"] == f"{PAGE}#closing-heading"


def test_a_closed_initiative_offers_the_network_and_no_more_work(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "phase": "closing", "status": "closed",
                                      "closure": {"at": "2026-12-01T10:00:00Z", "summary": "Vel overstået"}}
    gateway.answers[("POST", f"{PAGE}/network")] = {"initiative": VIEW}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Initiativet blev afsluttet den 2026-12-01. Vel overstået" in page
    assert f'action="{PAGE}/network"' in page and f'action="{PAGE}/closure"' not in page
    assert f'action="{PAGE}/results"' not in page and f'action="{PAGE}/citizen-meetings"' not in page
    assert post(signed_in, f"{PAGE}/network", {"network_name": "", "purpose": ""}).status_code == 422
    response = post(signed_in, f"{PAGE}/network", {"network_name": "Trygt Hjørring", "purpose": "Dialog"})
    assert response.status_code == 303
    assert sent(gateway)[-1]["json"] == {"network_name": "Trygt Hjørring", "purpose": "Dialog"}


def test_a_network_is_shown(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "status": "network", "phase": "closing",
                                      "closure": {"at": "2026-12-01T10:00:00Z"},
                                      "network": {"name": "Trygt Hjørring", "purpose": "Dialog"}}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Det fortsætter som netværket Trygt Hjørring. Dialog" in page
    assert f'action="{PAGE}/network"' not in page


# -- the map's origin: tiles by setting, Leaflet from us -----------------------------------


def test_the_csp_names_the_tile_host_only_when_tiles_are_set():
    assert "img-src 'self' data:;" in content_security_policy()
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in content_security_policy(None, OSM)
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"


def test_the_app_sends_the_tile_host_in_its_csp_and_to_the_map(gateway, view):
    app = create_app(settings(map_tiles=OSM), FakeAccounts(), gateway)
    response = app.test_client().get("/sign-in")
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in response.headers["Content-Security-Policy"]
    plain = create_app(settings(), FakeAccounts(), gateway).test_client().get("/sign-in")
    assert "openstreetmap" not in plain.headers["Content-Security-Policy"]


def test_the_walk_page_hands_the_tile_template_to_the_map_when_set(gateway, view):
    from web_fakes import PASSWORD, PERSON
    app = create_app(settings(map_tiles=OSM), FakeAccounts({PERSON: PASSWORD}), gateway)
    client = app.test_client()
    client.post("/sign-in", data={"email": PERSON, "password": PASSWORD, "csrf_token": csrf_of(client)})
    page = client.get(WALK_PAGE).get_data(as_text=True)
    assert f'data-tiles="{OSM}"' in page and "Kortdata © OpenStreetMap" in page


@pytest.mark.parametrize(("raw", "ok"), [
    ("", True), (OSM, True), ("https://{s}.tile.example.org/{z}/{x}/{y}.png", True),
    ("tile.openstreetmap.org/{z}/{x}/{y}.png", False), ("https://tile.openstreetmap.org/", False)])
def test_the_tile_setting_is_checked_at_start_up(raw, ok):
    from samskab_infra.settings import SettingsError
    env = {"WEB_SESSION_SECRET": "s" * 40, "SAMSKAB_JWT_SECRET": "j" * 40, "WEB_MAP_TILES": raw}
    if ok:
        assert load_web_settings(env).map_tiles == raw
    else:
        with pytest.raises(SettingsError, match="WEB_MAP_TILES"):
            load_web_settings(env)


def test_leaflet_is_served_from_our_origin_and_nothing_else_from_its_folder(client, tmp_path, monkeypatch):
    (tmp_path / "images").mkdir()
    (tmp_path / "leaflet.js").write_text("/* leaflet */")
    (tmp_path / "images" / "marker-icon.png").write_bytes(b"png")
    (tmp_path / "leaflet-src.js").write_text("/* not served */")
    monkeypatch.setattr(vendor, "LEAFLET_DIST", tmp_path)
    assert client.get("/vendor/leaflet/leaflet.js").get_data(as_text=True) == "/* leaflet */"
    assert client.get("/vendor/leaflet/images/marker-icon.png").status_code == 200
    assert client.get("/vendor/leaflet/leaflet-src.js").status_code == 404
    assert client.get("/vendor/leaflet/../package.json").status_code == 404


def test_the_walk_page_is_in_english_one_click_away(signed_in, view):
    signed_in.get("/language/en?next=/")
    page = signed_in.get(WALK_PAGE).get_data(as_text=True)
    assert 'data-label="Missing lighting: Open"' in page and "Create a follow-up action" in page
    assert 'aria-label="Map of the route and the findings"' in page
