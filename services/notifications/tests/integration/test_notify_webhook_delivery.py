"""Webhook delivery against real HTTP receivers: signatures, retries, 429, 410, disabling."""
import dataclasses
import threading
import time

import pytest
from notify_receivers import failing_then_ok, ok, slow
from notify_webhooks import OWNER, partner, reference_receiver, register, send_event

from notifications.domain.attempt_errors import HTTP_STATUS, TIMEOUT
from notifications.domain.retry import RETRY_SCHEDULE_S
from notifications.domain.signing import verify
from notifications.domain.timeutil import epoch_seconds
from notifications.handlers.commands import enable_endpoint, replay_since
from notifications.handlers.events import handle_event
from notifications.handlers.queries import endpoint_delivery_log
from notifications.handlers.sending import deliver_due
from samskab_dev.notification_events import actor_joined
from samskab_dev.store_runner import free_port
from samskab_infra.aggregate_store import OUTBOX
from samskab_infra.clock import plus_seconds, utc_now_iso

pytestmark = pytest.mark.integration

T0 = "2024-03-01T09:00:00.000000Z"
STEADY = {"rand": lambda: 0.5}  # no jitter: exact schedule


def test_the_reference_receiver_verifies_what_we_send(stores, settings):
    module = reference_receiver()
    received, secrets = [], []
    now = utc_now_iso()
    server = module.Receiver(("127.0.0.1", free_port()), secrets,
                             lambda msg_id, payload: received.append((msg_id, payload)))
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/samskab"
        registered = register(stores, settings, url, now)
        secrets.append(registered["secret"])
        joined = actor_joined()
        queued = send_event(stores, settings, now, joined)
        assert [d["channel"] for d in queued["deliveries"]] == ["webhook"]
        assert deliver_due(stores, settings, now) == {"delivered": 1}
        secrets[0] = "whsec_" + "A" * 44
        a_second_later = plus_seconds(now, 1)
        send_event(stores, settings, a_second_later, actor_joined("actor-2"))
        assert deliver_due(stores, settings, a_second_later) == {"failed": 1}
    finally:
        server.shutdown()
        server.server_close()
    ((msg_id, payload),) = received
    assert msg_id == f"msg_{joined['event_id']}"
    assert payload["type"] == "ActorJoined" and payload["district"] == "nordjylland"
    # the partner view: the organisation's name, the actor as a pseudonym
    assert payload["data"]["name"] == "Hjørring Kommune" and payload["data"]["actor_id"].startswith("ps_")
    log = endpoint_delivery_log(stores, {"endpoint_id": registered["endpoint_id"]}, partner(now))
    assert [(a["status_code"], a["outcome"], a["error"]) for a in log["items"]] == [
        (401, "failed", HTTP_STATUS), (200, "delivered", None)]  # newest first
    assert log["next_cursor"] is None
    newest = endpoint_delivery_log(stores, {"endpoint_id": registered["endpoint_id"], "limit": 1}, partner(now))
    older = endpoint_delivery_log(stores, {"endpoint_id": registered["endpoint_id"], "limit": 1,
                                           "cursor": newest["next_cursor"]}, partner(now))
    assert [newest["items"], older["items"], older["next_cursor"]] == [log["items"][:1], log["items"][1:], None]


def test_signatures_carry_both_secrets_during_a_rotation(stores, settings, http_receiver):
    from notifications.handlers.commands import rotate_endpoint_secret

    receiver = http_receiver(ok)
    now = utc_now_iso()
    old = register(stores, settings, receiver.url, now)
    new = rotate_endpoint_secret(stores, {"endpoint_id": old["endpoint_id"]}, partner(now),
                                 settings=settings)
    assert new["secret"] != old["secret"] and len(new["secrets"]) == 2
    send_event(stores, settings, now)
    deliver_due(stores, settings, now)
    (request,) = receiver.requests
    assert len(request["headers"]["webhook-signature"].split(" ")) == 2
    for secret in (old["secret"], new["secret"]):
        verify(request["body"], request["headers"], [secret], now=epoch_seconds(now))
    after_grace = plus_seconds(now, settings.secret_rotation_grace_s + 1)
    send_event(stores, settings, after_grace, actor_joined("actor-9"))
    deliver_due(stores, settings, after_grace)
    assert len(receiver.requests[1]["headers"]["webhook-signature"].split(" ")) == 1
    verify(receiver.requests[1]["body"], receiver.requests[1]["headers"], [new["secret"]],
           now=epoch_seconds(after_grace))


def test_the_same_event_twice_is_one_webhook(stores, settings, http_receiver):
    receiver = http_receiver(ok)
    register(stores, settings, receiver.url, T0)
    joined = actor_joined()
    assert len(send_event(stores, settings, T0, joined)["deliveries"]) == 1
    assert send_event(stores, settings, T0, joined)["deliveries"] == []
    assert deliver_due(stores, settings, T0) == {"delivered": 1}
    assert len(receiver.requests) == 1


