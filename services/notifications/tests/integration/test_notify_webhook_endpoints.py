"""Endpoint registration (the address guard with the real resolver), ownership and replays."""
import dataclasses

import pytest
from notify_receivers import ok
from notify_webhooks import partner, register, send_event

from notifications.handlers.commands import disable_endpoint, replay_delivery, replay_since, rotate_endpoint_secret
from notifications.handlers.queries import get_endpoint, list_endpoints
from notifications.handlers.sending import deliver_due
from samskab_infra.errors import DomainRuleViolation, Forbidden, NotFound, ValidationFailed

pytestmark = pytest.mark.integration

T0 = "2024-03-01T09:00:00.000000Z"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:8080/hook", "http://localhost:8080/hook", "http://[fd00:ec2::254]/",
])
def test_registration_refuses_internal_addresses(stores, settings, url):
    guarded = dataclasses.replace(settings, webhook_allowed_hosts=frozenset())
    with pytest.raises(DomainRuleViolation) as caught:
        register(stores, guarded, url, T0)
    assert caught.value.code == "webhook.url.forbidden_address"
    assert stores.endpoints.of_owner(partner().principal.subject) == []


def test_the_allow_list_admits_only_the_named_host(stores, settings):
    assert register(stores, settings, "http://127.0.0.1:9/hook", T0)["status"] == "enabled"
    with pytest.raises(DomainRuleViolation):
        register(stores, settings, "http://localhost:9/hook", T0)


@pytest.mark.parametrize("payload,field", [
    ({"url": "ftp://127.0.0.1/x", "event_types": ["ActorJoined"]}, "url"),
    ({"url": "http://127.0.0.1:9/x", "event_types": []}, "event_types"),
    ({"url": "http://127.0.0.1:9/x", "event_types": ["ActorErased"]}, "event_types"),
    ({"url": "http://127.0.0.1:9/x", "event_types": ["ActorJoined"], "secret": "whsec_mine"}, "secret"),
    ({"url": "http://127.0.0.1:9/x", "event_types": ["ActorJoined"], "district": "atlantis"}, "district"),
])
def test_bad_registrations_are_refused_and_store_nothing(stores, settings, payload, field):
    from notifications.handlers.commands import register_endpoint

    with pytest.raises(ValidationFailed) as caught:
        register_endpoint(stores, payload, partner(T0), settings=settings)
    assert field in caught.value.details
    assert stores.endpoints.of_owner(partner().principal.subject) == []


def test_a_district_operators_endpoint_only_follows_its_district(stores, settings):
    from notifications.handlers.commands import register_endpoint

    operator = partner(T0, subject="ops@politi.dk", role="district_operator", district="nordjylland")
    hook = {"url": "http://127.0.0.1:9/hook", "event_types": ["ActorJoined"]}
    with pytest.raises(Forbidden):
        register_endpoint(stores, {**hook, "district": "fyn"}, operator, settings=settings)
    assert register_endpoint(stores, hook, operator, settings=settings)["district"] == "nordjylland"


def test_a_partner_follows_any_district_it_names_through_partner_views(stores, settings):
    assert register(stores, settings, "http://127.0.0.1:9/hook", T0, district="fyn")["district"] == "fyn"
    assert register(stores, settings, "http://127.0.0.1:9/hook", T0)["district"] is None


def test_the_secret_is_shown_once_and_only_the_owner_manages(stores, settings):
    registered = register(stores, settings, "http://127.0.0.1:9/hook", T0)
    endpoint_id = registered["endpoint_id"]
    assert registered["secret"].startswith("whsec_")
    shown = get_endpoint(stores, {"endpoint_id": endpoint_id}, partner(T0))
    listed = list_endpoints(stores, None, partner(T0))
    assert registered["secret"] not in str(shown) and registered["secret"] not in str(listed)
    stranger = partner(T0, subject="someone@else.dk")
    for action in (get_endpoint, disable_endpoint):
        with pytest.raises(Forbidden):
            action(stores, {"endpoint_id": endpoint_id}, stranger)
    with pytest.raises(Forbidden):
        rotate_endpoint_secret(stores, {"endpoint_id": endpoint_id}, stranger, settings=settings)
    operator = partner(T0, subject="ops", role="national_centre", district=None)
    assert disable_endpoint(stores, {"endpoint_id": endpoint_id}, operator)["disabled_reason"] == "operator"


def test_replaying_one_delivery_resends_it_with_the_same_webhook_id(stores, settings, http_receiver):
    receiver = http_receiver(ok)
    endpoint_id = register(stores, settings, receiver.url, T0)["endpoint_id"]
    (queued,) = send_event(stores, settings, T0)["deliveries"]
    ref = {"endpoint_id": endpoint_id, "delivery_id": queued["delivery_id"]}
    with pytest.raises(DomainRuleViolation):
        replay_delivery(stores, ref, partner(T0))
    deliver_due(stores, settings, T0)
    later = "2024-03-01T10:00:00.000000Z"
    replayed = replay_delivery(stores, ref, partner(later))
    assert (replayed["status"], replayed["replays"]) == ("pending", 1)
    assert deliver_due(stores, settings, later) == {"delivered": 1}
    first, second = receiver.requests
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"]
    assert first["headers"]["webhook-timestamp"] != second["headers"]["webhook-timestamp"]
    assert len(stores.deliveries.attempts_of_delivery(queued["delivery_id"])) == 2
    disable_endpoint(stores, {"endpoint_id": endpoint_id}, partner(later))
    with pytest.raises(DomainRuleViolation) as caught:
        replay_since(stores, {"endpoint_id": endpoint_id, "since": T0}, partner(later))
    assert caught.value.code == "webhook.endpoint_disabled"


def test_a_delivery_is_replayed_only_through_its_own_endpoint(stores, settings, http_receiver):
    """Owning some endpoint is not enough: the delivery must belong to the one named."""
    receiver = http_receiver(ok)
    mine = register(stores, settings, receiver.url, T0)["endpoint_id"]
    (queued,) = send_event(stores, settings, T0)["deliveries"]
    deliver_due(stores, settings, T0)
    other = register(stores, settings, receiver.url, T0, event_types=["InitiativeClosed"])
    with pytest.raises(NotFound):
        replay_delivery(stores, {"endpoint_id": other["endpoint_id"], "delivery_id": queued["delivery_id"]},
                        partner(T0))
    stranger = partner(T0, subject="someone@else.dk")
    with pytest.raises(Forbidden):
        replay_delivery(stores, {"endpoint_id": mine, "delivery_id": queued["delivery_id"]}, stranger)
    assert stores.deliveries.get(queued["delivery_id"]).replays == 0
