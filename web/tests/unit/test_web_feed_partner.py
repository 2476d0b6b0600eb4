"""What needs doing on Mine initiativer, the notices (feed) and their settings, and the
webhook pages of partner systems, against a fake gateway: each form's success (a 303 and the
gateway's command with the right body), its refusal beside the field (422, nothing else
called), and the signing secret shown once, in the POST's own answer, never stored."""
from __future__ import annotations

from datetime import date

import pytest
from web_fakes import PERSON, csrf_of

from samskab_web.gateway_client import GatewayError
from samskab_web.to_do import to_do

pytestmark = pytest.mark.unit

TODAY = date(2026, 12, 4)
SECRET = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA=="
ITEM_ID = "evt_1|anna@politi.dk"
ENDPOINT = {"endpoint_id": "we_1", "owner": PERSON, "owner_district": None, "url": "https://partner.example/hook",
            "description": "Kommunens sagssystem", "event_types": ["InitiativeClosed"], "initiative_id": None,
            "district": None, "theme": None, "status": "enabled", "failing_since": None, "disabled_at": None,
            "disabled_reason": None, "secrets": [{"created_at": "2026-12-01T10:00:00Z", "expires_at": None}],
            "created_at": "2026-12-01T10:00:00Z", "version": 1}
ATTEMPT = {"attempt_id": "att_1", "delivery_id": "evt_9:webhook:we_1", "channel": "webhook", "recipient_id": "we_1",
           "event_id": "evt_9", "event_type": "InitiativeClosed", "attempt": 1, "replay": 0,
           "at": "2026-12-02T09:30:00Z", "outcome": "delivered", "status_code": 204, "latency_ms": 42, "error": None}


def work(checks=(), actions=(), goals=()) -> dict:
    return {"reality_checks": list(checks), "follow_up_actions": list(actions), "goals": list(goals)}


def initiative(initiative_id="ini_1", title="Hjørring – Fri for Indbrud", open_work=None) -> dict:
    return {"initiative_id": initiative_id, "title": title, "district": "nordjylland", "themes": [],
            "municipalities": [], "phase": "startup", "phase_label": {"da": "Opstart", "en": "Start-up"},
            "status": "active", "actor_count": 0, "eligible_to_close": False, "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z", "version": 1, "open_work": open_work or work()}


def post(client, path: str, data: dict, page: str = "/notices"):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, page)})


def calls(gateway, method: str, path: str) -> list[dict]:
    return [c for c in gateway.calls if (c["method"], c["path"]) == (method, path)]


# -- what needs doing ---------------------------------------------------------------------

def test_to_do_holds_overdue_checks_open_actions_and_goals_unmeasured_for_90_days():
    listed = [initiative(open_work=work(
        checks=[{"platform_id": "p1", "name": "Nabohjælp", "due": "2026-11-30"},
                {"platform_id": "p2", "name": "Belysning", "due": "2026-12-04"}],
        actions=[{"finding_id": "f1", "category": "vegetation", "description": "Beskær hækken",
                  "due_date": "2026-12-10"},
                 {"finding_id": "f2", "category": "missing_lighting", "description": "Sæt lys op",
                  "due_date": "2026-12-01"}],
        goals=[{"goal_id": "g1", "title": "Færre indbrud", "last_progress_on": "2026-09-04"},
               {"goal_id": "g2", "title": "Flere i Nabohjælp", "last_progress_on": "2026-09-06"},
               {"goal_id": "g3", "title": "Tryghed", "last_progress_on": None}]))]
    entries = to_do(listed, TODAY)
    assert [(e["kind"], e["what"], e["overdue"]) for e in entries] == [
        ("reality_check", "Nabohjælp", True),
        ("follow_up_action", "Sæt lys op", True), ("follow_up_action", "Beskær hækken", False),
        ("goal", "Færre indbrud", False), ("goal", "Tryghed", False)], "a check due today is not overdue yet"


