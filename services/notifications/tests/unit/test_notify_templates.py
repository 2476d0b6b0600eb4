import pytest

from notifications.domain.catalogue import SUBSCRIBABLE_EVENT_TYPES
from notifications.domain.directory import ActorCard, InitiativeCard
from notifications.domain.incoming import IncomingEvent
from notifications.templates.facts import build_facts
from notifications.templates.render import render, render_digest
from notifications.templates.texts import TEXTS
from samskab_dev.notification_events import INITIATIVE_ID, TITLE, actor_joined, actor_left, envelope, event

pytestmark = pytest.mark.unit

CARD = InitiativeCard(INITIATIVE_ID, TITLE, "nordjylland", ("burglary_prevention",))


def rendered(env: dict, language: str, **kw):
    event_ = IncomingEvent.from_envelope(env)
    facts = build_facts(event_, language=language, initiative=kw.get("initiative", CARD),
                        actor=kw.get("actor"), app_base_url="https://samskab.example")
    return render(event_.type, facts, language)


def test_actor_joined_in_danish_and_english():
    da = rendered(actor_joined(), "da")
    assert da.subject == "Ny aktør: Hjørring Kommune har tilsluttet sig 'Hjørring – Fri for Indbrud'"
    assert "deltager nu i co-creation initiativet" in da.text
    assert f"https://samskab.example/initiatives/{INITIATIVE_ID}" in da.text
    assert da.html.startswith("<!DOCTYPE html>") and 'lang="da"' in da.html
    en = rendered(actor_joined(), "en")
    assert en.subject == "New actor: Hjørring Kommune has joined 'Hjørring – Fri for Indbrud'"
    assert "Hjørring – Fri for Indbrud" in en.html


def test_citizens_are_never_named_and_names_may_come_from_the_directory():
    citizen = actor_joined(name=None, kind="citizen")
    assert rendered(citizen, "da").subject.startswith("Ny aktør: En borger har tilsluttet sig")
    assert rendered(citizen, "en").subject.startswith("New actor: A citizen has joined")
    unnamed = actor_joined(name=None, actor_id="a-1")
    assert rendered(unnamed, "da", actor=ActorCard("a-1", "Brugsen")).subject.startswith(
        "Ny aktør: Brugsen har")


def test_values_are_escaped_in_html_but_not_in_plain_text():
    r = rendered(actor_joined(name='<script>alert("x")</script> & Co'), "en")
    assert "<script>" not in r.html and "&lt;script&gt;" in r.html and "&amp; Co" in r.html
    assert '<script>alert("x")</script> & Co' in r.text


@pytest.mark.parametrize("event_type", SUBSCRIBABLE_EVENT_TYPES)
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_subscribable_event_renders_its_contract_example(event_type, language):
    assert language in TEXTS[event_type]
    r = rendered(event(event_type, initiative_id=INITIATIVE_ID), language)
    for part in (r.subject, r.text, r.html):
        assert "{" not in part and "(ukendt)" not in part and "(unknown)" not in part
    assert TITLE in r.subject + r.text


@pytest.mark.parametrize("language,expected", [("da", "(ukendt)"), ("en", "(unknown)")])
def test_missing_facts_render_as_unknown_in_the_readers_language(language, expected):
    r = rendered(envelope("PlatformGoalReached", {"initiative_id": INITIATIVE_ID}), language)
    assert expected in r.subject


def test_generic_fallback_and_unknown_language():
    r = rendered(envelope("SafetyWalkHeld", {"initiative_id": INITIATIVE_ID}), "fr")
    assert r.language == "da" and r.subject == "Ny hændelse i Samskab: SafetyWalkHeld"
    assert TITLE in r.text


