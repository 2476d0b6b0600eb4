"""Notifications through the gateway, against the whole running system: subscriptions,
preferences and the feed; real mail to a real SMTP server (aiosmtpd); signed webhooks to
real receivers that verify them with the reference receiver (examples/webhook-receiver);
delivery log, retries, 410, replays, secret rotation, the address guard; actor contacts
and consent; duplicates; metrics. Only HTTP is used to act and to observe, except where
an event has no producer yet (ActorContactShared) or a duplicate must be forced."""
from __future__ import annotations

import json
import time
import uuid
from urllib.parse import quote

import pytest

from samskab_contracts.events.actors import ActorContactShared, ActorJoined
from samskab_dev.receivers import MailSink
from samskab_infra.envelope import Envelope
from tests.e2e.notification_steps import (
    Partner,
    as_partner,
    assert_problem,
    delivery_count,
    delivery_log,
    join_new_actor,
    listening,
    new_initiative,
    now_iso,
    publish,
    reference,
    register,
    subjects,
    unique,
    wait_for_mail,
    with_anchor,
)
from tests.harness import wait_until
from tests.system import System

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def mail():
    sink = MailSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def system(embedded_store, mail):
    running = System(embedded_store.uri, extra_env={
        "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mail.port), "SMTP_FROM": "Samskab <noreply@samskab.test>",
        "NOTIFY_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1", "NOTIFY_RETRY_SCALE": "0.005",
        "NOTIFY_DELIVERY_INTERVAL_S": "0.2", "NOTIFY_WEBHOOK_TIMEOUT_S": "3"})
    unrouted = None
    try:
        running.start()
        yield running
        unrouted = running.unrouted()
    finally:
        running.stop()
    assert unrouted == 0, "events no service consumes were published (see samskab.unrouted)"


@pytest.fixture(scope="module")
def partners():
    """Factory of partner systems: receivers that verify every request before they answer."""
    started: list[Partner] = []

    def start(*answers: int) -> Partner:
        started.append(Partner(answers))
        return started[-1]

    yield start
    for partner in started:
        partner.http.stop()


# -- people: subscriptions, preferences, the feed, e-mail -------------------------------------

def test_subscriptions_preferences_and_the_feed_newest_first(system):
    reader = system.session(district="bornholm", subject=f"{unique('reader')}@politi.dk")
    witness = system.session(district="bornholm", subject=f"{unique('witness')}@politi.dk")
    for who in (reader, witness):
        subscribed = who.post(f"{system.url}/subscriptions", json={"event_types": ["InitiativeCreated"],
                                                                   "channels": ["feed"]})
        assert subscribed.status_code == 201, subscribed.text
    (subscription,) = reader.get(f"{system.url}/subscriptions").json()["items"]
    assert (subscription["district"], subscription["channels"]) == ("bornholm", ["feed"])
    titles = [new_initiative(system, "bornholm")[1] for _ in range(3)]

    feed = wait_until(lambda: len((f := reader.get(f"{system.url}/me/feed").json())["items"]) == 3 and f,
                      timeout=20, message="three items in the feed")
    assert [i["title"] for i in feed["items"]] == [
        f"Nyt initiativ i Bornholms Politi: '{t}'" for t in reversed(titles)]
    assert feed["next_cursor"] is None and not any(i["read"] for i in feed["items"])
    first_page = reader.get(f"{system.url}/me/feed", params={"limit": 2}).json()
    second_page = reader.get(f"{system.url}/me/feed", params={"limit": "2", "cursor": first_page["next_cursor"]}).json()
    assert [len(first_page["items"]), second_page["next_cursor"]] == [2, None]
    assert [i["item_id"] for i in first_page["items"] + second_page["items"]] == [
        i["item_id"] for i in feed["items"]]

    newest = feed["items"][0]["item_id"]
    read = reader.post(f"{system.url}/me/feed/{quote(newest, safe='')}/read")
    assert read.status_code == 200 and read.json()["read"] is True
    unread = reader.get(f"{system.url}/me/feed?unread_only=true").json()
    assert [i["item_id"] for i in unread["items"]] == [i["item_id"] for i in feed["items"][1:]]
    assert reader.post(f"{system.url}/me/feed/read").json() == {"marked_read": 2}
    assert reader.get(f"{system.url}/me/feed?unread_only=1").json()["items"] == []

    chosen = reader.get(f"{system.url}/me/preferences")
    assert chosen.status_code == 200, chosen.text
    assert (chosen.json()["language"], chosen.json()["email_frequency"]) == ("da", "immediate"), "the defaults"
    english = reader.put(f"{system.url}/me/preferences", json={"language": "en"})
    assert english.status_code == 200 and english.json()["language"] == "en"
    assert reader.get(f"{system.url}/me/preferences").json()["language"] == "en"
    assert witness.get(f"{system.url}/me/preferences").json()["language"] == "da", "each person their own"
    assert reader.get(f"{system.url}/me/feed").json()["items"][0]["title"] == \
        f"New initiative in Bornholms Politi: '{titles[-1]}'"

    assert_problem(witness.delete(f"{system.url}/subscriptions/{subscription['subscription_id']}"), 403)
    removed = reader.delete(f"{system.url}/subscriptions/{subscription['subscription_id']}")
    assert removed.status_code == 200 and reader.get(f"{system.url}/subscriptions").json()["items"] == []
    _, later = new_initiative(system, "bornholm")
    wait_until(lambda: any(later in i["title"] for i in witness.get(f"{system.url}/me/feed").json()["items"]),
               timeout=20, message="the witness hears of the next initiative")
    assert len(reader.get(f"{system.url}/me/feed").json()["items"]) == 3