def test_my_initiatives_shows_what_needs_doing_with_a_link_to_the_initiative(signed_in, gateway):
    gateway.answers[("GET", "/initiatives")] = {"next_cursor": None, "items": [initiative(open_work=work(
        actions=[{"finding_id": "f1", "category": "vegetation", "description": "Beskær hækken",
                  "due_date": "2020-01-01"}]))]}
    html = signed_in.get("/initiatives").get_data(as_text=True)
    assert '<h2 id="todo-heading">Det skal gøres</h2>' in html
    assert "opfølgning fra en tryghedsvandring: Beskær hækken" in html and "overskredet siden 2020-01-01" in html
    assert 'href="/initiatives/ini_1"' in html
    assert len(calls(gateway, "GET", "/initiatives")) == 1, "one list, no call per initiative"


def test_the_first_twenty_things_to_do_are_listed_and_the_rest_counted(signed_in, gateway):
    goals = [{"goal_id": f"g{n}", "title": f"Mål {n:02d}", "last_progress_on": None} for n in range(23)]
    gateway.answers[("GET", "/initiatives")] = {"next_cursor": None, "items": [initiative(open_work=work(goals=goals))]}
    html = signed_in.get("/initiatives").get_data(as_text=True)
    assert html.count("er ikke målt endnu") == 20 and "Og 3 mere; åbn initiativerne nedenfor" in html


def test_nothing_to_do_says_so(signed_in, gateway):
    gateway.answers[("GET", "/initiatives")] = {"next_cursor": None, "items": [initiative()]}
    assert "Der er ikke noget, der skal gøres lige nu." in signed_in.get("/initiatives").get_data(as_text=True)


# -- notices ------------------------------------------------------------------------------

@pytest.fixture
def feed(gateway):
    gateway.answers[("GET", "/me/feed")] = {"next_cursor": "c2", "items": [
        {"item_id": ITEM_ID, "event_type": "AnchorPersonAssigned", "initiative_id": "ini_1",
         "occurred_at": "2026-12-03T08:15:00Z", "read": False, "read_at": None,
         "title": "Du er ankerperson", "text": "Du er udpeget som ankerperson for Hjørring."},
        {"item_id": "evt_0|anna@politi.dk", "event_type": "InitiativeClosed", "initiative_id": None,
         "occurred_at": "2026-12-01T08:15:00Z", "read": True, "read_at": "2026-12-02T08:00:00Z",
         "title": "Afsluttet", "text": "Initiativet er afsluttet."}]}
    gateway.answers[("POST", "/me/feed/evt_1%7Canna%40politi.dk/read")] = {"item_id": ITEM_ID, "read": True,
                                                                           "read_at": "2026-12-04T10:00:00Z"}
    gateway.answers[("POST", "/me/feed/read")] = {"marked_read": 1}
    return gateway


def test_every_page_links_to_the_notices(signed_in, gateway):
    gateway.answers[("GET", "/initiatives")] = {"next_cursor": None, "items": []}
    assert '<a href="/notices">Beskeder</a>' in signed_in.get("/initiatives").get_data(as_text=True)


def test_the_notices_list_the_feed_new_first_with_a_mark_read_button(signed_in, feed):
    html = signed_in.get("/notices").get_data(as_text=True)
    assert "<h1>Beskeder</h1>" in html and "Du er udpeget som ankerperson for Hjørring." in html
    assert html.count('name="item_id"') == 1, "only the unread item has a button"
    assert f'value="{ITEM_ID}"' in html and "Markér alle som læst" in html
    assert "/notices?cursor=c2" in html and "Anchor person appointed" not in html
    assert "Webhooks til jeres systemer" in html, "a district operator may register webhooks"
    assert calls(feed, "GET", "/me/feed")[0]["params"] == {"limit": 20}


def test_only_unread_notices_are_asked_for(signed_in, feed):
    signed_in.get("/notices?unread=1")
    assert calls(feed, "GET", "/me/feed")[0]["params"] == {"limit": 20, "unread_only": "true"}


def test_marking_one_notice_read_posts_its_id_and_comes_back(signed_in, feed):
    response = post(signed_in, "/notices/read", {"item_id": ITEM_ID, "unread": "1"})
    assert response.status_code == 303 and response.headers["Location"] == "/notices?unread=1"
    assert len(calls(feed, "POST", "/me/feed/evt_1%7Canna%40politi.dk/read")) == 1


def test_marking_all_read(signed_in, feed):
    response = post(signed_in, "/notices/read-all", {})
    assert response.status_code == 303 and response.headers["Location"] == "/notices"
    assert len(calls(feed, "POST", "/me/feed/read")) == 1


