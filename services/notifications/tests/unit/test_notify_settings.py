import pytest

from notifications.domain.incoming import IncomingEvent
from notifications.domain.url_policy import UrlPolicy
from notifications.settings import load_notification_settings
from samskab_contracts.events.initiatives import InitiativeCreated
from samskab_infra.envelope import Envelope
from samskab_infra.settings import SettingsError

pytestmark = pytest.mark.unit


def test_defaults_and_overrides(monkeypatch):
    for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS", "NOTIFY_WEBHOOK_ALLOWED_HOSTS",
                 "NOTIFY_WEBHOOK_ALLOWED_PORTS"):
        monkeypatch.delenv(name, raising=False)
    defaults = load_notification_settings()
    assert defaults.smtp.port == 25 and not defaults.smtp.starttls
    assert defaults.webhook_allowed_hosts == frozenset() and defaults.retry_scale == 1.0
    assert defaults.webhook_policy == UrlPolicy()
    monkeypatch.setenv("SMTP_HOST", "mail.politi.dk")
    monkeypatch.setenv("SMTP_PORT", "587")
    monkeypatch.setenv("SMTP_STARTTLS", "true")
    monkeypatch.setenv("NOTIFY_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1, [::1] ,Receiver.Local")
    monkeypatch.setenv("NOTIFY_WEBHOOK_ALLOWED_PORTS", "8443, 9443")
    loaded = load_notification_settings()
    assert loaded.webhook_policy.extra_ports == {8443, 9443}
    assert (loaded.smtp.host, loaded.smtp.port, loaded.smtp.starttls) == ("mail.politi.dk", 587, True)
    assert loaded.webhook_allowed_hosts == {"127.0.0.1", "::1", "receiver.local"}


@pytest.mark.parametrize("name,value", [
    ("SMTP_PORT", "smtp"), ("SMTP_STARTTLS", "maybe"), ("SMTP_USERNAME", "only-user"),
    ("NOTIFY_DIGEST_HOUR_UTC", "24"), ("NOTIFY_RETRY_SCALE", "-1"), ("SMTP_CA_FILE", "/nope.pem"),
    ("NOTIFY_WEBHOOK_ALLOWED_PORTS", "https"), ("NOTIFY_WEBHOOK_ALLOWED_PORTS", "0"),
    ("NOTIFY_WEBHOOK_ALLOWED_PORTS", "70000"),
])
def test_bad_settings_stop_the_start(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError):
        load_notification_settings()


def test_an_envelope_object_and_its_dict_read_the_same():
    wrapped = Envelope.wrap(InitiativeCreated(**InitiativeCreated.example), producer="initiatives",
                            district="nordjylland", occurred_at="2024-03-01T08:00:00Z")
    event = IncomingEvent.from_envelope(wrapped)
    assert event == IncomingEvent.from_envelope(wrapped.to_dict())
    assert (event.initiative_id, event.district, event.occurred_at) == (
        InitiativeCreated.example["initiative_id"], "nordjylland", "2024-03-01T08:00:00.000000Z")
