"""The initiative workspace: the next phase's gate as a checklist (met or not from the
initiative view), who is offered the anchor person's and the phase's forms, refusals in the
person's language next to the form, and the history as a list."""
from __future__ import annotations

import pytest
from web_fakes import csrf_of

from samskab_contracts.vocabulary import PHASES
from samskab_web import workspace
from samskab_web.gateway_client import GatewayError

pytestmark = pytest.mark.unit

VIEW = {"initiative_id": "ini_1", "title": "Hjørring – Fri for Indbrud", "district": "nordjylland",
        "themes": ["burglary_prevention"], "phase": "start_up", "status": "active", "municipalities": [],
        "challenge": {"text": "Indbrud"}, "anchor_person": None, "platforms": {}, "eligible_to_close": True,
        "closing_override": None}
ANCHOR = {"person_id": "ank@politi.dk", "name": "Anne Ank", "email": "ank@politi.dk"}
PAGE = "/initiatives/ini_1"


def at(phase: str, **changes) -> dict:
    return {**VIEW, "phase": phase, **changes}


@pytest.mark.parametrize(("phase", "changes", "expected"), [
    ("start_up", {}, [("phase.gate.anchor_person_required", False)]),
    ("start_up", {"anchor_person": ANCHOR}, [("phase.gate.anchor_person_required", True)]),
    ("mapping", {}, [("phase.gate.problem_statement_required", False)]),
    ("mapping", {"mapping": {"problem_statements": [{"problem_statement_id": "ps"}]}},
     [("phase.gate.problem_statement_required", True)]),
    ("analysis", {}, [("phase.gate.direction_required", False)]),
    ("analysis", {"analysis": {"direction": {"text": "x"}}}, [("phase.gate.direction_required", True)]),
    ("actor_involvement", {"analysis": {"potential_actors": [{"status": "declined"}]}},
     [("phase.gate.potential_actor_in_dialogue_required", False)]),
    ("actor_involvement", {"analysis": {"potential_actors": [{"status": "joined"}]}},
     [("phase.gate.potential_actor_in_dialogue_required", True)]),
    (PHASES[PHASES.index("co_creative_development") - 1], {}, [("phase.gate.platform_required", False)]),
    (PHASES[PHASES.index("co_creative_development") - 1], {"platforms": {"p1": {}}},
     [("phase.gate.platform_required", True)]),
    (PHASES[PHASES.index("closing") - 1], {"eligible_to_close": False},
     [("phase.gate.platform_goals_not_reached", False)]),
    (PHASES[PHASES.index("closing") - 1], {"eligible_to_close": False, "closing_override": {"reason": "x"}},
     [("phase.gate.platform_goals_not_reached", True)]),
    (PHASES[-1], {}, []),
])
def test_the_checklist_is_the_gate_of_the_next_phase_met_or_not(phase, changes, expected):
    assert [(item.code, item.met) for item in workspace.gate_checklist(at(phase, **changes))] == expected


def test_every_gate_code_of_the_domain_has_plain_words_and_a_refusal_message():
    """The codes lifecycle's gates raise (kept in step by hand: the web imports no service)."""
    gate_codes = {"phase.gate.anchor_person_required", "phase.gate.platform_required",
                  "phase.gate.platform_goals_not_reached", "phase.gate.problem_statement_required",
                  "phase.gate.direction_required", "phase.gate.potential_actor_in_dialogue_required"}
    assert {code for gate in workspace.GATES.values() for code, _, _ in gate} == gate_codes
    assert all(workspace.refusal_message(code) for code in gate_codes)
    assert workspace.refusal_message("something.else") is None


def test_there_is_no_next_phase_after_the_last_or_once_closed():
    assert workspace.next_phase(at("start_up")) == "mapping"
    assert workspace.next_phase(at(PHASES[-1])) is None
    assert workspace.next_phase(at("mapping", status="closed")) is None


