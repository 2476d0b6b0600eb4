"""The district operator's pages and the actor pages against a fake gateway: the district's
initiatives, finding actors by name and CVR (bad input beside the field, 422, nothing asked),
registering an organisation or a citizen, giving and withdrawing a colleague's access; an
actor's details, representatives, memberships and consents, and its personal-data export as
a download; the navigation by role."""
from __future__ import annotations

import re

import pytest
from web_fakes import PERSON, FakeDocument, csrf_of

from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

ACTOR_ID = "act-1"
CITIZEN_ID = "act-2"
BUSINESS = {"actor_id": ACTOR_ID, "kind": "business", "district": "nordjylland", "preferred_language": "da",
            "registered_at": "2026-12-01T10:00:00Z", "updated_at": "2026-12-01T10:00:00Z", "erased_at": None,
            "representatives": ["karen@kn.dk"], "version": 3, "name": "KN Låseteknik", "cvr": "29189846",
            "department": None, "municipality": "Hjørring", "shared_with_initiatives": False,
            "contact_points": [{"name": "Karen Nielsen", "role": "indehaver", "email": "karen@kn.dk", "phone": None},
                               {"name": "Ole Olsen", "role": None, "email": "ole@kn.dk", "phone": None}]}
CITIZEN = {"actor_id": CITIZEN_ID, "kind": "citizen", "district": "nordjylland", "preferred_language": "da",
           "registered_at": "2026-12-01T10:00:00Z", "updated_at": "2026-12-01T10:00:00Z", "erased_at": None,
           "representatives": ["nabo@example.dk"], "version": 2, "display_name": "Nabo i Vrå",
           "contact": {"channel": "email", "address": "nabo@example.dk"},
           "consents": [{"purpose": "notifications", "given_at": "2026-12-02T10:00:00Z", "withdrawn_at": None},
                        {"purpose": "contact_directory", "given_at": "2026-11-02T10:00:00Z",
                         "withdrawn_at": "2026-11-03T10:00:00Z"}]}
FOUND = {"actor_id": ACTOR_ID, "kind": "business", "district": "nordjylland", "name": "KN Låseteknik",
         "cvr": "29189846", "department": None, "municipality": "Hjørring", "registered_at": "2026-12-01T10:00:00Z"}
MEMBERSHIP = {"membership_id": "m1", "initiative_id": "ini_1", "district": "nordjylland", "actor_id": ACTOR_ID,
              "actor_kind": "business", "active": True, "role": "member", "contributions": [],
              "interests": {"categories": [], "free_text": None}, "platforms": [], "version": 1,
              "periods": [{"joined_at": "2026-12-02T09:00:00Z", "left_at": None}]}


def me(*grants: tuple[str, str]) -> dict:
    return {"subject": PERSON, "grants": [{"role": role, "scope": scope} for role, scope in grants]}


def html_of(response) -> str:
    return response.get_data(as_text=True)


def calls(gateway, method: str, path: str) -> list[dict]:
    return [c for c in gateway.calls if c["method"] == method and c["path"] == path]