def test_an_item_of_someone_else_is_not_found(signed_in, feed):
    assert post(signed_in, "/notices/read", {"item_id": "evt_1|bo@politi.dk"}).status_code == 404


# -- settings for notices --------------------------------------------------------------------

@pytest.fixture
def preferences(gateway):
    chosen = {"person_id": PERSON, "language": "en", "email_frequency": "daily", "mailable": True}
    gateway.answers[("GET", "/me/preferences")] = chosen
    gateway.answers[("PUT", "/me/preferences")] = chosen
    gateway.answers[("GET", "/subscriptions")] = {"next_cursor": None, "defaults": [], "items": [
        {"subscription_id": "sub_1", "subscriber_kind": "person", "subscriber_id": PERSON,
         "event_type": "ResultDocumented", "initiative_id": "ini_1", "district": "nordjylland", "theme": None,
         "channels": ["feed", "email"], "mute": False, "created_at": "2026-12-01T10:00:00Z"}]}
    gateway.answers[("GET", "/initiatives")] = {"next_cursor": None, "items": [initiative()]}
    gateway.answers[("POST", "/subscriptions")] = {"subscriptions": []}
    gateway.answers[("DELETE", "/subscriptions/sub_1")] = {"subscription_id": "sub_1", "removed": True}
    return gateway


def test_the_settings_show_what_is_chosen_and_what_is_followed(signed_in, preferences):
    html = signed_in.get("/notices/settings").get_data(as_text=True)
    assert calls(preferences, "GET", "/me/preferences") and not calls(preferences, "PUT", "/me/preferences")
    assert '<option value="en" lang="en" selected>' in html
    assert 'value="daily" checked' in html
    assert "<td>Resultat dokumenteret</td>" in html
    assert "I Samskab (dine beskeder), På e-mail" in html and "Hjørring – Fri for Indbrud" in html


def test_saving_the_settings_puts_them_and_says_so(signed_in, preferences):
    response = post(signed_in, "/notices/settings", {"language": "da", "email_frequency": "immediate"},
                    "/notices/settings")
    assert response.status_code == 303 and response.headers["Location"] == "/notices/settings?saved=1"
    assert calls(preferences, "PUT", "/me/preferences")[-1]["json"] == {"language": "da",
                                                                       "email_frequency": "immediate"}
    assert "Dine indstillinger er gemt." in signed_in.get(response.headers["Location"]).get_data(as_text=True)