def test_feed_and_subscription_mistakes_are_problem_documents(system):
    reader = system.session(subject=f"{unique('reader')}@politi.dk")
    assert_problem(reader.get(f"{system.url}/me/feed?limit=zero"), 400, "validation_failed")
    assert "unread_only" in assert_problem(reader.get(f"{system.url}/me/feed?unread_only=maybe"), 400)["errors"]
    assert_problem(reader.get(f"{system.url}/me/feed?limit=1000"), 400)
    assert "cursor" in assert_problem(reader.get(f"{system.url}/me/feed?cursor=not-ours"), 400)["errors"]
    assert_problem(reader.get(f"{system.url}/me/feed?page=2"), 400)
    assert_problem(reader.get(f"{system.url}/me/feed?sort=oldest"), 400)
    assert_problem(reader.post(f"{system.url}/me/feed/read", json={"everything": True}), 400)
    assert_problem(reader.post(f"{system.url}/me/feed/nope/read"), 404)
    assert_problem(reader.post(f"{system.url}/subscriptions", json={"event_types": ["ActorErased"]}), 400)
    assert_problem(reader.post(f"{system.url}/subscriptions", json={"event_types": ["ActorJoined"],
                                                                   "district": "fyn"}), 403)
    assert_problem(reader.put(f"{system.url}/me/preferences", json={"language": "de"}), 400)
    assert_problem(reader.delete(f"{system.url}/subscriptions/sub_unknown"), 404)


def test_the_anchor_person_is_mailed_in_danish_or_english(system, mail):
    delivered_before = delivery_count(system, "email", "delivered")
    initiative_id, title, anchor = with_anchor(system)
    join_new_actor(system, initiative_id, "Hjørring Kommune")
    danish = wait_for_mail(mail, anchor, "Ny aktør")
    assert danish["Subject"] == f"Ny aktør: Hjørring Kommune har tilsluttet sig '{title}'"
    assert danish["From"] == "Samskab <noreply@samskab.test>" and danish["Content-Language"] == "da"
    assert danish["To"].addresses[0].display_name == "Søren Ærø"
    assert f"Hjørring Kommune deltager nu i co-creation initiativet '{title}'" in \
        danish.get_body(("plain",)).get_content()

    as_anchor = system.session(role="anchor_person", subject=anchor, initiatives=(initiative_id,))
    assert as_anchor.put(f"{system.url}/me/preferences", json={"language": "en"}).json()["language"] == "en"
    join_new_actor(system, initiative_id, "Hjørring Grundejerforening")
    english = wait_for_mail(mail, anchor, "New actor")
    assert english["Subject"] == f"New actor: Hjørring Grundejerforening has joined '{title}'"
    assert english["Content-Language"] == "en"
    feed = as_anchor.get(f"{system.url}/me/feed").json()["items"]
    assert [i["event_type"] for i in feed] == ["ActorJoined", "ActorJoined", "AnchorPersonAssigned"]
    wait_until(lambda: delivery_count(system, "email", "delivered") >= delivered_before + 3, timeout=10,
               message="mails counted by channel and outcome")