def test_fields_of_the_contracts_reach_the_text():
    result = rendered(event("ResultDocumented", title="83 % færre indbrud", size="breakthrough",
                            description="70 anmeldelser i 2022."), "da")
    assert result.subject == f"Gennembrud i '{TITLE}': 83 % færre indbrud"
    assert "70 anmeldelser i 2022." in result.text
    plain = rendered(event("ResultDocumented", size="small", description=None), "en")
    assert plain.subject.startswith("New result in") and "\n\n\n" not in plain.text
    overdue = rendered(event("RealityCheckOverdue", due_date="2024-02-01", days_overdue=4), "da")
    assert "senest 2024-02-01 og er 4 dage over tid" in overdue.text
    left = rendered(actor_left(reason_code="lack_of_resources"), "da")
    assert "Begrundelse: mangel på ressourcer" in left.text
    assert "Reason: not given" in rendered(actor_left(reason_code=None), "en").text
    goal = rendered(event("PlatformGoalReached", eligible_to_close=True), "en")
    assert "so the initiative can close" in goal.text
    imbalance = rendered(event("InfluenceImbalanceDetected"), "da")
    assert "står for 70 % af deltagelsen (Gini-koefficient 0.64)" in imbalance.text
    closed = rendered(event("InitiativeClosed"), "en")
    assert "results were documented" in closed.text


def test_digest_lists_every_item():
    items = [rendered(actor_joined(name=f"Aktør {n}"), "da") for n in range(3)]
    digest = render_digest(items, "da", "https://samskab.example/settings")
    assert digest.subject == "Samskab: dagens overblik – 3 nye hændelser"
    assert all(f"Aktør {n}" in digest.text and f"Aktør {n}" in digest.html for n in range(3))
    assert digest.html.count("<li>") == 3
    english = render_digest(items[:2], "en", "https://samskab.example/settings")
    assert english.subject == "Samskab: your daily digest – 2 updates"
    assert "https://samskab.example/settings" in english.text


@pytest.mark.parametrize("language, subject, by", [
    ("da", "KN Låseteknik er tilmeldt 'Hjørring – Fri for Indbrud'", "af initiativets ankerperson"),
    ("en", "KN Låseteknik was enrolled in 'Hjørring – Fri for Indbrud'", "by the initiative's anchor person"),
])
def test_an_enrolled_organisation_is_told_who_enrolled_it_by_role_and_how_to_leave(language, subject, by):
    r = rendered(event("ActorEnrolled", initiative_id=INITIATIVE_ID), language)
    assert r.subject == subject
    assert by in r.text and ("melde jer fra" in r.text or "leave the initiative" in r.text)
    assert "(ukendt)" not in r.text + r.subject and "(unknown)" not in r.text + r.subject


@pytest.mark.parametrize("language, subject, body", [
    ("da", "Opfølgning til Hjørring Kommune efter tryghedsvandringen i 'Hjørring – Fri for Indbrud'",
     ["(manglende belysning)", "Opsæt belysning på stien.", "Frist: 2018-12-01"]),
    ("en", "Follow-up for Hjørring Kommune after the safety walk in 'Hjørring – Fri for Indbrud'",
     ["(missing lighting)", "Opsæt belysning på stien.", "Due by: 2018-12-01"]),
])
def test_a_follow_up_action_tells_its_assignee_what_and_by_when(language, subject, body):
    follow_up = event("FollowUpActionCreated", initiative_id=INITIATIVE_ID)
    assigned = IncomingEvent.from_envelope(follow_up).named_actor_id
    r = rendered(follow_up, language, actor=ActorCard(assigned, "Hjørring Kommune"))
    assert r.subject == subject
    assert all(part in r.text for part in body)
    assert "(ukendt)" not in r.text and "(unknown)" not in r.text


def test_a_follow_up_action_without_a_due_date_or_a_known_name_says_so():
    r = rendered(event("FollowUpActionCreated", initiative_id=INITIATIVE_ID, due_date=None), "da")
    assert r.subject.startswith("Opfølgning til En aktør efter") and "Frist: ikke oplyst" in r.text
