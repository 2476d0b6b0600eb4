"""A form the person's access does not allow at all (the gateway's 403 access.write_denied)
is the "not allowed" page, as the API's 403: there is no form on the page to put a message
beside. A rule of the domain answered with 403 (an enrolment the joiner did not agree to)
is still a refusal shown with the form."""
from __future__ import annotations

import pytest
from web_fakes import csrf_of

from samskab_web.gateway_client import GatewayError
from samskab_web.pages import refusal

pytestmark = pytest.mark.unit
PAGE = "/initiatives/ini_1"
VIEW = {"initiative_id": "ini_1", "title": "Hjørring", "district": "nordjylland", "phase": "start_up",
        "status": "active", "challenge": {"text": "Indbrud"}, "anchor_person": None, "platforms": {}}


@pytest.mark.parametrize(("path", "data"), [
    ("/anchor-person", {"person_id": "ny@politi.dk"}),
    ("/phase", {"to_phase": "mapping", "reason": "klar"}),
])
def test_a_form_the_access_does_not_allow_is_the_not_allowed_page(signed_in, gateway, path, data):
    gateway.answers[("GET", PAGE)] = VIEW
    denied = GatewayError(403, "access.write_denied", "you may not lead on this initiative")
    gateway.answers[("PUT", f"{PAGE}/anchor-person")] = gateway.answers[("POST", f"{PAGE}/phase-transitions")] = denied
    response = signed_in.post(PAGE + path, data={**data, "csrf_token": csrf_of(signed_in, PAGE)})
    assert response.status_code == 403
    assert "Ikke tilladt" in response.get_data(as_text=True)


def test_a_rule_of_the_domain_answered_403_is_still_shown_with_the_form(app):
    with app.test_request_context("/"):
        from flask import g
        g.translations = None
        errors = refusal(GatewayError(403, "enrolment.other_district", "another district's organisation"), {})
    assert errors == {"_form": ["another district's organisation"]}