def test_a_receiver_that_fails_for_a_while_gets_it_in_the_end(stores, settings, http_receiver):
    receiver = http_receiver(failing_then_ok(3))
    endpoint_id = register(stores, settings, receiver.url, T0)["endpoint_id"]
    (queued,) = send_event(stores, settings, T0)["deliveries"]
    times = [T0]
    for delay in RETRY_SCHEDULE_S[:3]:
        times.append(plus_seconds(times[-1], delay))
    outcomes = []
    for at in times:
        assert deliver_due(stores, settings, plus_seconds(at, -1), **STEADY) == {}
        outcomes.append(deliver_due(stores, settings, at, **STEADY))
    assert outcomes == [{"failed": 1}] * 3 + [{"delivered": 1}]
    log = stores.deliveries.attempts_of_delivery(queued["delivery_id"])
    assert [a["status_code"] for a in log] == [503, 503, 503, 200]
    assert [a["error"] for a in log] == [HTTP_STATUS] * 3 + [None]
    endpoint, _ = stores.endpoints.get(endpoint_id)
    assert endpoint.enabled and endpoint.failing_since is None


def test_429_waits_at_least_as_long_as_retry_after(stores, settings, http_receiver):
    receiver = http_receiver(lambda r: (429, {"Retry-After": "120"}, b"slow down"))
    register(stores, settings, receiver.url, T0)
    (queued,) = send_event(stores, settings, T0)["deliveries"]
    assert deliver_due(stores, settings, T0, **STEADY) == {"failed": 1}
    delivery = stores.deliveries.get(queued["delivery_id"])
    assert delivery.next_attempt_at == plus_seconds(T0, 120) and delivery.last_status_code == 429
    assert deliver_due(stores, settings, plus_seconds(T0, 119), **STEADY) == {}


def test_410_disables_the_endpoint_tells_the_owner_and_replay_recovers(
        stores, settings, http_receiver, smtp_server):
    answers = {"status": 410}
    receiver = http_receiver(lambda r: (answers["status"], {}, b""))
    endpoint_id = register(stores, settings, receiver.url, T0, contact_email="it@hjoerring.dk",
                           language="en")["endpoint_id"]
    send_event(stores, settings, T0)
    send_event(stores, settings, T0, actor_joined("actor-8"))
    assert deliver_due(stores, settings, T0) == {"dead": 2}
    assert len(receiver.requests) == 1
    endpoint, _ = stores.endpoints.get(endpoint_id)
    assert (endpoint.status, endpoint.disabled_reason) == ("disabled", "gone")
    (disabled,) = stores.endpoints.collection.find_one({"_id": endpoint_id})[OUTBOX]
    assert disabled["type"] == "WebhookEndpointDisabled"
    assert OWNER not in repr(disabled) and receiver.url not in repr(disabled)
    assert stores.feed.newest(OWNER, limit=10) == []  # the owner is told by the consumer:
    handle_event(stores, disabled, settings=settings, now=T0)
    assert len(stores.feed.newest(OWNER, limit=10)) == 1
    assert deliver_due(stores, settings, T0) == {"delivered": 1}
    (mail,) = smtp_server.messages
    assert mail["Subject"] == f"Webhook disabled: {receiver.url}" and "410 Gone" in mail.get_body(
        ("plain",)).get_content()

    answers["status"] = 200
    later = plus_seconds(T0, 3600)
    enable_endpoint(stores, {"endpoint_id": endpoint_id}, partner(later))
    replayed = replay_since(stores, {"endpoint_id": endpoint_id, "since": "2024-03-01T00:00:00Z"},
                            partner(later))
    assert replayed["replayed"] == 2
    assert deliver_due(stores, settings, later) == {"delivered": 2}
    ids = [r["headers"]["webhook-id"] for r in receiver.requests]
    assert len(ids) == 3 and ids[0] in ids[1:]


def test_an_endpoint_failing_for_a_whole_day_is_disabled(stores, settings, http_receiver):
    receiver = http_receiver(lambda r: (500, {}, b"boom"))
    endpoint_id = register(stores, settings, receiver.url, T0)["endpoint_id"]
    (queued,) = send_event(stores, settings, T0)["deliveries"]
    at, runs = T0, 0
    while (delivery := stores.deliveries.get(queued["delivery_id"])).status != "dead":
        at = delivery.next_attempt_at
        deliver_due(stores, settings, at, **STEADY)
        runs += 1
        assert runs <= len(RETRY_SCHEDULE_S) + 1
    assert delivery.attempts == len(receiver.requests) == len(RETRY_SCHEDULE_S) + 1
    endpoint, _ = stores.endpoints.get(endpoint_id)
    assert (endpoint.status, endpoint.disabled_reason, endpoint.failing_since) == ("disabled", "failing", T0)
    assert at >= plus_seconds(T0, 24 * 3600)


def test_a_slow_endpoint_does_not_hold_up_the_others(stores, settings, http_receiver):
    stuck = http_receiver(slow(3))
    fine = http_receiver(ok)
    now = utc_now_iso()
    register(stores, settings, stuck.url, now)
    register(stores, settings, fine.url, now)
    send_event(stores, settings, now)
    quick = dataclasses.replace(settings, webhook_timeout_s=0.5)
    started = time.monotonic()
    result = deliver_due(stores, quick, now)
    elapsed = time.monotonic() - started
    assert result == {"delivered": 1, "failed": 1}
    assert len(fine.requests) == 1 and elapsed < 2.5
    (timed_out,) = stores.deliveries.of_recipient(
        next(e.endpoint_id for e in stores.endpoints.of_owner(OWNER) if e.url == stuck.url))
    assert timed_out.last_error == TIMEOUT
