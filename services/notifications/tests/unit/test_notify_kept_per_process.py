"""What the service builds once per process instead of per event or per timer tick: the
SMTP sender and the webhook client (its TLS context), and the repositories (their pymongo
collections). No store is contacted: a client that is never asked anything does not connect."""
import pytest

from notifications.adapters.outgoing import OutgoingOnce
from notifications.service import NotificationsService
from notifications.settings import NotificationSettings
from samskab_infra.process_local import ProcessLocal

pytestmark = pytest.mark.unit


def test_the_senders_are_built_once_for_every_tick():
    outgoing, settings = OutgoingOnce(), NotificationSettings(webhook_timeout_s=3.0)
    first = outgoing(settings)
    assert all(outgoing(settings) is first for _ in range(3))
    assert first.webhooks.timeout_s == 3.0 and first.email_sender.settings is settings.smtp
    assert isinstance(NotificationsService.outgoing, ProcessLocal)
    assert NotificationsService.outgoing.factory is OutgoingOnce
