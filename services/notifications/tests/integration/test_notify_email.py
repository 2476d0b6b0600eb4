"""E-mail end to end: events in, a real SMTP server (aiosmtpd) receives the mail."""
import pytest

from notifications.adapters.local_actor_contacts import LocalActorContacts
from notifications.adapters.smtp import SmtpSender
from notifications.handlers.commands import set_preferences
from notifications.handlers.events import handle_event
from notifications.handlers.sending import deliver_due
from notifications.settings import SmtpSettings
from samskab_dev.notification_events import (
    INITIATIVE_ID,
    actor_joined,
    actor_left,
    anchor_assigned,
    event,
    initiative_closed,
    initiative_created,
)
from samskab_dev.store_runner import free_port
from samskab_infra.clock import plus_seconds
from samskab_infra.context import Context, Principal

pytestmark = pytest.mark.integration

NOW = "2024-03-01T09:00:00.000000Z"


def setup_initiative(stores, settings, language="da", email="anker@politi.dk"):
    for env in (initiative_created(), anchor_assigned(email=email)):
        handle_event(stores, env, settings=settings, now=NOW)
    if language != "da":
        set_preferences(stores, {"language": language}, as_anchor())


def as_anchor() -> Context:
    return Context(correlation_id="c", principal=Principal.of("anchor-1", "anchor_person"), now=NOW)


def status_of(stores, delivery_id):
    return stores.deliveries.get(delivery_id).status


def test_danish_mail_with_both_parts_reaches_the_smtp_server(stores, settings, smtp_server):
    setup_initiative(stores, settings)
    smtp_server.messages.clear()
    queued = handle_event(stores, actor_joined(), settings=settings, now=NOW)
    assert [d["recipient_id"] for d in queued["deliveries"]] == ["anchor-1"]
    assert deliver_due(stores, settings, NOW) == {"delivered": 2}  # and the assignment itself
    (mail,) = [m for m in smtp_server.messages if "Ny aktør" in m["Subject"]]
    assert mail["Subject"] == "Ny aktør: Hjørring Kommune har tilsluttet sig 'Hjørring – Fri for Indbrud'"
    assert mail["To"].addresses[0].addr_spec == "anker@politi.dk"
    assert mail["To"].addresses[0].display_name == "Søren Ærø"
    plain = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Hjørring Kommune deltager nu i co-creation initiativet 'Hjørring – Fri for Indbrud'" in plain
    assert "Hjørring – Fri for Indbrud" in html and "<p>" in html
    assert mail["Message-ID"] and mail["Content-Language"] == "da"
    (log,) = stores.deliveries.attempts_of_delivery(queued["deliveries"][0]["delivery_id"])
    assert log["outcome"] == "delivered" and log["latency_ms"] >= 0


def test_an_english_reader_gets_english(stores, settings, smtp_server):
    setup_initiative(stores, settings, language="en")
    handle_event(stores, actor_joined(), settings=settings, now=NOW)
    deliver_due(stores, settings, NOW)
    subjects = [m["Subject"] for m in smtp_server.messages]
    assert "New actor: Hjørring Kommune has joined 'Hjørring – Fri for Indbrud'" in subjects
    assert subjects.count("New anchor person for 'Hjørring – Fri for Indbrud': Søren Ærø") == 1


def test_the_same_event_twice_sends_once(stores, settings, smtp_server):
    setup_initiative(stores, settings)
    joined = actor_joined()
    first = handle_event(stores, joined, settings=settings, now=NOW)
    second = handle_event(stores, joined, settings=settings, now=NOW)
    assert len(first["deliveries"]) == 1 and second["deliveries"] == [] and second["feed_items"] == []
    deliver_due(stores, settings, NOW)
    assert deliver_due(stores, settings, plus_seconds(NOW, 60)) == {}
    assert sum("Ny aktør" in m["Subject"] for m in smtp_server.messages) == 1


def shared(actor_id: str, address: str | None, *, at: str = "2024-03-01T07:00:00Z",
           name: str | None = "Hjørring Kommune", language: str = "en") -> dict:
    """An ActorContactShared envelope, as the actors service publishes it."""
    return event("ActorContactShared", actor_id=actor_id, actor_kind="municipality",
                 channel="email" if address else "none", address=address, name=name,
                 language=language, at=at)


def receive(stores, settings, contacts: LocalActorContacts, *envelopes: dict) -> list[dict]:
    """What the service's event handler does: contact events feed the local copy of
    actor contacts, the others (ConsentWithdrawn, ActorErased too) go to handle_event."""
    results = []
    for env in envelopes:
        if env["type"] in ("ActorContactShared", "ConsentWithdrawn", "ActorErased"):
            contacts.apply(env["type"], env["data"])
        if env["type"] != "ActorContactShared":
            results.append(handle_event(stores, env, settings=settings, now=NOW))
    return results


