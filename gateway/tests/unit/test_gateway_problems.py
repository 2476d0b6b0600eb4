"""Every failure is an RFC 9457 problem document; bad input never becomes a 500 and a
500 never shows a stack trace."""
from __future__ import annotations

import json

import pytest
from nameko.exceptions import RemoteError, UnknownService, deserialize, serialize
from pymongo.errors import ServerSelectionTimeoutError
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from gateway.problems import PROBLEM_JSON, for_request, problem_from_exception
from samskab_infra.errors import (
    Conflict,
    DomainRuleViolation,
    ServiceUnavailable,
    StoreUnavailable,
    ValidationFailed,
)

pytestmark = pytest.mark.unit


def _body(response) -> dict:
    assert response.mimetype == PROBLEM_JSON
    return json.loads(response.get_data())


def _request(headers: dict | None = None) -> Request:
    return Request(EnvironBuilder(method="POST", path="/x", headers=headers or {}).get_environ())


def test_a_validation_failure_lists_each_field_with_its_messages():
    exc = ValidationFailed("the payload is invalid", details={"title": ["required"], "challenge": {
        "text": ["too long"]}})
    body = _body(problem_from_exception(exc, "req-1"))
    assert body == {"type": "https://samskab.dk/problems/validation_failed", "title": "Bad request",
                    "status": 400, "detail": "the payload is invalid", "code": "validation_failed",
                    "request_id": "req-1", "errors": {"title": ["required"], "challenge": {"text": ["too long"]}}}


def test_a_rule_violation_names_the_rule():
    body = _body(problem_from_exception(DomainRuleViolation("no", code="phase.gate.anchor_person_required"), "r"))
    assert (body["status"], body["code"]) == (422, "phase.gate.anchor_person_required")
    assert body["type"].endswith("/phase/gate/anchor_person_required")


def test_an_unavailable_service_says_when_to_retry():
    response = problem_from_exception(ServiceUnavailable("down", details={"retry_after": 7}), "r")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "7"
    response = problem_from_exception(UnknownService("initiatives"), "r")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "5")


def test_an_unexpected_error_is_a_500_without_details_or_traceback():
    for exc in (RuntimeError("secret internals at /srv/app.py line 3"),
                RemoteError("KeyError", "Traceback (most recent call last): ...")):
        response = problem_from_exception(exc, "r")
        text = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Traceback" not in text and "secret" not in text and "KeyError" not in text


def test_http_errors_keep_their_status():
    assert problem_from_exception(RequestEntityTooLarge(), "r").status_code == 413


def test_a_stale_version_is_412_with_if_match_and_409_without():
    stale = Conflict("stale", code="version.conflict", details={"expected_version": 1, "version": 2})
    with_etag = problem_from_exception(for_request(stale, _request({"If-Match": 'W/"1"'})), "r")
    assert with_etag.status_code == 412
    assert _body(with_etag)["code"] == "version.precondition_failed"
    assert problem_from_exception(for_request(stale, _request()), "r").status_code == 409


def test_a_retry_after_in_the_details_becomes_a_header():
    response = problem_from_exception(Conflict("busy", code="idempotency.in_progress",
                                               details={"retry_after": 1}), "r")
    assert (response.status_code, response.headers["Retry-After"]) == (409, "1")


def test_the_gateways_own_store_outage_is_503_store_unavailable_with_retry_after():
    response = problem_from_exception(ServerSelectionTimeoutError("127.0.0.1:27017: connection refused"), "r")
    body = _body(response)
    assert (response.status_code, body["code"]) == (503, "store_unavailable")
    assert int(response.headers["Retry-After"]) > 0
    assert "27017" not in json.dumps(body)


def test_a_service_reporting_the_store_unavailable_over_rpc_is_503_not_500():
    """What a service's RPC entrypoint sends (samskab_infra.rpc) arrives as StoreUnavailable."""
    remote = deserialize(serialize(StoreUnavailable.now()))
    assert isinstance(remote, StoreUnavailable)
    response = problem_from_exception(remote, "r")
    assert (response.status_code, _body(response)["code"]) == (503, "store_unavailable")
    assert int(response.headers["Retry-After"]) == StoreUnavailable.RETRY_AFTER_S
