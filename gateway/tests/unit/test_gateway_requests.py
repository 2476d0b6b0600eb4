"""Reading bodies and query strings: clear 4xx errors, ids from the path only, and
paging with a hard cap."""
from __future__ import annotations

import json

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from gateway.query_schemas import InitiativeListQuery
from gateway.requests_json import UnsupportedMediaType, json_body, merged, query
from gateway.routes.common import command_payload, page_params, paged, versioned
from samskab_infra.errors import ValidationFailed

pytestmark = pytest.mark.unit


def _request(data: bytes | str = b"", content_type: str = "application/json", query_string: str = "",
             headers: dict | None = None) -> Request:
    return Request(EnvironBuilder(method="POST", path="/x", data=data, content_type=content_type,
                                  query_string=query_string, headers=headers or {}).get_environ())


@pytest.mark.parametrize("data, content_type, error", [
    (b'{"a": 1', "application/json", ValidationFailed),
    (b"[1, 2]", "application/json", ValidationFailed),
    (b"", "application/json", ValidationFailed),
    (b"\xff\xfe", "application/json", ValidationFailed),
    (b'{"a": 1}', "text/plain", UnsupportedMediaType),
    (b"a=1", "application/x-www-form-urlencoded", UnsupportedMediaType),
])
def test_a_body_that_is_not_a_json_object_is_refused(data, content_type, error):
    with pytest.raises(error):
        json_body(_request(data, content_type))


def test_path_ids_are_set_by_the_server_and_a_different_one_in_the_body_is_refused():
    assert merged({"title": "x"}, initiative_id="i-1") == {"title": "x", "initiative_id": "i-1"}
    assert merged({"initiative_id": "i-1"}, initiative_id="i-1") == {"initiative_id": "i-1"}
    with pytest.raises(ValidationFailed) as refused:
        merged({"initiative_id": "i-2"}, initiative_id="i-1")
    assert refused.value.details == {"initiative_id": ["must not be sent"]}


def test_the_version_comes_from_if_match_never_from_the_body():
    with pytest.raises(ValidationFailed) as refused:
        merged({"expected_version": 3})
    assert "expected_version" in refused.value.details
    request = _request(json.dumps({"reason": "r"}), headers={"If-Match": 'W/"4"'})
    assert command_payload(request, initiative_id="i") == {"reason": "r", "initiative_id": "i",
                                                           "expected_version": 4}
    with pytest.raises(ValidationFailed):
        command_payload(_request(b"{}", headers={"If-Match": "*"}), initiative_id="i")


def test_a_bodiless_command_takes_if_match_too():
    payload = {"actor_id": "a", "purpose": "notifications"}
    assert versioned(_request(headers={"If-Match": '"7"'}), payload) == {**payload, "expected_version": 7}
    assert versioned(_request(), payload) == payload


def test_lists_a_service_pages_get_the_gateways_default_limit_unless_one_is_given():
    assert page_params({}) == {"limit": 50}
    assert page_params({"limit": 5, "cursor": "c"}) == {"limit": 5, "cursor": "c"}


def test_query_strings_are_checked_by_their_schema():
    ok = query(_request(query_string="district=fyn&limit=20&theme=loneliness"), InitiativeListQuery)
    assert ok == {"district": "fyn", "limit": 20, "theme": "loneliness"}
    for bad in ("limit=101", "limit=0", "limit=x", "district=atlantis", "phase=done", "sort=title"):
        with pytest.raises(ValidationFailed) as refused:
            query(_request(query_string=bad), InitiativeListQuery)
        assert set(refused.value.details) == {bad.split("=")[0]}


def test_paging_a_whole_list_follows_the_cursor_and_caps_the_limit():
    items = [{"event_id": f"e{i}"} for i in range(7)]
    first = paged(items, {"limit": 3}, "event_id")
    assert [i["event_id"] for i in first["items"]] == ["e0", "e1", "e2"]
    second = paged(items, {"limit": 3, "cursor": first["next_cursor"]}, "event_id")
    assert [i["event_id"] for i in second["items"]] == ["e3", "e4", "e5"]
    last = paged(items, {"limit": 3, "cursor": second["next_cursor"]}, "event_id")
    assert last == {"items": [{"event_id": "e6"}], "next_cursor": None}
    assert len(paged([{"event_id": str(i)} for i in range(500)], {"limit": 1000}, "event_id")["items"]) == 100
    with pytest.raises(ValidationFailed):
        paged(items, {"cursor": "nope"}, "event_id")