@pytest.fixture
def contacts(stores) -> LocalActorContacts:
    return LocalActorContacts(stores.directory.people.database)


def test_an_actors_shared_address_is_used_when_sending(stores, settings, smtp_server, contacts):
    setup_initiative(stores, settings)
    receive(stores, settings, contacts, shared("actor-7", "post@hjoerring.dk"), actor_joined())
    closed = handle_event(stores, initiative_closed(), settings=settings, now=NOW)
    assert {d["recipient_id"] for d in closed["deliveries"]} == {"anchor-1", "actor:actor-7"}
    assert deliver_due(stores, settings, NOW, actor_contacts=contacts) == {"delivered": 4}
    (to_actor,) = [m for m in smtp_server.messages if m["To"].addresses[0].addr_spec == "post@hjoerring.dk"]
    assert to_actor["Subject"] == "Initiative closed: 'Hjørring – Fri for Indbrud'"
    assert to_actor["To"].addresses[0].display_name == "Hjørring Kommune"

    smtp_server.messages.clear()  # a safety walk's follow-up action assigned to the actor
    action = handle_event(stores, event("FollowUpActionCreated", initiative_id=INITIATIVE_ID,
                                        assigned_actor_id="actor-7"), settings=settings, now=NOW)
    assert [d["recipient_id"] for d in action["deliveries"]] == ["actor:actor-7"]
    assert len(action["feed_items"]) == 2  # the actor's and the anchor person's feeds
    assert deliver_due(stores, settings, NOW, actor_contacts=contacts) == {"delivered": 1}
    (told,) = smtp_server.messages
    assert told["To"].addresses[0].addr_spec == "post@hjoerring.dk"
    assert told["Subject"] == "Follow-up for Hjørring Kommune after the safety walk in 'Hjørring – Fri for Indbrud'"
    assert "Due by: 2018-12-01" in told.get_body(("plain",)).get_content()


def test_without_a_shared_address_the_mail_to_an_actor_is_cancelled(stores, settings, contacts):
    setup_initiative(stores, settings)
    receive(stores, settings, contacts, shared("actor-7", None), actor_joined(), initiative_closed())
    assert deliver_due(stores, settings, NOW, actor_contacts=contacts) == {
        "delivered": 3, "cancelled": 1}
    (to_actor,) = stores.deliveries.of_recipient("actor:actor-7")
    assert "no e-mail address" in to_actor.last_error


def test_consent_withdrawn_cancels_what_waits_and_nothing_more_is_sent(stores, settings, smtp_server,
                                                                      contacts):
    setup_initiative(stores, settings)
    receive(stores, settings, contacts, shared("actor-7", "post@hjoerring.dk"), actor_joined())
    (waiting,) = [d for d in handle_event(stores, initiative_closed(), settings=settings,
                                          now=NOW)["deliveries"] if d["recipient_id"] == "actor:actor-7"]
    withdrawn = event("ConsentWithdrawn", actor_id="actor-7", at="2024-03-01T08:30:00Z",
                      occurred_at="2024-03-01T08:30:00.000000Z")
    (result,) = receive(stores, settings, contacts, withdrawn)
    assert result["forgotten"] == ["actor:actor-7"]
    assert status_of(stores, waiting["delivery_id"]) == "cancelled"
    assert stores.directory.person("actor:actor-7").forgotten and contacts("actor-7") is None
    receive(stores, settings, contacts, shared("actor-7", "post@hjoerring.dk"))  # a late, older copy
    assert contacts("actor-7") is None
    later = handle_event(stores, initiative_closed(), settings=settings, now=NOW)
    assert "actor:actor-7" not in {d["recipient_id"] for d in later["deliveries"]}
    action = handle_event(stores, event("FollowUpActionCreated", initiative_id=INITIATIVE_ID,
                                        assigned_actor_id="actor-7"), settings=settings, now=NOW)
    assert action["deliveries"] == [], "no mail to an actor whose consent is withdrawn"
    deliver_due(stores, settings, NOW, actor_contacts=contacts)
    assert all(m["To"].addresses[0].addr_spec != "post@hjoerring.dk" for m in smtp_server.messages)
    given = event("ConsentGiven", actor_id="actor-7", occurred_at="2024-03-02T08:00:00.000000Z")
    receive(stores, settings, contacts, given,
            shared("actor-7", "ny@hjoerring.dk", at="2024-03-02T08:00:01Z"))
    again = handle_event(stores, initiative_closed(), settings=settings, now=NOW)
    assert "actor:actor-7" in {d["recipient_id"] for d in again["deliveries"]}
    deliver_due(stores, settings, NOW, actor_contacts=contacts)
    assert any(m["To"].addresses[0].addr_spec == "ny@hjoerring.dk" for m in smtp_server.messages)


