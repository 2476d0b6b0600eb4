"""The pages against fakes of the gateway client and the account store: security headers,
CSRF, sign-in and sign-out, translation, and how gateway answers become pages."""
from __future__ import annotations

import pytest
from web_fakes import PASSWORD, PERSON, csrf_of

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

INITIATIVE = {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
              "themes": ["burglary_prevention"], "phase": "mapping", "status": "active",
              "municipalities": ["Hjørring"], "challenge": {"text": "Mange indbrud <b>om natten</b>"}}


def test_every_answer_carries_a_strict_content_security_policy(client):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "<script" not in response.get_data(as_text=True) and "style=" not in response.get_data(as_text=True)


def test_forms_may_go_only_to_us_and_the_identity_provider():
    from samskab_web.security import content_security_policy

    assert "form-action 'self';" in content_security_policy()
    assert "form-action 'self' https://idp.example;" in content_security_policy("https://idp.example/realms/x")


def test_the_session_cookie_is_http_only_and_same_site(client):
    cookie = client.get("/sign-in").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_cookie_is_secure_outside_localhost(gateway):
    from web_fakes import FakeAccounts, settings

    from samskab_web.app import create_app

    app = create_app(settings(host="0.0.0.0", cookie_secure=True), FakeAccounts(), gateway)
    assert "Secure" in app.test_client().get("/sign-in").headers["Set-Cookie"]


def test_danish_is_the_default_and_english_is_one_click_away(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert '<html lang="da">' in page and "<h1>Log ind</h1>" in page
    switched = client.get("/language/en?next=/sign-in")
    assert switched.status_code == 303 and switched.headers["Location"] == "/sign-in"
    page = client.get("/sign-in").get_data(as_text=True)
    assert '<html lang="en">' in page and "<h1>Sign in</h1>" in page


def test_the_language_switch_never_sends_the_person_elsewhere(client):
    assert client.get("/language/en?next=//evil.example/x").headers["Location"] == "/"
    assert client.get("/language/en?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/language/xx").status_code == 404


def test_a_post_without_the_csrf_token_is_refused(client):
    csrf_of(client)
    response = client.post("/sign-in", data={"email": PERSON, "password": PASSWORD})
    assert response.status_code == 400
    assert "Formularen var udløbet" in response.get_data(as_text=True)


def test_a_wrong_password_shows_the_form_again(client):
    response = client.post("/sign-in", data={"email": PERSON, "password": "wrong", "csrf_token": csrf_of(client)})
    assert response.status_code == 401
    assert "E-mailadressen eller adgangskoden er forkert." in response.get_data(as_text=True)


def test_signing_in_starts_a_new_session_that_expires_and_signing_out_ends_it(client):
    before = csrf_of(client)
    signed = client.post("/sign-in", data={"email": PERSON, "password": PASSWORD, "csrf_token": before})
    assert "Expires=" in signed.headers["Set-Cookie"], "the session ends by itself (WEB_SESSION_HOURS)"
    after = csrf_of(client, "/sign-in")
    assert after != before, "the token from before sign-in must not survive it"
    assert client.post("/sign-out", data={"csrf_token": after}).status_code == 303
    assert client.get("/initiatives").status_code == 303


def test_pages_need_a_signed_in_person(client):
    response = client.get("/initiatives/ini_1")
    assert response.status_code == 303 and response.headers["Location"].startswith("/sign-in?next=")


def test_my_initiatives_lists_what_the_gateway_lists_with_phase_labels(signed_in, gateway):
    gateway.answers[("GET", "/initiatives")] = {"items": [INITIATIVE], "next_cursor": None}
    page = signed_in.get("/initiatives", headers={"X-Request-Id": "req-123"}).get_data(as_text=True)
    assert "Hjørring – Fri for Indbrud" in page and "Kortlægning" in page and "Nordjyllands Politi" in page
    assert "Start et initiativ" in page
    listed = [c for c in gateway.calls if c["path"] == "/initiatives"][0]
    assert listed["subject"] == PERSON and listed["request_id"] == "req-123"


def test_the_initiative_page_marks_the_current_phase_and_escapes_text(signed_in, gateway):
    gateway.answers[("GET", "/initiatives/ini_1")] = INITIATIVE
    page = signed_in.get("/initiatives/ini_1").get_data(as_text=True)
    assert page.count('<span class="number" aria-hidden="true">') == 7
    assert '<li class="current" aria-current="step">' in page
    assert page.index("Opstart") < page.index("Kortlægning") < page.index("Afslutning")
    assert "&lt;b&gt;om natten&lt;/b&gt;" in page and "<b>om natten</b>" not in page


def test_what_the_gateway_does_not_find_is_not_found(signed_in):
    response = signed_in.get("/initiatives/ini_other")
    assert response.status_code == 404 and "Ikke fundet" in response.get_data(as_text=True)


def test_a_refusal_by_the_gateway_is_not_allowed(signed_in, gateway):
    gateway.answers[("GET", "/initiatives/ini_1")] = GatewayError(403, "access.denied")
    assert signed_in.get("/initiatives/ini_1").status_code == 403


def test_a_gateway_that_does_not_answer_is_a_503_page(signed_in, gateway):
    gateway.answers[("GET", "/initiatives")] = GatewayError(503, "gateway.unreachable")
    response = signed_in.get("/initiatives")
    assert response.status_code == 503 and "Systemet svarer ikke" in response.get_data(as_text=True)


def test_bad_input_shows_the_gateways_errors_next_to_the_fields(signed_in, gateway):
    gateway.answers[("POST", "/initiatives")] = GatewayError(
        400, "validation_failed", "invalid", {"title": ["Length must be between 1 and 200."],
                                              "challenge": {"text": ["Missing data for required field."]}})
    token = csrf_of(signed_in, "/initiatives/new")
    response = signed_in.post("/initiatives/new", data={"csrf_token": token, "title": "", "challenge": "",
                                                        "themes": ["loneliness"], "district": "nordjylland"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<p class="error" id="title-error">Skal være mellem 1 og 200 tegn.</p>' in page
    assert '<p class="error" id="challenge-error">Skal udfyldes.</p>' in page
    assert 'aria-describedby="title-error" aria-invalid="true"' in page
    assert 'value="loneliness" checked' in page, "what was typed is kept"


def test_a_started_initiative_opens_its_page(signed_in, gateway):
    gateway.answers[("POST", "/initiatives")] = {"initiative_id": "ini_9"}
    token = csrf_of(signed_in, "/initiatives/new")
    response = signed_in.post("/initiatives/new", data={
        "csrf_token": token, "title": "Tryg by", "challenge": "Indbrud", "themes": ["burglary_prevention"],
        "district": "nordjylland", "municipalities": "Hjørring, Frederikshavn"})
    assert response.status_code == 303 and response.headers["Location"] == "/initiatives/ini_9"
    sent = [c for c in gateway.calls if c["method"] == "POST"][0]["json"]
    assert sent == {"title": "Tryg by", "challenge": {"text": "Indbrud"}, "themes": ["burglary_prevention"],
                    "district": "nordjylland", "municipalities": ["Hjørring", "Frederikshavn"], "vision": None}