@pytest.mark.parametrize(("grants", "allowed"), [
    ([{"role": "district_operator", "scope": "nordjylland"}], True),
    ([{"role": "district_operator", "scope": "koebenhavn"}], False),
    ([{"role": "anchor_person", "scope": "ini_1"}], True),
    ([{"role": "anchor_person", "scope": "ini_2"}], False),
    ([{"role": "coordinator", "scope": "ini_1"}], False),
    ([{"role": "national_centre", "scope": None}], False),
])
def test_who_may_steer_follows_the_access_policy(grants, allowed):
    me = {"subject": "x@politi.dk", "grants": grants}
    assert workspace.may(me, "lead", VIEW) is allowed
    assert workspace.may(me, "appoint_anchor_person", VIEW) is allowed


def test_the_operator_sees_the_unmet_gate_and_both_forms(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Udpeg ankerperson" in page and "Gå videre til Kortlægning" in page
    assert 'class="unmet" id="gate-phase-gate-anchor_person_required"' in page
    assert "Udpeg en ankerperson før kortlægning" in page
    assert f'action="{PAGE}/anchor-person"' in page and f'action="{PAGE}/phase"' in page


def test_a_reader_who_may_not_steer_sees_no_forms(signed_in, gateway):
    gateway.answers[("GET", "/me")] = {"subject": "p", "grants": [{"role": "working_group", "scope": "ini_1"}]}
    gateway.answers[("GET", PAGE)] = {**VIEW, "anchor_person": ANCHOR}
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Anne Ank" in page
    assert "anchor-person" not in page and "Gå videre" not in page and f'action="{PAGE}/phase"' not in page
    assert f'action="{PAGE}/platforms"' not in page


def test_appointing_the_anchor_person_puts_the_person_to_the_gateway(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    gateway.answers[("PUT", f"{PAGE}/anchor-person")] = {"initiative": VIEW}
    response = signed_in.post(f"{PAGE}/anchor-person", data={"person_id": " ank@politi.dk ", "name": "Anne Ank",
                                                             "csrf_token": csrf_of(signed_in, PAGE)})
    assert response.status_code == 303 and response.headers["Location"] == PAGE
    assert gateway.calls[-1]["json"] == {"anchor_person": {"person_id": "ank@politi.dk", "name": "Anne Ank",
                                                           "email": "ank@politi.dk"}, "reason": None}


def test_an_empty_person_is_refused_next_to_the_field_and_nothing_is_sent(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    response = signed_in.post(f"{PAGE}/anchor-person", data={"person_id": " ", "name": "<b>Anne</b>",
                                                             "csrf_token": csrf_of(signed_in, PAGE)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="anchor-person_id-error">Skal udfyldes.</p>' in page
    assert 'aria-describedby="anchor-person_id-error" aria-invalid="true"' in page
    assert "&lt;b&gt;Anne&lt;/b&gt;" in page, "what was typed is kept, escaped"
    assert not [c for c in gateway.calls if c["method"] == "PUT"]


def test_a_handover_without_a_reason_shows_the_gateways_rule_next_to_the_reason(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "anchor_person": ANCHOR}
    gateway.answers[("PUT", f"{PAGE}/anchor-person")] = GatewayError(
        422, "roles.anchor_person.handover_reason_required", "handing over needs a reason")
    response = signed_in.post(f"{PAGE}/anchor-person", data={"person_id": "ny@politi.dk",
                                                             "csrf_token": csrf_of(signed_in, PAGE)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="anchor-reason-error">Overdragelse af ankerpersonen kræver en begrundelse.</p>' in page
    assert 'value="ny@politi.dk"' in page


def test_the_gateways_field_errors_of_the_person_go_next_to_the_person(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    gateway.answers[("PUT", f"{PAGE}/anchor-person")] = GatewayError(
        400, "validation_failed", "invalid", {"anchor_person": {"email": ["Not a valid email address."]}})
    response = signed_in.post(f"{PAGE}/anchor-person", data={"person_id": "a@b@c",
                                                             "csrf_token": csrf_of(signed_in, PAGE)})
    assert 'id="anchor-person_id-error">Ikke en gyldig e-mailadresse.' in response.get_data(as_text=True)


def test_advancing_posts_the_next_phase_with_its_reason(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = {**VIEW, "anchor_person": ANCHOR}
    gateway.answers[("POST", f"{PAGE}/phase-transitions")] = {"initiative": VIEW}
    response = signed_in.post(f"{PAGE}/phase", data={"to_phase": "mapping", "reason": "Klar",
                                                     "csrf_token": csrf_of(signed_in, PAGE)})
    assert response.status_code == 303
    assert gateway.calls[-1]["json"] == {"to_phase": "mapping", "reason": "Klar", "override_reason": None}


def test_a_refused_gate_says_why_in_the_persons_language_next_to_the_form(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    gateway.answers[("POST", f"{PAGE}/phase-transitions")] = GatewayError(
        422, "phase.gate.anchor_person_required", "an anchor person must be assigned before mapping starts")
    response = signed_in.post(f"{PAGE}/phase", data={"to_phase": "mapping", "reason": "Klar",
                                                     "csrf_token": csrf_of(signed_in, PAGE)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" role="alert" id="phase-refusal">Udpeg en ankerperson før kortlægning</p>' in page
    assert ">Klar</textarea>" in page


def test_an_unknown_refusal_falls_back_to_the_gateways_detail(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    gateway.answers[("POST", f"{PAGE}/phase-transitions")] = GatewayError(422, "some.new_rule", "a new rule said no")
    response = signed_in.post(f"{PAGE}/phase", data={"to_phase": "mapping", "reason": "Klar",
                                                     "csrf_token": csrf_of(signed_in, PAGE)})
    assert 'id="phase-refusal">a new rule said no</p>' in response.get_data(as_text=True)


def test_a_missing_reason_is_refused_before_the_gateway(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    response = signed_in.post(f"{PAGE}/phase", data={"to_phase": "mapping", "reason": "  ",
                                                     "csrf_token": csrf_of(signed_in, PAGE)})
    assert response.status_code == 422
    assert 'id="phase-reason-error">Skal udfyldes.' in response.get_data(as_text=True)
    assert not [c for c in gateway.calls if c["method"] == "POST"]


def test_the_history_lists_time_who_and_what(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    gateway.answers[("GET", f"{PAGE}/history")] = {"next_cursor": None, "items": [
        {"event_id": "e1", "type": "InitiativeCreated", "occurred_at": "2026-12-04T10:00:00Z",
         "data": {"by": "op@politi.dk", "title": "Hjørring"}},
        {"event_id": "e2", "type": "InitiativePhaseAdvanced", "occurred_at": "2026-12-04T11:30:00Z",
         "data": {"by": "ank@politi.dk", "from_phase": "start_up", "to_phase": "mapping", "reason": "<i>Klar</i>"}},
        {"event_id": "e3", "type": "SomethingNew", "occurred_at": "2026-12-04T12:00:00Z", "data": {}},
    ]}
    page = signed_in.get(f"{PAGE}/history").get_data(as_text=True)
    assert "<strong>Initiativet startet</strong>" in page and "op@politi.dk" in page
    assert "<strong>Gik videre til næste fase</strong>: Opstart → Kortlægning: &lt;i&gt;Klar&lt;/i&gt;" in page
    assert '<time datetime="2026-12-04T11:30:00Z">2026-12-04 11:30 UTC</time>' in page
    assert "<strong>SomethingNew</strong>" in page


def test_the_checklist_and_the_refusal_are_in_english_one_click_away(signed_in, gateway):
    gateway.answers[("GET", PAGE)] = VIEW
    gateway.answers[("POST", f"{PAGE}/phase-transitions")] = GatewayError(
        422, "phase.gate.anchor_person_required", "an anchor person must be assigned before mapping starts")
    signed_in.get("/language/en?next=/")
    page = signed_in.get(PAGE).get_data(as_text=True)
    assert "Next phase: Mapping" in page and "Go on to Mapping" in page
    assert "Appoint an anchor person before mapping" in page
    response = signed_in.post(f"{PAGE}/phase", data={"to_phase": "mapping", "reason": "Ready",
                                                     "csrf_token": csrf_of(signed_in, PAGE)})
    assert 'id="phase-refusal">Appoint an anchor person before mapping</p>' in response.get_data(as_text=True)