def test_the_same_event_twice_gives_one_mail_and_one_feed_item(system, mail):
    initiative_id, _, anchor = with_anchor(system)
    joined = Envelope.wrap(ActorJoined(**{**ActorJoined.example, "actor_id": str(uuid.uuid4()),
                                          "initiative_id": initiative_id, "name": "Dobbelt Forening",
                                          "actor_kind": "association", "platform_ids": [], "at": now_iso()}),
                           producer="actors", district="nordjylland")
    publish(system, joined)
    publish(system, joined)
    wait_for_mail(mail, anchor, "Dobbelt Forening")
    time.sleep(1.5)  # several delivery rounds: a second copy would have gone out by now
    assert sum("Dobbelt Forening" in s for s in subjects(mail, anchor)) == 1
    as_anchor = system.session(role="anchor_person", subject=anchor, initiatives=(initiative_id,))
    items = as_anchor.get(f"{system.url}/me/feed").json()["items"]
    assert [i["item_id"] for i in items].count(f"{joined.event_id}|{anchor}") == 1


def test_an_actor_contact_is_mailed_while_consent_lasts(system, mail):
    initiative_id, _, anchor = with_anchor(system)
    address = f"{unique('nabo')}@example.dk"
    operator = system.session()
    citizen = operator.post(f"{system.url}/actors", json={
        "kind": "citizen", "district": "nordjylland", "display_name": "Nabo",
        "contact": {"channel": "email", "address": address}, "consent_purposes": ["notifications"]})
    assert citizen.status_code == 201, citizen.text
    actor_id = citizen.json()["actor_id"]

    def share() -> None:
        """Published here, so the test knows what notifications get (the actors service may
        share the same contact too: the latest share wins, and this one is later)."""
        publish(system, Envelope.wrap(ActorContactShared(
            actor_id=actor_id, district="nordjylland", actor_kind="citizen", channel="email", address=address,
            name="Nabo", language="en", at=now_iso()), producer="actors", district="nordjylland"))

    share()
    as_actor = system.session(role="actor_representative", subject=unique("citizen"), district=None,
                              actor_id=actor_id, initiatives=(initiative_id,))
    follows = as_actor.post(f"{system.url}/subscriptions", json={
        "event_types": ["ActorJoined"], "initiative_id": initiative_id, "channels": ["email"]})
    assert follows.status_code == 201, follows.text

    def mailable() -> bool:
        return as_actor.put(f"{system.url}/me/preferences", json={}).json()["mailable"]

    join_new_actor(system, initiative_id, "Første Forening")
    assert wait_for_mail(mail, address, "Første Forening")["Subject"].startswith("New actor:")

    withdrawn = operator.delete(f"{system.url}/actors/{actor_id}/consents/notifications")
    assert withdrawn.status_code == 200, withdrawn.text
    wait_until(lambda: not mailable(), timeout=20, message="notifications hear of the withdrawal")
    join_new_actor(system, initiative_id, "Anden Forening")
    wait_for_mail(mail, anchor, "Anden Forening")
    assert operator.post(f"{system.url}/actors/{actor_id}/consents",
                         json={"purpose": "notifications"}).status_code == 201
    share()
    wait_until(mailable, timeout=20, message="notifications hear of the new consent")
    join_new_actor(system, initiative_id, "Tredje Forening")
    wait_for_mail(mail, address, "Tredje Forening")

    assert operator.post(f"{system.url}/actors/{actor_id}/erasure").status_code == 200
    wait_until(lambda: not mailable(), timeout=20, message="notifications hear of the erasure")
    join_new_actor(system, initiative_id, "Fjerde Forening")
    wait_for_mail(mail, anchor, "Fjerde Forening")
    time.sleep(1)  # a mail to the citizen would have been sent with the anchor's
    heard = subjects(mail, address)
    assert len(heard) == 2 and "Første Forening" in heard[0] and "Tredje Forening" in heard[1]


