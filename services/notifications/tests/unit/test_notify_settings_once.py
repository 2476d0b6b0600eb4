"""Settings are read and checked once, when the container sets up; a change in the
environment afterwards is not seen mid-run (issue 13)."""
from types import SimpleNamespace

import pytest

from notifications.service import NotificationsService
from notifications.settings import load_notification_settings
from samskab_infra.settings import SettingsError
from samskab_infra.settings_provider import SettingsProvider

pytestmark = pytest.mark.unit


def bound(provider: SettingsProvider) -> SettingsProvider:
    provider.container = SimpleNamespace(config={})
    return provider


def test_the_service_reads_its_settings_once_at_setup(monkeypatch):
    monkeypatch.setenv("NOTIFY_APP_BASE_URL", "https://samskab.example/")
    monkeypatch.setenv("NOTIFY_RETRY_SCALE", "0.5")
    provider = bound(SettingsProvider(load_notification_settings))
    provider.setup()
    monkeypatch.setenv("NOTIFY_APP_BASE_URL", "https://elsewhere.example")
    monkeypatch.setenv("NOTIFY_RETRY_SCALE", "2")
    for _ in range(3):  # three calls or timer ticks
        settings = provider.get_dependency(worker_ctx=None)
        assert (settings.app_base_url, settings.retry_scale) == ("https://samskab.example", 0.5)
    assert isinstance(NotificationsService.settings, SettingsProvider)
    assert NotificationsService.settings.load is load_notification_settings


def test_the_environment_is_read_once_however_many_workers():
    reads = []

    def load(config):
        reads.append(config)
        return load_notification_settings(config)

    provider = bound(SettingsProvider(load))
    provider.setup()
    got = [provider.get_dependency(worker_ctx=None) for _ in range(5)]
    assert len(reads) == 1 and all(s is got[0] for s in got)


def test_a_bad_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("SMTP_PORT", "smtp")
    with pytest.raises(SettingsError):
        bound(SettingsProvider(load_notification_settings)).setup()


def test_the_pseudonym_key_comes_with_the_settings(monkeypatch):
    monkeypatch.setenv("SAMSKAB_PSEUDONYM_KEY", "k" * 40)
    assert load_notification_settings().pseudonym_key == "k" * 40
    assert load_notification_settings({"SAMSKAB_PSEUDONYM_KEY": "c" * 40}).pseudonym_key == "c" * 40
