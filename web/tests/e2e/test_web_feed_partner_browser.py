"""What needs doing, the notices and the webhook pages in a real browser against the whole
system and the shared web process. An anchor person appointed through the API finds a
follow-up action past its due date under "Det skal gøres" and the notice of the appointment
under "Beskeder", marks it read and saves their settings; a partner registers a webhook
endpoint pointing at a real HTTP receiver, copies the secret shown once (and it verifies the
webhook that arrives), sees the delivery in the log and sends it again. Every page gets an
axe-core check and a screenshot (web/tests/screenshots/)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid

import pytest
from web_browser import arrive, reload_until, sign_in

from samskab_dev.receivers import HttpReceiver
from tests.harness import wait_until

pytestmark = pytest.mark.e2e

OPERATOR = "operator.feed@politi.dk"


@pytest.fixture(scope="module")
def web(shared_web):
    return shared_web


def operator(system):
    return system.session(subject=OPERATOR, role="district_operator", district="nordjylland")


def start_initiative(system, title: str) -> str:
    response = operator(system).post(f"{system.url}/initiatives", timeout=10, json={
        "title": title, "challenge": {"text": "Indbrud i parcelhuskvarterer"},
        "themes": ["burglary_prevention"], "district": "nordjylland"})
    assert response.status_code == 201, response.text
    return response.json()["initiative_id"]


def test_an_anchor_person_sees_what_needs_doing_and_their_notices(page, browser, web, shared_system, account):
    anchor = account(f"anker.{uuid.uuid4().hex[:8]}@politi.dk")
    title = f"Tryghed i Hirtshals {uuid.uuid4().hex[:6]}"
    initiative_id = start_initiative(shared_system, title)
    api, base = operator(shared_system), f"{shared_system.url}/initiatives/{initiative_id}"
    assert api.put(f"{base}/anchor-person", timeout=10, json={
        "anchor_person": {"person_id": anchor, "name": "Anne Anker", "email": anchor}}).status_code == 200
    walk = api.post(f"{base}/safety-walks", timeout=10, json={
        "date": "2026-09-20", "place": "Hirtshals Øst", "route": [[57.59, 9.96], [57.60, 9.97]],
        "findings": [{"point": [57.595, 9.965], "category": "vegetation"}]})
    assert walk.status_code == 201, walk.text
    [finding] = walk.json()["finding_ids"]
    assert api.post(f"{base}/findings/{finding}/follow-up-actions", timeout=10, json={
        "assigned_actor_id": "a-kommune", "description": "Beskær hækkene ved stien",
        "due_date": "2026-10-01"}).status_code == 201

    sign_in(page, web.url, anchor)
    todo = page.locator("#todo-heading + ul")
    reload_until(page, lambda: todo.count() == 1, "the anchor person's to-do")
    assert "opfølgning fra en tryghedsvandring: Beskær hækkene ved stien" in todo.inner_text()
    assert "overskredet siden 2026-10-01" in todo.inner_text()
    browser.check(page, "feed-partner-to-do")

    page.get_by_role("link", name="Beskeder", exact=True).click()
    arrive(page, re.escape(f"{web.url}/notices"))
    unread = page.locator("li.notice-unread")
    reload_until(page, lambda: unread.count() >= 1, "the appointment's notice")
    browser.check(page, "feed-partner-notices")
    before = unread.count()
    unread.first.get_by_role("button", name=re.compile("^Markér som læst")).click()
    arrive(page, re.escape(f"{web.url}/notices"))
    assert page.locator("li.notice-unread").count() == before - 1
    assert page.locator("li.notice-read").count() >= 1

    page.get_by_role("link", name="Indstillinger for beskeder").click()
    arrive(page, re.escape(f"{web.url}/notices/settings"))
    browser.check(page, "feed-partner-settings")
    page.get_by_label("Sprog i beskeder og e-mails").select_option("en")
    page.get_by_label("gang om dagen, alle beskeder").check()
    page.get_by_role("button", name="Gem indstillinger").click()
    arrive(page, re.escape(f"{web.url}/notices/settings?saved=1"))
    assert page.get_by_role("status").inner_text() == "Dine indstillinger er gemt."
    assert page.get_by_label("Sprog i beskeder og e-mails").input_value() == "en", "read back from the service"
    assert page.get_by_label("gang om dagen, alle beskeder").is_checked()
    browser.check(page, "feed-partner-settings-saved")


def verified(request: dict, secret: str) -> bool:
    """The Standard Webhooks check the secret page explains, done as a partner would."""
    headers = request["headers"]
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request["body"]
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, given) for given in headers["webhook-signature"].split())


def test_a_partner_registers_a_webhook_sees_the_secret_once_and_replays_a_delivery(
        page, browser, web, shared_system, account):
    partner = account(f"partner.{uuid.uuid4().hex[:8]}@kommune.dk", "partner")
    receiver = HttpReceiver(lambda request: (204, {}, b"")).start()
    try:
        sign_in(page, web.url, partner)
        page.get_by_role("link", name="Beskeder", exact=True).click()
        page.get_by_role("link", name="Webhooks til jeres systemer").click()
        arrive(page, re.escape(f"{web.url}/webhooks"))
        browser.check(page, "feed-partner-webhooks")

        page.get_by_label("Adresse (URL) på jeres endpoint").fill(receiver.url)
        page.get_by_label("Initiativet startet").check()
        page.get_by_label("Kun fra én politikreds (valgfri)").select_option("nordjylland")
        page.get_by_label("Beskrivelse (valgfri)").fill("Kommunens sagssystem")
        page.get_by_role("button", name="Registrér endpointet").click()
        secret_field = page.get_by_label("Signeringshemmelighed")
        secret = secret_field.input_value()
        assert secret.startswith("whsec_")
        assert "Det er den eneste gang, hemmeligheden vises." in page.content()
        assert secret not in page.url
        browser.check(page, "feed-partner-webhook-secret")
        page.get_by_role("link", name=re.compile("^Jeg har kopieret hemmeligheden")).click()
        arrive(page, re.escape(web.url) + "/webhooks/we_[0-9a-f]+")
        assert secret not in page.content(), "shown once only"

        start_initiative(shared_system, f"Tryghed i Skagen {uuid.uuid4().hex[:6]}")
        wait_until(lambda: receiver.requests, timeout=30, message="the webhook")
        assert verified(receiver.requests[0], secret), "the secret shown verifies the webhook"
        log = page.locator("table.webhook-log tbody tr")
        reload_until(page, lambda: log.count() >= 1, "the delivery in the log")
        assert "Leveret" in log.first.inner_text() and "204" in log.first.inner_text()
        browser.check(page, "feed-partner-webhook-log")

        log.first.get_by_role("button", name=re.compile("^Send igen")).click()
        arrive(page, re.escape(web.url) + r"/webhooks/we_[0-9a-f]+\?replayed=1")
        wait_until(lambda: len(receiver.requests) >= 2, timeout=30, message="the replay")
        first, again = receiver.requests[0]["headers"], receiver.requests[1]["headers"]
        assert again["webhook-id"] == first["webhook-id"], "a replay keeps the webhook-id"
        reload_until(page, lambda: log.count() >= 2, "the replay in the log")
        assert "gensendt 1" in log.first.inner_text()
        browser.check(page, "feed-partner-webhook-replayed")
    finally:
        receiver.stop()
