from __future__ import annotations

import pytest
from web_fakes import PASSWORD, PERSON, FakeAccounts, FakeGateway, csrf_of, settings

from samskab_web.app import create_app


@pytest.fixture
def gateway() -> FakeGateway:
    return FakeGateway({("GET", "/me"): {"subject": PERSON, "grants": [
        {"role": "district_operator", "scope": "nordjylland"}]}})


@pytest.fixture
def app(gateway):
    app = create_app(settings(), FakeAccounts({PERSON: PASSWORD}), gateway)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def signed_in(client):
    token = csrf_of(client)
    response = client.post("/sign-in", data={"email": PERSON, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    return client
