"""Sending e-mail over SMTP (STARTTLS or TLS, optional login), one connection per message."""
from __future__ import annotations

import hashlib
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

from ..settings import SmtpSettings
from ..templates.render import Rendered


class SmtpFailure(RuntimeError):
    """``permanent`` when the server refused for good (5xx for the recipient)."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


def message_id(key: str, domain: str = "samskab.invalid") -> str:
    """The same on every retry of a delivery, so a mail system can drop a duplicate."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def build_email(rendered: Rendered, *, to_address: str, sender: str, key: str,
                to_name: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = rendered.subject
    message["From"] = sender
    message["To"] = Address(display_name=to_name or "", addr_spec=to_address)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id(key)
    message["Auto-Submitted"] = "auto-generated"
    # Quoted-printable keeps Danish letters intact through relays without 8BITMIME.
    message.set_content(rendered.text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = rendered.language  # after set_content, which clears Content-*
    return message


class SmtpSender:
    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.use_ssl:
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_s,
                                    context=ssl.create_default_context(cafile=s.ca_file))
        client = smtplib.SMTP(s.host, s.port, timeout=s.timeout_s)
        if s.starttls:
            client.ehlo()
            client.starttls(context=ssl.create_default_context(cafile=s.ca_file))
            client.ehlo()
        return client

    def send(self, message: EmailMessage) -> None:
        try:
            with self._connect() as client:
                if self.settings.username:
                    client.login(self.settings.username, self.settings.password or "")
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise SmtpFailure(f"recipient refused: {exc.recipients}",
                              permanent=all(500 <= c < 600 for c in codes)) from exc
        except smtplib.SMTPDataError as exc:
            raise SmtpFailure(f"message refused: {exc.smtp_code} {exc.smtp_error!r}",
                              permanent=500 <= exc.smtp_code < 600) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise SmtpFailure(f"{type(exc).__name__}: {exc}") from exc
