from __future__ import annotations

import re

import pytest

from samskab_web.app import create_app

from .fakes import FakeAccounts, FakeGateway, settings

PERSON = "anna@politi.dk"
PASSWORD = "a long enough password"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


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


def csrf_of(client, path: str = "/sign-in") -> str:
    return CSRF.search(client.get(path).get_data(as_text=True)).group(1)


@pytest.fixture
def signed_in(client):
    token = csrf_of(client)
    response = client.post("/sign-in", data={"email": PERSON, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    return client