def test_an_erased_actor_is_never_mailed_again(stores, settings, smtp_server, contacts):
    setup_initiative(stores, settings)
    receive(stores, settings, contacts, shared("actor-7", "post@hjoerring.dk"), actor_joined())
    erased = event("ActorErased", actor_id="actor-7", actor_kind="municipality",
                   at="2024-03-01T08:30:00Z", occurred_at="2024-03-01T08:30:00.000000Z")
    receive(stores, settings, contacts, erased)
    assert contacts("actor-7") is None and contacts.export("actor-7") is None
    closed = handle_event(stores, initiative_closed(), settings=settings, now=NOW)
    assert "actor:actor-7" not in {d["recipient_id"] for d in closed["deliveries"]}
    deliver_due(stores, settings, NOW, actor_contacts=contacts)
    assert all(m["To"].addresses[0].addr_spec != "post@hjoerring.dk" for m in smtp_server.messages)


def test_a_failing_smtp_server_loses_nothing_and_is_retried(stores, settings, smtp_server):
    setup_initiative(stores, settings)
    smtp_server.transient_failures = 10
    handle_event(stores, actor_joined(), settings=settings, now=NOW)
    assert deliver_due(stores, settings, NOW) == {"failed": 1, "deferred": 1}
    tried, waiting = sorted(stores.deliveries.of_recipient("anchor-1"), key=lambda d: -d.attempts)
    assert (tried.status, tried.attempts) == ("failed", 1) and "451" in tried.last_error
    assert (waiting.status, waiting.attempts) == ("pending", 0)
    assert waiting.next_attempt_at == tried.next_attempt_at > NOW
    assert deliver_due(stores, settings, plus_seconds(NOW, 1)) == {}
    smtp_server.transient_failures = 0
    later = plus_seconds(NOW, 3600)
    assert deliver_due(stores, settings, later) == {"delivered": 2}
    assert any("Ny aktør" in m["Subject"] for m in smtp_server.messages)


def test_a_refused_recipient_is_dead_at_once(stores, settings, smtp_server):
    setup_initiative(stores, settings, email="ukendt@politi.dk")
    smtp_server.refused_recipients.add("ukendt@politi.dk")
    assert deliver_due(stores, settings, NOW) == {"dead": 1}


def test_an_unreachable_smtp_server_fails_the_attempt(stores, settings):
    setup_initiative(stores, settings)
    down = SmtpSender(SmtpSettings(host="127.0.0.1", port=free_port(), timeout_s=1))
    assert deliver_due(stores, settings, NOW, email_sender=down) == {"failed": 1}
    (d,) = stores.deliveries.of_recipient("anchor-1")
    assert d.attempts == 1 and "ConnectionRefused" in d.last_error
    assert d.next_attempt_at > NOW


def test_a_daily_digest_collects_the_day_into_one_mail(stores, settings, smtp_server):
    setup_initiative(stores, settings)
    deliver_due(stores, settings, NOW)
    smtp_server.messages.clear()
    assert set_preferences(stores, {"email_frequency": "daily"}, as_anchor())["email_frequency"] == "daily"
    for n in range(3):
        handle_event(stores, actor_joined(f"actor-{n}", f"Aktør {n}"), settings=settings, now=NOW)
    handle_event(stores, actor_left("actor-0"), settings=settings, now=NOW)
    assert deliver_due(stores, settings, NOW) == {}
    assert deliver_due(stores, settings, "2024-03-02T06:00:00.000000Z") == {"delivered": 4}
    (digest,) = smtp_server.messages
    assert digest["Subject"] == "Samskab: dagens overblik – 4 nye hændelser"
    plain = digest.get_body(("plain",)).get_content()
    assert all(f"Aktør {n}" in plain for n in range(3)) and "har forladt" in plain


class BrokenSender:
    """A bug, not an SMTP error: the dispatcher must not lose the mail over it."""

    def send(self, message):
        raise RuntimeError("bug in a mail filter")


def test_a_crash_mid_delivery_is_retried_after_the_lease(stores, settings, smtp_server):
    setup_initiative(stores, settings)
    assert deliver_due(stores, settings, NOW, email_sender=BrokenSender()) == {}
    (stuck,) = stores.deliveries.of_recipient("anchor-1")
    assert stuck.status == "in_flight"
    assert deliver_due(stores, settings, plus_seconds(NOW, 60)) == {}
    after_lease = plus_seconds(NOW, settings.lease_s + 1)
    assert deliver_due(stores, settings, after_lease) == {"released": 1}
    (released,) = stores.deliveries.of_recipient("anchor-1")
    assert (released.status, released.attempts) == ("failed", 1)
    assert deliver_due(stores, settings, released.next_attempt_at) == {"delivered": 1}
    assert len(smtp_server.messages) == 1
