"""What the delivery loop sends with: the SMTP sender and the webhook client, kept for the
whole process instead of being built on every tick of the timer (every 2 s): building a
WebhookClient makes a TLS context (certifi's bundle read and parsed), which cost more
than an idle tick itself."""
from __future__ import annotations

from dataclasses import dataclass

from ..settings import NotificationSettings
from .smtp import SmtpSender
from .webhook_http import WebhookClient


@dataclass(frozen=True)
class Outgoing:
    email_sender: SmtpSender
    webhooks: WebhookClient

    @classmethod
    def for_settings(cls, settings: NotificationSettings) -> Outgoing:
        """As the sending loop would build them itself (the system resolver)."""
        return cls(SmtpSender(settings.smtp),
                   WebhookClient(settings.webhook_timeout_s, policy=settings.webhook_policy))


class OutgoingOnce:
    """One ``Outgoing`` per process (held by a ProcessLocal), built on first use: the
    settings it needs are read once at start-up and never change afterwards, so the first
    tick's are every tick's."""

    def __init__(self) -> None:
        self._built: Outgoing | None = None

    def __call__(self, settings: NotificationSettings) -> Outgoing:
        if self._built is None:
            self._built = Outgoing.for_settings(settings)
        return self._built