def test_a_refused_setting_is_shown_beside_its_field(signed_in, preferences):
    """The gateway refuses the change and still answers the read."""
    token = csrf_of(signed_in, "/notices/settings")
    original_call = preferences.call

    def call(method, path, subject, request_id, json=None, params=None):
        if method == "PUT" and json:
            preferences.calls.append({"method": method, "path": path, "json": json, "params": params})
            raise GatewayError(422, "validation.failed", "invalid", {"language": ["Must be one of: da, en."]})
        return original_call(method, path, subject, request_id, json=json, params=params)

    preferences.call = call
    response = signed_in.post("/notices/settings", data={"language": "fr", "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="preferences-language-error">Must be one of: da, en.</p>' in html
    assert 'aria-describedby="preferences-language-error" aria-invalid="true"' in html


def test_following_an_initiative_posts_the_types_and_channels(signed_in, preferences):
    response = post(signed_in, "/notices/subscriptions", {"initiative_id": "ini_1",
                                                          "event_types": ["ResultDocumented", "ActorJoined"],
                                                          "channels": ["email"]}, "/notices/settings")
    assert response.status_code == 303
    assert calls(preferences, "POST", "/subscriptions")[0]["json"] == {
        "event_types": ["ResultDocumented", "ActorJoined"], "initiative_id": "ini_1", "channels": ["email"]}


def test_following_without_a_kind_of_notice_is_refused_beside_the_field(signed_in, preferences):
    response = post(signed_in, "/notices/subscriptions", {"initiative_id": "ini_1", "channels": ["feed"]},
                    "/notices/settings")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and calls(preferences, "POST", "/subscriptions") == []
    assert 'id="follow-event_types-error">Vælg mindst én slags besked.' in html


def test_a_refused_follow_is_shown_beside_the_initiative(signed_in, preferences):
    preferences.answers[("POST", "/subscriptions")] = GatewayError(
        403, "notifications.district_scope", "the initiative is in another police district")
    response = post(signed_in, "/notices/subscriptions", {"initiative_id": "ini_1", "event_types": ["ActorLeft"],
                                                          "channels": ["feed"]}, "/notices/settings")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="follow-initiative_id-error">Du må kun følge initiativer i din egen politikreds.' in html


def test_stopping_to_follow_deletes_the_subscription(signed_in, preferences):
    response = post(signed_in, "/notices/subscriptions/sub_1/delete", {}, "/notices/settings")
    assert response.status_code == 303 and len(calls(preferences, "DELETE", "/subscriptions/sub_1")) == 1


# -- webhooks ------------------------------------------------------------------------------

@pytest.fixture
def webhooks(gateway):
    gateway.answers[("GET", "/me")] = {"subject": PERSON, "grants": [{"role": "partner", "scope": None}]}
    gateway.answers[("GET", "/webhook-endpoints")] = {"next_cursor": None, "items": [ENDPOINT]}
    gateway.answers[("POST", "/webhook-endpoints")] = {**ENDPOINT, "secret": SECRET}
    gateway.answers[("GET", "/webhook-endpoints/we_1")] = ENDPOINT
    gateway.answers[("GET", "/webhook-endpoints/we_1/deliveries")] = {"next_cursor": None, "items": [ATTEMPT]}
    gateway.answers[("POST", "/webhook-endpoints/we_1/secret-rotation")] = {**ENDPOINT, "secret": SECRET}
    gateway.answers[("POST", "/webhook-endpoints/we_1/disable")] = {**ENDPOINT, "status": "disabled"}
    gateway.answers[("POST", "/webhook-endpoints/we_1/deliveries/evt_9%3Awebhook%3Awe_1/replay")] = {}
    gateway.answers[("POST", "/webhook-endpoints/we_1/replay")] = {"endpoint_id": "we_1", "replayed": 1,
                                                                  "since": "2026-12-01T00:00:00Z",
                                                                  "delivery_ids": ["evt_9:webhook:we_1"]}
    return gateway


REGISTER = {"url": "https://partner.example/hook", "event_types": ["InitiativeClosed"],
            "description": "Kommunens sagssystem", "district": "", "contact_email": ""}


def test_the_webhooks_page_lists_the_endpoints_and_offers_the_form(signed_in, webhooks):
    html = signed_in.get("/webhooks").get_data(as_text=True)
    assert 'href="/webhooks/we_1">https://partner.example/hook</a>' in html
    assert "Registrér endpointet" in html and SECRET not in html


def test_someone_without_a_partner_role_is_not_offered_the_form(signed_in, webhooks):
    webhooks.answers[("GET", "/me")] = {"subject": PERSON, "grants": [{"role": "anchor_person", "scope": "ini_1"}]}
    html = signed_in.get("/webhooks").get_data(as_text=True)
    assert "Kun partnersystemer og operatører kan registrere webhooks." in html and 'name="url"' not in html


def test_registering_shows_the_secret_once_in_the_answer_never_stored(signed_in, webhooks):
    response = post(signed_in, "/webhooks", REGISTER, "/webhooks")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Location" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert html.count(SECRET) == 1 and "Det er den eneste gang, hemmeligheden vises." in html
    assert "HMAC-SHA256" in html and "webhook-signature" in html
    assert SECRET not in response.headers.get("Set-Cookie", ""), "never in the session"
    assert webhooks.calls[-1]["json"] == {"url": "https://partner.example/hook", "event_types": ["InitiativeClosed"],
                                          "description": "Kommunens sagssystem", "district": None,
                                          "contact_email": None}
    for page in ("/webhooks", "/webhooks/we_1"):
        assert SECRET not in signed_in.get(page).get_data(as_text=True), "shown once only"


def test_a_forbidden_address_is_refused_beside_the_url(signed_in, webhooks):
    webhooks.answers[("POST", "/webhook-endpoints")] = GatewayError(
        422, "webhook.url.forbidden_address", "10.0.0.1 is a private address")
    response = post(signed_in, "/webhooks", REGISTER, "/webhooks")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and SECRET not in html
    assert 'id="register-url-error">Webhooks sendes kun til offentlige internetadresser.' in html
    assert 'aria-describedby="url-hint register-url-error" aria-invalid="true"' in html
    assert 'value="https://partner.example/hook"' in html, "what was typed comes back"


def test_the_gateways_field_errors_are_shown_beside_their_fields(signed_in, webhooks):
    webhooks.answers[("POST", "/webhook-endpoints")] = GatewayError(
        422, "validation.failed", "invalid", {"contact_email": ["Not a valid email address."]})
    html = post(signed_in, "/webhooks", REGISTER, "/webhooks").get_data(as_text=True)
    assert 'id="register-contact_email-error">Ikke en gyldig e-mailadresse.' in html


def test_a_missing_url_is_refused_without_asking_the_gateway(signed_in, webhooks):
    response = post(signed_in, "/webhooks", {**REGISTER, "url": " "}, "/webhooks")
    assert response.status_code == 422 and calls(webhooks, "POST", "/webhook-endpoints") == []
    assert 'id="register-url-error">' in response.get_data(as_text=True)


def test_the_endpoint_page_shows_its_delivery_log_with_replay(signed_in, webhooks):
    html = signed_in.get("/webhooks/we_1").get_data(as_text=True)
    assert "Leveringslog" in html and "Leveret" in html and ">204<" in html and "42 ms" in html
    assert 'value="evt_9:webhook:we_1"' in html and SECRET not in html
    assert calls(webhooks, "GET", "/webhook-endpoints/we_1/deliveries")[0]["params"] == {"limit": 50}


def test_replaying_one_delivery(signed_in, webhooks):
    response = post(signed_in, "/webhooks/we_1/deliveries/replay", {"delivery_id": "evt_9:webhook:we_1"},
                    "/webhooks/we_1")
    assert response.status_code == 303 and response.headers["Location"] == "/webhooks/we_1?replayed=1"
    assert len(calls(webhooks, "POST", "/webhook-endpoints/we_1/deliveries/evt_9%3Awebhook%3Awe_1/replay")) == 1


def test_a_refused_replay_says_why_beside_the_log(signed_in, webhooks):
    webhooks.answers[("POST", "/webhook-endpoints/we_1/deliveries/evt_9%3Awebhook%3Awe_1/replay")] = GatewayError(
        422, "webhook.endpoint_disabled", "enable the endpoint before replaying to it")
    response = post(signed_in, "/webhooks/we_1/deliveries/replay", {"delivery_id": "evt_9:webhook:we_1"},
                    "/webhooks/we_1")
    assert response.status_code == 422
    assert 'id="log-_form-error">Slå endpointet til, før du sender noget igen.' in response.get_data(as_text=True)


def test_replaying_since_a_day(signed_in, webhooks):
    response = post(signed_in, "/webhooks/we_1/replay", {"since": "2026-12-01"}, "/webhooks/we_1")
    assert response.status_code == 303
    assert calls(webhooks, "POST", "/webhook-endpoints/we_1/replay")[0]["json"] == {"since": "2026-12-01T00:00:00Z"}


def test_replaying_since_no_date_is_refused_beside_the_field(signed_in, webhooks):
    response = post(signed_in, "/webhooks/we_1/replay", {"since": "i går"}, "/webhooks/we_1")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and calls(webhooks, "POST", "/webhook-endpoints/we_1/replay") == []
    assert 'id="replay-since-error">Angiv en dato, fx 2026-12-01.' in html
    assert 'aria-describedby="since-hint replay-since-error" aria-invalid="true"' in html


def test_switching_off(signed_in, webhooks):
    response = post(signed_in, "/webhooks/we_1/disable", {}, "/webhooks/we_1")
    assert response.status_code == 303 and len(calls(webhooks, "POST", "/webhook-endpoints/we_1/disable")) == 1


def test_a_new_secret_is_shown_once_in_the_rotations_answer(signed_in, webhooks):
    response = post(signed_in, "/webhooks/we_1/secret", {}, "/webhooks/we_1")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert html.count(SECRET) == 1 and "Den tidligere hemmelighed signerer stadig" in html


def test_someone_elses_endpoint_is_forbidden(signed_in, webhooks):
    webhooks.answers[("GET", "/webhook-endpoints/we_2")] = GatewayError(403, "access.denied", "someone else's")
    assert signed_in.get("/webhooks/we_2").status_code == 403
