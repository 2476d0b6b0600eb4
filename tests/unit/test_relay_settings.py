"""The relay's settings: read from the container's config or the environment, checked at start."""
from __future__ import annotations

import pytest

from samskab_infra.settings import SettingsError, load_settings

pytestmark = pytest.mark.unit


def test_the_relay_publishes_at_once_unless_told_to_linger(monkeypatch):
    monkeypatch.delenv("SAMSKAB_RELAY_LINGER_MS", raising=False)
    assert load_settings({}).relay_linger_ms == 0
    assert load_settings({"SAMSKAB_RELAY_LINGER_MS": "5"}).relay_linger_ms == 5
    monkeypatch.setenv("SAMSKAB_RELAY_LINGER_MS", "20")
    assert load_settings({}).relay_linger_ms == 20


@pytest.mark.parametrize("value", ["-1", "1001", "soon"])
def test_a_linger_out_of_bounds_stops_the_start(value):
    with pytest.raises(SettingsError, match="SAMSKAB_RELAY_LINGER_MS"):
        load_settings({"SAMSKAB_RELAY_LINGER_MS": value})
