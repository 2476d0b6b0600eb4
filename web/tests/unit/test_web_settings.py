"""The web process's settings are checked once, at start-up."""
from __future__ import annotations

import pytest

from samskab_infra.settings import SettingsError
from samskab_web.settings import load_web_settings

pytestmark = pytest.mark.unit
GOOD = {"WEB_SESSION_SECRET": "w" * 32, "SAMSKAB_JWT_SECRET": "j" * 32}


def test_defaults():
    settings = load_web_settings(GOOD)
    assert settings.address == "127.0.0.1:8081" and settings.gateway_url == "http://127.0.0.1:8080"
    assert settings.cookie_secure is False and settings.oidc is None and settings.database == "samskab_web"
    assert settings.ops_port == 9106 and settings.url_scheme == "http"


def test_cookies_are_secure_by_default_outside_localhost():
    assert load_web_settings({**GOOD, "WEB_ADDRESS": "0.0.0.0:8090"}).cookie_secure is True
    assert load_web_settings({**GOOD, "WEB_ADDRESS": "0.0.0.0:8090", "WEB_COOKIE_SECURE": "false"}).cookie_secure \
        is False


@pytest.mark.parametrize("env, message", [
    ({"WEB_SESSION_SECRET": "short"}, "WEB_SESSION_SECRET needs at least 32"),
    ({"SAMSKAB_JWT_SECRET": ""}, "SAMSKAB_JWT_SECRET needs at least 32"),
    ({"WEB_ADDRESS": "8090"}, "WEB_ADDRESS must be host:port"),
    ({"WEB_GATEWAY_URL": "gateway:8080"}, "WEB_GATEWAY_URL must be an http"),
    ({"WEB_COOKIE_SECURE": "maybe"}, "WEB_COOKIE_SECURE must be true or false"),
    ({"WEB_URL_SCHEME": "HTTPS://"}, "WEB_URL_SCHEME must be http or https"),
    ({"WEB_SESSION_HOURS": "0"}, "WEB_SESSION_HOURS must be positive"),
    ({"MONGO_URI": "postgres://x"}, "MONGO_URI must start with mongodb://"),
    ({"WEB_OIDC_ISSUER": "https://idp.example"}, "needs WEB_OIDC_CLIENT_ID and WEB_OIDC_CLIENT_SECRET"),
])
def test_a_bad_setting_stops_the_process(env, message):
    with pytest.raises(SettingsError, match=message):
        load_web_settings({**GOOD, **env})


def test_an_identity_provider_is_configured_with_its_client():
    oidc = load_web_settings({**GOOD, "WEB_OIDC_ISSUER": "https://idp.example/", "WEB_OIDC_CLIENT_ID": "samskab",
                              "WEB_OIDC_CLIENT_SECRET": "s"}).oidc
    assert oidc.issuer == "https://idp.example" and oidc.client_id == "samskab" and oidc.subject_claim == "email"



def test_behind_a_tls_proxy_the_pages_give_out_https_addresses(monkeypatch):
    """The proxy ends TLS, so waitress is told the scheme people use: every address the pages give
    out (url_for(_external=True), the redirect URI the identity provider must recognise) is https."""
    import samskab_web.__main__ as entry

    served: dict = {}
    for name, value in {**GOOD, "WEB_URL_SCHEME": "https", "WEB_METRICS_PORT": "0"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(entry, "configure_logging", lambda: None)
    monkeypatch.setattr(entry.waitress, "serve", lambda app, **kwargs: served.update(kwargs, app=app))
    assert entry.main() == 0
    assert served["url_scheme"] == "https"
    with served["app"].test_request_context("/", base_url=f"{served['url_scheme']}://samskab.politi.example"):
        from flask import url_for

        assert url_for("signin.oidc_callback", _external=True) == (
            "https://samskab.politi.example/sign-in/oidc/callback")
