import json

import pytest

from notifications.domain.endpoint import DISABLED, ENABLED, EndpointFilter, WebhookEndpoint
from notifications.domain.incoming import IncomingEvent
from notifications.domain.webhook_message import message_id, webhook_body
from samskab_contracts.events.actors import ActorContactShared
from samskab_contracts.events.initiatives import ResultDocumented
from samskab_contracts.events.notifications import WebhookEndpointDisabled
from samskab_dev.notification_events import actor_joined
from samskab_infra.context import Principal
from samskab_infra.envelope import Envelope
from samskab_infra.errors import DomainRuleViolation

pytestmark = pytest.mark.unit
KEY = b"k" * 32

T0 = "2024-03-01T08:00:00.000000Z"
DAY = 24 * 3600


def endpoint() -> WebhookEndpoint:
    return WebhookEndpoint.register(endpoint_id="we_1", owner="partner@kommune.dk",
                                    url="https://partner.example/hook",
                                    event_filter=EndpointFilter(("ActorJoined",), district="fyn"),
                                    secret="whsec_old", now=T0, owner_district="fyn")


def test_rotation_keeps_two_valid_secrets_until_the_grace_period_ends():
    e = endpoint()
    e.rotate_secret("whsec_new", "2024-03-02T00:00:00.000000Z", grace_s=DAY)
    assert e.signing_secrets("2024-03-02T12:00:00.000000Z") == ["whsec_new", "whsec_old"]
    assert e.signing_secrets("2024-03-03T00:00:01.000000Z") == ["whsec_new"]
    e.rotate_secret("whsec_newer", "2024-03-02T13:00:00.000000Z", grace_s=DAY)
    assert e.signing_secrets("2024-03-02T13:00:01.000000Z") == ["whsec_newer", "whsec_new"]


def test_a_failure_streak_as_long_as_the_window_disables_and_raises_an_event():
    e = endpoint()
    assert e.record_failure(T0, DAY) and e.failing_since == T0
    assert not e.record_failure("2024-03-01T20:00:00.000000Z", DAY)
    assert e.record_failure("2024-03-02T08:00:00.000000Z", DAY)
    assert e.status == DISABLED and e.disabled_reason == "failing"
    (event,) = e.pending_events
    assert event.type_name() == "WebhookEndpointDisabled"
    assert event.data == {"endpoint_id": "we_1", "reason": "failing", "failing_since": T0,
                          "disabled_at": "2024-03-02T08:00:00.000000Z"}
    assert "partner@kommune.dk" not in repr(event.data) and e.url not in repr(event.data)


def test_the_contract_example_is_valid():
    assert WebhookEndpointDisabled(**WebhookEndpointDisabled.example).data["reason"] == "failing"


def test_a_success_ends_the_streak():
    e = endpoint()
    e.record_failure(T0, DAY)
    assert e.record_success() and e.failing_since is None
    assert not e.record_success()
    assert e.record_failure("2024-03-02T09:00:00.000000Z", DAY) and e.enabled


def test_gone_disables_once_and_enable_restores():
    e = endpoint()
    assert e.disable(T0, "gone") and not e.disable(T0, "gone")
    assert len(e.pending_events) == 1
    e.enable()
    assert e.status == ENABLED and e.disabled_reason is None
    with pytest.raises(DomainRuleViolation):
        e.enable()


def test_document_round_trip_and_view_hides_secrets():
    e = endpoint()
    again = WebhookEndpoint.from_document(e.to_document())
    assert again.to_document() == e.to_document()
    view = e.view(T0, version=3)
    assert "whsec_old" not in str(view) and view["version"] == 3 and len(view["secrets"]) == 1


def test_who_may_manage():
    e = endpoint()
    assert e.may_be_managed_by(Principal.of("partner@kommune.dk", "partner"))
    assert e.may_be_managed_by(Principal.of("ops", "district_operator", district="fyn"))
    assert not e.may_be_managed_by(Principal.of("ops", "district_operator", district="bornholm"))
    assert not e.may_be_managed_by(Principal.of("someone", "partner"))


def test_subscriptions_follow_the_filter():
    (sub,) = endpoint().subscriptions()
    assert (sub.subscriber_kind, sub.event_type, sub.district) == ("endpoint", "ActorJoined", "fyn")


def test_webhook_body_is_the_standard_shape_and_stable():
    event = IncomingEvent.from_envelope(actor_joined(event_id="e-1"))
    body = webhook_body(event, KEY)
    assert body == webhook_body(event, KEY)
    assert body.startswith(b'{"data":{"actor_id":"ps_')
    assert b"actor-7" not in body, "a partner gets the actor's pseudonym, never its id"
    assert "Hjørring Kommune".encode() in body
    assert b'"type":"ActorJoined"' in body and b'"timestamp":"2024-03-01T08:00:00.000000Z"' in body
    assert message_id(event) == "msg_e-1"


def test_a_webhook_carries_the_partner_view_without_persons():
    envelope = Envelope.wrap(ResultDocumented(**ResultDocumented.example), producer="initiatives")
    body = json.loads(webhook_body(IncomingEvent.from_envelope(envelope), KEY))
    assert "by" in ResultDocumented.example and "by" not in body["data"]
    private = Envelope.wrap(ActorContactShared(**ActorContactShared.example), producer="actors")
    assert webhook_body(IncomingEvent.from_envelope(private), KEY) is None