# -- partner systems: webhooks ----------------------------------------------------------

def test_webhooks_arrive_signed_are_logged_and_can_be_replayed(system, partners):
    started = now_iso()
    initiative_id, _ = new_initiative(system)
    owner, partner = as_partner(system), partners()
    registered = register(system, owner, partner, initiative_id)
    endpoint_id, secret = registered["endpoint_id"], registered["secret"]
    assert secret.startswith("whsec_") and registered["status"] == "enabled"
    shown = owner.get(f"{system.url}/webhook-endpoints/{endpoint_id}").json()
    assert secret not in json.dumps(shown) and secret not in owner.get(f"{system.url}/webhook-endpoints").text

    actor_id = join_new_actor(system, initiative_id, "KN Låseteknik")
    (first,) = partner.received(1)
    assert (first["type"], first["district"]) == ("ActorJoined", "nordjylland")
    assert first["webhook_id"] == f"msg_{first['event_id']}"
    # a partner gets the partner view: the actor as a pseudonym, never its id
    assert first["data"]["actor_id"].startswith("ps_") and actor_id not in json.dumps(first["data"])
    (attempt,) = delivery_log(owner, system, endpoint_id, 1)
    assert (attempt["outcome"], attempt["status_code"], attempt["error"]) == ("delivered", 200, None)
    assert "response_excerpt" not in attempt  # a receiver's answer is never shown back
    assert attempt["latency_ms"] >= 0 and attempt["event_type"] == "ActorJoined"

    one = owner.post(f"{system.url}/webhook-endpoints/{endpoint_id}/deliveries/"
                     f"{quote(attempt['delivery_id'], safe='')}/replay")
    assert one.status_code == 200 and (one.json()["status"], one.json()["replays"]) == ("pending", 1)
    assert partner.received(2)[1]["webhook_id"] == first["webhook_id"]
    join_new_actor(system, initiative_id, "Hjørring Boligselskab")
    second = partner.received(3)[2]
    delivery_log(owner, system, endpoint_id, 3)
    since = owner.post(f"{system.url}/webhook-endpoints/{endpoint_id}/replay", json={"since": started})
    assert since.status_code == 200 and since.json()["replayed"] == 2
    ids = [p["webhook_id"] for p in partner.received(5)]
    assert sorted(ids[3:]) == sorted([first["webhook_id"], second["webhook_id"]])
    assert len(delivery_log(owner, system, endpoint_id, 5)) == 5

    other = register(system, owner, partners(), initiative_id)
    assert_problem(owner.post(f"{system.url}/webhook-endpoints/{other['endpoint_id']}/deliveries/"
                              f"{quote(attempt['delivery_id'], safe='')}/replay"), 404)
    stranger = as_partner(system)
    assert_problem(stranger.post(f"{system.url}/webhook-endpoints/{endpoint_id}/deliveries/"
                                 f"{quote(attempt['delivery_id'], safe='')}/replay"), 403)
    assert_problem(stranger.get(f"{system.url}/webhook-endpoints/{endpoint_id}/deliveries"), 403)
    assert_problem(owner.get(f"{system.url}/webhook-endpoints/{endpoint_id}/deliveries?page=x"), 400)
    assert_problem(owner.get(f"{system.url}/webhook-endpoints/{endpoint_id}/deliveries?limit=101"), 400)
    assert_problem(owner.post(f"{system.url}/webhook-endpoints/{endpoint_id}/replay",
                              json={"since": "yesterday"}), 400)


def test_after_a_rotation_both_secrets_sign_during_the_grace_period(system, partners):
    initiative_id, _ = new_initiative(system)
    owner, partner = as_partner(system), partners()
    endpoint_id = register(system, owner, partner, initiative_id)["endpoint_id"]
    old = partner.secrets[0]
    rotated = owner.post(f"{system.url}/webhook-endpoints/{endpoint_id}/secret-rotation")
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["secret"]
    assert new != old and len(rotated.json()["secrets"]) == 2
    partner.secrets = [new]
    join_new_actor(system, initiative_id, "Vendsyssel Sikring")
    raw = partner.received(1)[0]["raw"]
    assert len(raw["headers"]["webhook-signature"].split(" ")) == 2
    for secret in (old, new):
        assert reference.verify(raw["body"], raw["headers"], [secret])["type"] == "ActorJoined"


