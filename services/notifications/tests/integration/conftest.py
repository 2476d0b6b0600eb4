"""Real parts for the notifications integration tests: the wire-protocol store (the
root conftest's nx-27017), an SMTP server (aiosmtpd) and HTTP receivers, all on
free ports in this process, all stopped at the end."""
from __future__ import annotations

import ssl
from collections.abc import Callable

import pytest

from notifications.adapters.stores import NotificationStores
from notifications.settings import NotificationSettings, SmtpSettings
from samskab_dev.receivers import Answer, HttpReceiver, MailSink


@pytest.fixture
def stores(mongo_client, db_prefix) -> NotificationStores:
    built = NotificationStores.from_database(mongo_client[f"{db_prefix}_notifications"])
    built.ensure_indexes()
    return built


@pytest.fixture
def smtp_server():
    sink = MailSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def http_receiver():
    """Factory: ``http_receiver(respond, tls=None)`` starts a receiver stopped after the test."""
    started: list[HttpReceiver] = []

    def start(respond: Callable[[dict], Answer], tls: ssl.SSLContext | None = None) -> HttpReceiver:
        receiver = HttpReceiver(respond, tls).start()
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
