"""Real parts for the notifications integration tests: the wire-protocol store (the
root conftest's nx-27017), an SMTP server (aiosmtpd) and HTTP receivers, all on
free ports in this process, all stopped at the end."""
from __future__ import annotations

import email
import email.policy
from collections.abc import Callable

import pytest
from aiosmtpd.controller import Controller
from notify_receivers import Answer, HttpReceiver

from notifications.adapters.stores import NotificationStores
from notifications.settings import NotificationSettings, SmtpSettings
from samskab_common.store_runner import free_port


@pytest.fixture
def stores(mongo_client, db_prefix) -> NotificationStores:
    built = NotificationStores.from_database(mongo_client[f"{db_prefix}_notifications"])
    built.ensure_indexes()
    return built


class MailSink:
    """aiosmtpd handler: keeps every message; can refuse for a while or refuse recipients."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.transient_failures = 0
        self.refused_recipients: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused_recipients:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.transient_failures > 0:
            self.transient_failures -= 1
            return "451 4.3.0 try again later"
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server():
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def http_receiver():
    """Factory: ``http_receiver(respond)`` starts a receiver stopped after the test."""
    started: list[HttpReceiver] = []

    def start(respond: Callable[[dict], Answer]) -> HttpReceiver:
        receiver = HttpReceiver(respond).start()
        started.append(receiver)
        return receiver

    yield start
    for receiver in started:
        receiver.stop()


@pytest.fixture
def settings(smtp_server) -> NotificationSettings:
    return NotificationSettings(
        smtp=SmtpSettings(host="127.0.0.1", port=smtp_server.port, timeout_s=5,
                          sender="Samskab <noreply@samskab.example>"),
        webhook_timeout_s=2.0, webhook_allowed_hosts=frozenset({"127.0.0.1"}), workers=4,
        app_base_url="https://samskab.example")