@pytest.fixture
def actor_pages(gateway):
    gateway.answers.update({
        ("GET", f"/actors/{ACTOR_ID}"): BUSINESS, ("GET", f"/actors/{CITIZEN_ID}"): CITIZEN,
        ("GET", f"/actors/{ACTOR_ID}/memberships"): {"items": [MEMBERSHIP], "next_cursor": None},
        ("GET", f"/actors/{CITIZEN_ID}/memberships"): {"items": [], "next_cursor": None},
        ("GET", "/initiatives/ini_1"): {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud"},
    })
    return gateway


def post(client, path: str, data: dict, page: str):
    return client.post(path, data={"csrf_token": csrf_of(client, page), **data})


# -- navigation ----------------------------------------------------------------------------

def test_the_navigation_offers_the_pages_of_the_persons_roles(signed_in):
    html = html_of(signed_in.get("/sign-in"))
    assert 'href="/district"' in html and 'href="/actors"' not in html


def test_a_representative_is_offered_their_organisation_not_a_district(client, gateway):
    gateway.answers[("GET", "/me")] = me(("actor_representative", ACTOR_ID))
    token = csrf_of(client)
    client.post("/sign-in", data={"email": PERSON, "password": "a long enough password", "csrf_token": token})
    html = html_of(client.get("/sign-in"))
    assert 'href="/actors"' in html and 'href="/district"' not in html


# -- the district --------------------------------------------------------------------------

def test_the_district_page_lists_the_districts_initiatives(signed_in, gateway):
    gateway.answers[("GET", "/initiatives")] = {"items": [
        {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
         "phase": "mapping", "status": "active"}], "next_cursor": "ini_1"}
    assert signed_in.get("/district").headers["Location"].endswith("/district/nordjylland")
    page = signed_in.get("/district/nordjylland")
    html = html_of(page)
    assert page.status_code == 200 and "<h1>Nordjyllands Politi</h1>" in html
    assert calls(gateway, "GET", "/initiatives")[-1]["params"] == {"limit": 50, "district": "nordjylland"}
    assert 'href="/initiatives/ini_1">Hjørring – Fri for Indbrud</a>' in html
    assert "cursor=ini_1" in html and "<script" not in html and "style=" not in html


def test_a_district_the_person_does_not_operate_is_refused_and_an_unknown_one_not_found(signed_in):
    assert signed_in.get("/district/fyn").status_code == 403
    assert signed_in.get("/district/atlantis").status_code == 404
    assert signed_in.get("/district/fyn/actors").status_code == 403


def test_someone_operating_no_district_has_no_district_page(signed_in, gateway):
    gateway.answers[("GET", "/me")] = me(("actor_representative", ACTOR_ID))
    assert signed_in.get("/district").status_code == 403


def test_an_operator_of_two_districts_chooses_one(signed_in, gateway):
    gateway.answers[("GET", "/me")] = me(("district_operator", "nordjylland"), ("district_operator", "fyn"))
    html = html_of(signed_in.get("/district"))
    assert 'href="/district/fyn"' in html and 'href="/district/nordjylland"' in html


# -- finding actors ------------------------------------------------------------------------

def test_actors_are_found_by_name_and_cvr_in_the_district(signed_in, gateway):
    gateway.answers[("GET", "/actors")] = {"items": [FOUND], "next_cursor": None}
    page = signed_in.get("/district/nordjylland/actors?name=kn+l%C3%A5s&cvr=2918+9846")
    html = html_of(page)
    assert page.status_code == 200
    assert calls(gateway, "GET", "/actors")[-1]["params"] == {"limit": 50, "district": "nordjylland",
                                                              "name": "kn lås", "cvr": "29189846"}
    assert f'href="/actors/{ACTOR_ID}">KN Låseteknik</a>' in html and "Virksomhed" in html


def test_without_a_search_the_districts_actors_are_listed_page_by_page(signed_in, gateway):
    gateway.answers[("GET", "/actors")] = {"items": [FOUND], "next_cursor": ACTOR_ID}
    html = html_of(signed_in.get("/district/nordjylland/actors?cursor=act-0"))
    assert calls(gateway, "GET", "/actors")[-1]["params"] == {"limit": 50, "district": "nordjylland",
                                                              "cursor": "act-0"}
    assert f"cursor={ACTOR_ID}" in html


@pytest.mark.parametrize("query, field", [("cvr=29189847", "cvr"), ("cvr=1234", "cvr"), ("name=--", "name")])
def test_a_bad_search_is_the_form_again_with_the_error_beside_the_field(signed_in, gateway, query, field):
    page = signed_in.get(f"/district/nordjylland/actors?{query}")
    html = html_of(page)
    assert page.status_code == 422
    assert f'id="search-{field}-error"' in html and f'search-{field}-error"' in html.split(f'id="{field}"')[1]
    assert calls(gateway, "GET", "/actors") == [], "nothing asked"


def test_a_search_the_gateway_refuses_shows_its_field_error(signed_in, gateway):
    gateway.answers[("GET", "/actors")] = GatewayError(400, "validation.failed", "bad",
                                                       {"name": ["Length must be between 1 and 100."]})
    page = signed_in.get("/district/nordjylland/actors?name=" + "x" * 120)
    assert page.status_code == 422 and 'id="search-name-error"' in html_of(page)


# -- registering actors --------------------------------------------------------------------

REGISTER = "/district/nordjylland/actors/new"


def test_the_registration_form_offers_every_kind_with_its_label(signed_in):
    html = html_of(signed_in.get(REGISTER))
    assert '<option value="business">Virksomhed</option>' in html
    assert '<option value="citizen">Borger</option>' in html
    fields = re.findall(r'<(?:input|select|textarea) id="([^"]+)"', html)
    assert len(fields) > 10 and [f for f in fields if f'for="{f}"' not in html] == [], "a label on every field"


def test_a_business_is_registered_with_its_cvr_and_contact_person(signed_in, gateway):
    gateway.answers[("POST", "/actors")] = {**BUSINESS}
    response = post(signed_in, REGISTER, {"kind": "business", "name": " KN Låseteknik ", "cvr": "2918 9846",
                                          "municipality": "Hjørring", "contact_name": "Karen Nielsen",
                                          "contact_email": "karen@kn.dk", "shared_with_initiatives": "yes",
                                          "preferred_language": "da", "representative": "karen@kn.dk",
                                          "display_name": "ignored"}, REGISTER)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/actors/{ACTOR_ID}")
    assert calls(gateway, "POST", "/actors")[0]["json"] == {
        "kind": "business", "district": "nordjylland", "preferred_language": "da", "name": "KN Låseteknik",
        "cvr": "29189846", "municipality": "Hjørring", "shared_with_initiatives": True,
        "contact_points": [{"name": "Karen Nielsen", "role": None, "email": "karen@kn.dk", "phone": None}],
        "representative": "karen@kn.dk"}


def test_a_citizen_is_registered_with_the_channel_chosen(signed_in, gateway):
    gateway.answers[("POST", "/actors")] = {**CITIZEN}
    response = post(signed_in, REGISTER, {"kind": "citizen", "display_name": "Nabo i Vrå", "channel": "email",
                                          "address": "nabo@example.dk", "name": "ignored"}, REGISTER)
    assert response.status_code == 303
    assert calls(gateway, "POST", "/actors")[0]["json"] == {
        "kind": "citizen", "district": "nordjylland", "preferred_language": "da", "display_name": "Nabo i Vrå",
        "contact": {"channel": "email", "address": "nabo@example.dk"}}


@pytest.mark.parametrize("data, field", [
    ({"kind": "", "name": "X"}, "kind"),
    ({"kind": "business", "name": ""}, "name"),
    ({"kind": "business", "name": "X", "cvr": "29189847"}, "cvr"),
    ({"kind": "citizen", "display_name": ""}, "display_name"),
    ({"kind": "citizen", "display_name": "N", "channel": "sms"}, "address"),
])
def test_missing_or_bad_input_is_the_form_again_and_nothing_is_sent(signed_in, gateway, data, field):
    response = post(signed_in, REGISTER, data, REGISTER)
    html = html_of(response)
    assert response.status_code == 422 and f'id="register-{field.replace("_", "-")}"' in html
    assert f'<p class="error" id="register-{field}-error">' in html
    assert calls(gateway, "POST", "/actors") == []
    assert "actors?cvr=" not in html, "the way to the registered actor is for a duplicate only"


def test_a_duplicate_cvr_is_shown_beside_the_cvr_with_a_way_to_find_the_actor(signed_in, gateway):
    gateway.answers[("POST", "/actors")] = GatewayError(409, "actor.duplicate_cvr", "already registered")
    response = post(signed_in, REGISTER, {"kind": "business", "name": "KN", "cvr": "29189846"}, REGISTER)
    html = html_of(response)
    assert response.status_code == 422
    assert 'id="register-cvr-error">En aktør med dette CVR-nummer er allerede registreret.' in html
    assert 'href="/district/nordjylland/actors?cvr=29189846"' in html
    assert 'value="KN"' in html, "what the person typed stays"


def test_the_gateways_field_errors_land_beside_the_contact_person(signed_in, gateway):
    gateway.answers[("POST", "/actors")] = GatewayError(400, "validation.failed", "bad", {
        "contact_points": {"0": {"email": ["Not a valid email address."]}}})
    response = post(signed_in, REGISTER, {"kind": "business", "name": "KN", "contact_name": "K",
                                          "contact_email": "nope"}, REGISTER)
    assert response.status_code == 422
    assert 'id="register-contact_name-error">Ikke en gyldig e-mailadresse.' in html_of(response)


# -- access in the district ----------------------------------------------------------------

ACCESS = "/district/nordjylland/access"
GRANT = {"grant_id": "district_operator|nordjylland|kollega@politi.dk", "subject": "kollega@politi.dk",
         "role": "district_operator", "scope": "nordjylland", "source": "operator", "granted_by": PERSON,
         "granted_at": "2026-12-03T08:00:00Z"}


def test_the_access_page_lists_the_districts_operators(signed_in, gateway):
    gateway.answers[("GET", "/admin/grants")] = {"items": [GRANT, {**GRANT, "scope": "fyn", "subject": "x@fyn"}],
                                                 "next_cursor": None}
    html = html_of(signed_in.get(ACCESS))
    assert "kollega@politi.dk" in html and "x@fyn" not in html


def test_a_colleague_is_given_district_operator_of_this_district(signed_in, gateway):
    gateway.answers[("GET", "/admin/grants")] = {"items": [], "next_cursor": None}
    gateway.answers[("POST", "/admin/grants")] = GRANT
    response = post(signed_in, ACCESS, {"subject": " kollega@politi.dk "}, ACCESS)
    assert response.status_code == 303 and response.headers["Location"].endswith(ACCESS)
    assert calls(gateway, "POST", "/admin/grants")[0]["json"] == {
        "subject": "kollega@politi.dk", "role": "district_operator", "district": "nordjylland"}


@pytest.mark.parametrize("answer, expected", [
    (None, "Skriv personens e-mailadresse"),
    (GatewayError(403, "access.grant_denied", "no"), "Du må ikke give eller fjerne denne adgang."),
])
def test_a_refused_grant_is_the_form_again_with_the_reason(signed_in, gateway, answer, expected):
    gateway.answers[("GET", "/admin/grants")] = {"items": [], "next_cursor": None}
    if answer is not None:
        gateway.answers[("POST", "/admin/grants")] = answer
    response = post(signed_in, ACCESS, {"subject": "k@politi.dk" if answer else ""}, ACCESS)
    html = html_of(response)
    assert response.status_code == 422 and 'id="give-subject-error"' in html and expected in html


def test_an_access_is_withdrawn_by_its_grant_id(signed_in, gateway):
    gateway.answers[("GET", "/admin/grants")] = {"items": [GRANT], "next_cursor": None}
    path = "/admin/grants/district_operator%7Cnordjylland%7Ckollega%40politi.dk"
    gateway.answers[("DELETE", path)] = GRANT
    response = post(signed_in, f"{ACCESS}/withdraw", {"grant_id": GRANT["grant_id"]}, ACCESS)
    assert response.status_code == 303 and calls(gateway, "DELETE", path)


def test_withdrawing_an_access_already_gone_says_so(signed_in, gateway):
    gateway.answers[("GET", "/admin/grants")] = {"items": [], "next_cursor": None}
    response = post(signed_in, f"{ACCESS}/withdraw", {"grant_id": "gone"}, ACCESS)
    assert response.status_code == 422 and "Den adgang er allerede fjernet." in html_of(response)


# -- an actor's own page -------------------------------------------------------------------

PAGE = f"/actors/{ACTOR_ID}"


def test_the_actor_page_shows_details_representatives_and_memberships(signed_in, actor_pages):
    page = signed_in.get(PAGE)
    html = html_of(page)
    assert page.status_code == 200 and "<h1>KN Låseteknik</h1>" in html
    assert 'value="Karen Nielsen"' in html and 'value="29189846"' in html
    assert "karen@kn.dk" in html and 'href="/initiatives/ini_1">Hjørring – Fri for Indbrud</a>' in html
    assert 'id="consents-heading"' not in html, "consents are a citizen's"
    assert f'href="/actors/{ACTOR_ID}/personal-data"' in html
    assert 'name="department"' not in html, "a department is a municipality's only"
    assert 'href="/district/nordjylland/actors"' in html, "the operator's way back to the district"


def test_the_representatives_organisations_page_goes_to_their_one_actor(signed_in, actor_pages):
    actor_pages.answers[("GET", "/me")] = me(("actor_representative", ACTOR_ID))
    assert signed_in.get("/actors").headers["Location"].endswith(PAGE)
    assert 'href="/district/nordjylland/actors"' not in html_of(signed_in.get(PAGE))
    actor_pages.answers[("GET", "/me")] = me(("actor_representative", ACTOR_ID),
                                             ("actor_representative", CITIZEN_ID))
    html = html_of(signed_in.get("/actors"))
    assert f'href="{PAGE}">KN Låseteknik</a>' in html and f'href="/actors/{CITIZEN_ID}">Nabo i Vrå</a>' in html


def test_an_actor_the_person_may_not_read_is_not_found(signed_in, gateway):
    gateway.answers[("GET", "/actors/act-9")] = GatewayError(404, "actor.not_found", "no")
    assert signed_in.get("/actors/act-9").status_code == 404


def test_changed_details_keep_the_other_contact_people(signed_in, actor_pages):
    actor_pages.answers[("PATCH", PAGE)] = BUSINESS
    response = post(signed_in, f"{PAGE}/details", {"name": "KN Låseteknik ApS", "cvr": "29189846",
                                                    "municipality": "Hjørring", "contact_name": "Karen Nielsen",
                                                    "contact_email": "karen@kn.dk", "preferred_language": "en",
                                                    "department": "ignored"}, PAGE)
    assert response.status_code == 303 and response.headers["Location"].endswith(PAGE)
    assert calls(actor_pages, "PATCH", PAGE)[0]["json"] == {
        "name": "KN Låseteknik ApS", "cvr": "29189846", "municipality": "Hjørring",
        "contact_points": [{"name": "Karen Nielsen", "role": None, "email": "karen@kn.dk", "phone": None},
                           BUSINESS["contact_points"][1]],
        "shared_with_initiatives": False, "preferred_language": "en"}


def test_details_without_a_name_are_the_form_again(signed_in, actor_pages):
    response = post(signed_in, f"{PAGE}/details", {"name": " "}, PAGE)
    assert response.status_code == 422 and 'id="details-name-error"' in html_of(response)
    assert calls(actor_pages, "PATCH", PAGE) == []


def test_a_refused_change_is_the_page_again_with_the_reason(signed_in, actor_pages):
    actor_pages.answers[("PATCH", PAGE)] = GatewayError(422, "actor.erased", "erased")
    response = post(signed_in, f"{PAGE}/details", {"name": "KN"}, PAGE)
    assert response.status_code == 422
    assert "Aktøren er slettet; intet kan ændres." in html_of(response)


def test_a_citizens_details_are_their_name_and_channel(signed_in, actor_pages):
    path = f"/actors/{CITIZEN_ID}"
    actor_pages.answers[("PATCH", path)] = CITIZEN
    response = post(signed_in, f"{path}/details", {"display_name": "Nabo", "channel": "sms",
                                                    "address": "+45 12345678"}, path)
    assert response.status_code == 303
    assert calls(actor_pages, "PATCH", path)[0]["json"] == {
        "display_name": "Nabo", "preferred_language": "da", "contact": {"channel": "sms", "address": "+45 12345678"}}


def test_a_representative_is_added_and_removed(signed_in, actor_pages):
    added = f"{PAGE}/representatives/ole%40kn.dk"
    actor_pages.answers[("PUT", added)] = BUSINESS
    actor_pages.answers[("DELETE", f"{PAGE}/representatives/karen%40kn.dk")] = BUSINESS
    assert post(signed_in, f"{PAGE}/representatives", {"person_id": " ole@kn.dk "}, PAGE).status_code == 303
    assert calls(actor_pages, "PUT", added)
    removed = post(signed_in, f"{PAGE}/representatives/remove", {"person_id": "karen@kn.dk"}, PAGE)
    assert removed.status_code == 303


def test_a_representative_without_an_address_is_the_form_again(signed_in, actor_pages):
    response = post(signed_in, f"{PAGE}/representatives", {"person_id": ""}, PAGE)
    assert response.status_code == 422 and 'id="representatives-person_id-error"' in html_of(response)


def test_a_citizen_gives_and_withdraws_consent(signed_in, actor_pages):
    path = f"/actors/{CITIZEN_ID}"
    html = html_of(signed_in.get(path))
    assert 'id="consents-heading"' in html
    assert 'value="contact_directory"' in html, "the withdrawn consent may be given again"
    assert html.count('name="purpose" value="notifications"') == 1, "given: offered to withdraw only"
    actor_pages.answers[("POST", f"{path}/consents")] = CITIZEN
    actor_pages.answers[("DELETE", f"{path}/consents/notifications")] = CITIZEN
    assert post(signed_in, f"{path}/consents", {"purpose": "contact_directory"}, path).status_code == 303
    assert calls(actor_pages, "POST", f"{path}/consents")[0]["json"] == {"purpose": "contact_directory"}
    assert post(signed_in, f"{path}/consents/withdraw", {"purpose": "notifications"}, path).status_code == 303
    assert calls(actor_pages, "DELETE", f"{path}/consents/notifications")[0]["params"] is None


def test_consent_to_nothing_known_is_the_form_again(signed_in, actor_pages):
    path = f"/actors/{CITIZEN_ID}"
    response = post(signed_in, f"{path}/consents", {"purpose": "take_part"}, path)
    assert response.status_code == 422 and 'id="consents-purpose-error"' in html_of(response)


def test_the_personal_data_export_is_an_attachment_never_stored(signed_in, gateway):
    gateway.answers[("DOWNLOAD", f"{PAGE}/personal-data")] = FakeDocument(
        b'{"actors": {}}', {"Content-Type": "application/json"})
    response = signed_in.get(f"{PAGE}/personal-data")
    assert response.status_code == 200 and response.get_data() == b'{"actors": {}}'
    assert response.headers["Content-Disposition"] == f'attachment; filename="samskab-personal-data-{ACTOR_ID}.json"'
    assert response.headers["Cache-Control"] == "no-store" and response.mimetype == "application/json"


def test_a_refused_export_is_our_error_page(signed_in, gateway):
    gateway.answers[("DOWNLOAD", f"{PAGE}/personal-data")] = GatewayError(403, "personal_data.forbidden", "no")
    assert signed_in.get(f"{PAGE}/personal-data").status_code == 403
