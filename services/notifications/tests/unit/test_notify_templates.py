import pytest
from notifications.domain.catalogue import SUBSCRIBABLE_EVENT_TYPES
from notifications.domain.directory import ActorCard, InitiativeCard
from notifications.domain.incoming import IncomingEvent
from notifications.templates.facts import build_facts
from notifications.templates.render import render, render_digest
from notifications.templates.texts import TEXTS
from notifications.testing import INITIATIVE_ID, TITLE, actor_joined, envelope

pytestmark = pytest.mark.unit

CARD = InitiativeCard(INITIATIVE_ID, TITLE, "nordjylland", ("burglary_prevention",))


def rendered(env: dict, language: str, **kw):
    event = IncomingEvent.from_envelope(env)
    facts = build_facts(event, language=language, initiative=kw.get("initiative", CARD),
                        actor=kw.get("actor"), app_base_url="https://samskab.example")
    return render(event.type, facts, language)


def test_actor_joined_in_danish_and_english():
    da = rendered(actor_joined(), "da")
    assert da.subject == "Ny aktør: Hjørring Kommune har tilsluttet sig 'Hjørring – Fri for Indbrud'"
    assert "deltager nu i co-creation initiativet" in da.text
    assert f"https://samskab.example/initiatives/{INITIATIVE_ID}" in da.text
    assert da.html.startswith("<!DOCTYPE html>") and 'lang="da"' in da.html
    en = rendered(actor_joined(), "en")
    assert en.subject == "New actor: Hjørring Kommune has joined 'Hjørring – Fri for Indbrud'"
    assert "Hjørring – Fri for Indbrud" in en.html


def test_the_actor_name_may_come_from_the_directory():
    env = envelope("ActorJoined", {"initiative_id": INITIATIVE_ID, "actor_id": "a-1"})
    assert rendered(env, "da", actor=ActorCard("a-1", "Brugsen")).subject.startswith(
        "Ny aktør: Brugsen har")


def test_values_are_escaped_in_html_but_not_in_plain_text():
    env = actor_joined(name='<script>alert("x")</script> & Co')
    r = rendered(env, "en")
    assert "<script>" not in r.html and "&lt;script&gt;" in r.html and "&amp; Co" in r.html
    assert '<script>alert("x")</script> & Co' in r.text


@pytest.mark.parametrize("event_type", SUBSCRIBABLE_EVENT_TYPES)
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_subscribable_event_has_its_own_text_and_renders_without_data(event_type, language):
    assert language in TEXTS[event_type]
    r = rendered(envelope(event_type, {"initiative_id": INITIATIVE_ID}), language)
    assert r.subject and "{" not in r.subject and "{" not in r.text and "{" not in r.html
    assert TITLE in r.subject or event_type in ("ResultDocumented",) or TITLE in r.text


def test_unknown_facts_render_as_unknown_in_the_readers_language():
    env = envelope("PlatformGoalReached", {"initiative_id": INITIATIVE_ID})
    assert "(ukendt)" in rendered(env, "da").subject
    assert "(unknown)" in rendered(env, "en").subject


def test_generic_fallback_and_unknown_language():
    r = rendered(envelope("SafetyWalkHeld", {"initiative_id": INITIATIVE_ID}), "fr")
    assert r.language == "da" and r.subject == "Ny hændelse i Samskab: SafetyWalkHeld"
    assert TITLE in r.text


def test_result_documented_and_reality_check_use_their_fields():
    result = envelope("ResultDocumented", {"initiative_id": INITIATIVE_ID, "title": "83 % færre indbrud",
                                           "description": "70 anmeldelser i 2022."})
    r = rendered(result, "da")
    assert r.subject == f"Nyt resultat i '{TITLE}': 83 % færre indbrud"
    assert "70 anmeldelser i 2022." in r.text
    overdue = envelope("RealityCheckOverdue", {"initiative_id": INITIATIVE_ID, "platform_name": "Nabohjælp",
                                               "due_at": "2024-02-01T00:00:00Z"})
    assert "senest 2024-02-01" in rendered(overdue, "da").text


def test_digest_lists_every_item():
    items = [rendered(actor_joined(name=f"Aktør {n}"), "da") for n in range(3)]
    digest = render_digest(items, "da", "https://samskab.example/settings")
    assert digest.subject == "Samskab: dagens overblik – 3 nye hændelser"
    assert all(f"Aktør {n}" in digest.text and f"Aktør {n}" in digest.html for n in range(3))
    assert digest.html.count("<li>") == 3
    english = render_digest(items[:2], "en", "https://samskab.example/settings")
    assert english.subject == "Samskab: your daily digest – 2 updates"
    assert "https://samskab.example/settings" in english.text
