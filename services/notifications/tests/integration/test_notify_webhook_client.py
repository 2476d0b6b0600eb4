"""The pinned webhook client against real HTTP(S) receivers on loopback: it resolves once,
connects to the address it checked, and still names the real host (Host, SNI, certificate)."""
import dataclasses
import shutil
import ssl
import subprocess

import pytest
from notify_receivers import ok
from notify_webhooks import partner, send_event

from notifications.adapters.webhook_http import WebhookClient
from notifications.domain.attempt_errors import (
    CONNECT_FAILED,
    HTTP_STATUS,
    REFUSED_ADDRESS,
    REFUSED_PORT,
    TIMEOUT,
    TLS_FAILED,
)
from notifications.domain.url_policy import UrlPolicy
from notifications.handlers.commands import register_endpoint
from notifications.handlers.queries import endpoint_delivery_log
from notifications.handlers.sending import deliver_due

pytestmark = pytest.mark.integration

T0 = "2024-03-01T09:00:00.000000Z"
PUBLIC = "93.184.216.34"
BODY = b'{"type": "ActorJoined"}'


class Rebinding:
    """A resolver (the client's port) that answers a public address first and the
    loopback address from then on: what an attacker's DNS server does."""

    def __init__(self, first: str = PUBLIC, then: str = "127.0.0.1"):
        self.answers = [first, then]
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return [self.answers[min(len(self.asked), 2) - 1]]


def went_to_the_public_address(status_code: int | None, error: str | None) -> bool:
    """What an attempt sent to the public address it checked comes back with: where nothing
    answers, a failed connection or a timeout; where outgoing connections meet a proxy (this
    machine's answers every port outside the kernel's ephemeral range), that proxy's error
    status. Never a success: the loopback receiver, the one that answers 200, is not it."""
    if status_code is None:
        return error in (CONNECT_FAILED, TIMEOUT)
    return status_code >= 400


def fixed(table: dict[str, list[str]]):
    return lambda host, port: table[host]


def test_a_rebinding_name_cannot_steer_the_client_to_the_second_address(http_receiver):
    receiver = http_receiver(ok)
    rebinding = Rebinding()
    # "localhost" is what the system resolver would answer with 127.0.0.1, had the
    # client asked it (or anyone) a second time.
    client = WebhookClient(2.0, resolve=rebinding, policy=UrlPolicy(extra_ports=frozenset({receiver.port})))
    result = client.post(f"http://localhost:{receiver.port}/hook", BODY, {})
    assert rebinding.asked == ["localhost"]
    assert receiver.requests == []
    assert went_to_the_public_address(result.status_code, result.error), result


def test_a_rebinding_name_cannot_reach_loopback_through_the_dispatcher(stores, settings, http_receiver):
    receiver = http_receiver(ok)
    url = f"http://localhost:{receiver.port}/hook"
    guarded = dataclasses.replace(settings, webhook_allowed_hosts=frozenset(),
                                  webhook_allowed_ports=frozenset({receiver.port}))
    registered = register_endpoint(stores, {"url": url, "event_types": ["ActorJoined"]}, partner(T0),
                                   settings=guarded, resolve=fixed({"localhost": [PUBLIC]}))
    send_event(stores, guarded, T0)
    rebinding = Rebinding()
    assert deliver_due(stores, guarded, T0, resolve=rebinding) == {"failed": 1}
    assert rebinding.asked == ["localhost"] and receiver.requests == []
    (attempt,) = endpoint_delivery_log(stores, {"endpoint_id": registered["endpoint_id"]}, partner(T0))["items"]
    assert went_to_the_public_address(attempt["status_code"], attempt["error"]), attempt
    # The next attempt asks again and is told 127.0.0.1: refused before any connection.
    (delivery,) = stores.deliveries.of_recipient(registered["endpoint_id"])
    assert deliver_due(stores, guarded, delivery.next_attempt_at, resolve=rebinding) == {"failed": 1}
    assert receiver.requests == []
    newest = endpoint_delivery_log(stores, {"endpoint_id": registered["endpoint_id"]}, partner(T0))["items"][0]
    assert newest["error"] == REFUSED_ADDRESS


def test_the_client_connects_to_the_resolved_address_and_names_the_host(http_receiver):
    receiver = http_receiver(ok)
    # partner.test has no address in any real DNS: the request can only arrive
    # through the address the injected resolver gave.
    client = WebhookClient(2.0, resolve=fixed({"partner.test": ["127.0.0.1"]}),
                           policy=UrlPolicy(allowed_hosts=frozenset({"partner.test"})))
    result = client.post(f"http://partner.test:{receiver.port}/hook?x=1", BODY, {"webhook-id": "msg_1"})
    assert (result.status_code, result.error) == (200, None)
    (request,) = receiver.requests
    assert request["headers"]["host"] == f"partner.test:{receiver.port}"
    assert (request["path"], request["body"], request["headers"]["webhook-id"]) == ("/hook?x=1", BODY, "msg_1")