def test_a_failing_receiver_gets_the_event_after_retries(system, partners):
    failed_before = delivery_count(system, "webhook", "failed")
    initiative_id, _ = new_initiative(system)
    owner, partner = as_partner(system), partners(503, 503)
    endpoint_id = register(system, owner, partner, initiative_id)["endpoint_id"]
    join_new_actor(system, initiative_id, "Frederikshavn Kommune")
    partner.received(1)
    log = delivery_log(owner, system, endpoint_id, 3)
    assert [(a["attempt"], a["outcome"], a["status_code"]) for a in log] == [
        (3, "delivered", 200), (2, "failed", 503), (1, "failed", 503)]
    assert log[1]["error"] == "http_status" and "down (503)" not in json.dumps(log)
    endpoint = owner.get(f"{system.url}/webhook-endpoints/{endpoint_id}").json()
    assert (endpoint["status"], endpoint["failing_since"]) == ("enabled", None)
    assert delivery_count(system, "webhook", "failed") >= failed_before + 2
    assert delivery_count(system, "webhook", "delivered") >= 1


def test_410_disables_the_endpoint_and_tells_its_owner(system, partners, mail):
    initiative_id, _ = new_initiative(system)
    owner, partner = as_partner(system), partners(410)
    contact = f"{unique('drift')}@hjoerring.dk"
    with listening(system, "WebhookEndpointDisabled.*") as next_event:
        endpoint_id = register(system, owner, partner, initiative_id, contact_email=contact)["endpoint_id"]
        join_new_actor(system, initiative_id, "Hjørring Handelsstandsforening")
        disabled = wait_until(lambda: (e := owner.get(f"{system.url}/webhook-endpoints/{endpoint_id}").json())
                              ["status"] == "disabled" and e, timeout=20, message="the endpoint is disabled")
        assert disabled["disabled_reason"] == "gone"
        event = wait_until(next_event, timeout=20, message="WebhookEndpointDisabled on the broker")
    assert event["type"] == "WebhookEndpointDisabled"
    assert (event["data"]["endpoint_id"], event["data"]["reason"]) == (endpoint_id, "gone")
    assert contact not in json.dumps(event) and partner.http.url not in json.dumps(event)
    assert wait_for_mail(mail, contact, "Webhook")["Subject"] == f"Webhook slået fra: {partner.http.url}"
    (gone,) = delivery_log(owner, system, endpoint_id, 1)
    assert (gone["status_code"], gone["outcome"]) == (410, "failed")

    assert_problem(owner.post(f"{system.url}/webhook-endpoints/{endpoint_id}/replay",
                              json={"since": disabled["created_at"]}), 422, "webhook.endpoint_disabled")
    assert owner.post(f"{system.url}/webhook-endpoints/{endpoint_id}/enable").json()["status"] == "enabled"
    replayed = owner.post(f"{system.url}/webhook-endpoints/{endpoint_id}/replay",
                          json={"since": disabled["created_at"]})
    assert replayed.json()["replayed"] == 1
    assert partner.received(1)[0]["data"]["name"] == "Hjørring Handelsstandsforening"


@pytest.mark.parametrize("url,status,code", [
    ("http://10.0.0.1/hook", 422, "webhook.url.forbidden_address"),
    ("http://169.254.169.254/latest/meta-data/", 422, "webhook.url.forbidden_address"),
    ("http://localhost:8080/hook", 422, "webhook.url.forbidden_address"),
    ("http://[::1]:8080/hook", 422, "webhook.url.forbidden_address"),
    ("ftp://127.0.0.1/hook", 400, "validation_failed"),
    ("http://[zz/hook", 400, "validation_failed"),
])
def test_webhooks_to_internal_addresses_are_refused(system, url, status, code):
    owner = as_partner(system)
    assert_problem(owner.post(f"{system.url}/webhook-endpoints", json={"url": url, "event_types": ["ActorJoined"]}),
                   status, code)
    assert owner.get(f"{system.url}/webhook-endpoints").json()["items"] == []