def test_every_checked_address_is_tried_in_turn(http_receiver):
    receiver = http_receiver(ok)  # listens on 127.0.0.1 only; 127.0.0.2 refuses
    client = WebhookClient(2.0, resolve=fixed({"partner.test": ["127.0.0.2", "127.0.0.1"]}),
                           policy=UrlPolicy(allowed_hosts=frozenset({"partner.test"})))
    assert client.post(f"http://partner.test:{receiver.port}/hook", BODY, {}).status_code == 200
    assert len(receiver.requests) == 1


def test_an_unlisted_port_is_refused_before_connecting(http_receiver):
    receiver = http_receiver(ok)
    client = WebhookClient(2.0, resolve=fixed({"partner.test": [PUBLIC]}))
    result = client.post(f"http://partner.test:{receiver.port}/hook", BODY, {})
    assert (result.status_code, result.error) == (None, REFUSED_PORT)


def test_a_redirect_is_an_answer_not_a_hop(http_receiver):
    elsewhere = http_receiver(ok)
    redirecting = http_receiver(lambda r: (307, {"Location": elsewhere.url}, b"moved"))
    client = WebhookClient(2.0, resolve=fixed({"127.0.0.1": ["127.0.0.1"]}),
                           policy=UrlPolicy(allowed_hosts=frozenset({"127.0.0.1"})))
    assert client.post(redirecting.url, BODY, {}).status_code == 307
    assert elsewhere.requests == []


@pytest.fixture(scope="module")
def partner_certificate(tmp_path_factory):
    """A self-signed certificate for partner.test only (it is also its own CA)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("webhook-tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=partner.test",
                    "-addext", "subjectAltName=DNS:partner.test"], check=True, capture_output=True)
    return cert, key


def tls_server(cert, key) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_tls_names_the_host_and_checks_its_certificate_at_the_pinned_address(
        http_receiver, partner_certificate):
    cert, key = partner_certificate
    receiver = http_receiver(ok, tls=tls_server(cert, key))
    client = WebhookClient(2.0, resolve=fixed({"partner.test": ["127.0.0.1"]}),
                           policy=UrlPolicy(allowed_hosts=frozenset({"partner.test"})), ca_file=str(cert))
    result = client.post(f"https://partner.test:{receiver.port}/hook", BODY, {})
    assert (result.status_code, result.error) == (200, None)
    assert receiver.server_names == ["partner.test"]
    assert receiver.requests[0]["headers"]["host"] == f"partner.test:{receiver.port}"


def test_a_certificate_for_another_name_is_refused(http_receiver, partner_certificate):
    cert, key = partner_certificate
    receiver = http_receiver(ok, tls=tls_server(cert, key))
    client = WebhookClient(2.0, resolve=fixed({"other.test": ["127.0.0.1"]}),
                           policy=UrlPolicy(allowed_hosts=frozenset({"other.test"})), ca_file=str(cert))
    result = client.post(f"https://other.test:{receiver.port}/hook", BODY, {})
    assert (result.status_code, result.error) == (None, TLS_FAILED)
    assert receiver.requests == []


def test_the_delivery_log_keeps_no_answer_body(stores, settings, http_receiver):
    secret_page = b"<html>internal admin console: root password hunter2</html>"
    receiver = http_receiver(lambda r: (500, {}, secret_page))
    registered = register_endpoint(stores, {"url": receiver.url, "event_types": ["ActorJoined"]},
                                   partner(T0), settings=settings)
    send_event(stores, settings, T0)
    assert deliver_due(stores, settings, T0) == {"failed": 1}
    (attempt,) = endpoint_delivery_log(stores, {"endpoint_id": registered["endpoint_id"]}, partner(T0))["items"]
    assert (attempt["status_code"], attempt["error"], attempt["outcome"]) == (500, HTTP_STATUS, "failed")
    assert "response_excerpt" not in attempt and isinstance(attempt["latency_ms"], int)
    stored = stores.deliveries.log.find_one({"recipient_id": registered["endpoint_id"]})
    assert "hunter2" not in repr(stored)
    assert "hunter2" not in repr(stores.deliveries.collection.find_one({"recipient_id": registered["endpoint_id"]}))
