"""The OpenAPI document is generated from the routes and the services' schemas:
every route is in it, request bodies are closed and never carry server-owned fields."""
from __future__ import annotations

from pathlib import Path

import pytest

from gateway.api_catalogue import OPERATIONS
from gateway.docs_page import render_docs
from gateway.metrics import route_template
from gateway.openapi import PATH_PARAM, api_routes, build_spec
from gateway.service import GatewayService

pytestmark = pytest.mark.unit
SERVER_OWNED = {"status", "phase", "version", "expected_version", "created_at",
                "updated_at", "created_by", "owner", "secret", "subscription_id", "endpoint_id", "erased_at"}


@pytest.fixture(scope="module")
def spec() -> dict:
    return build_spec(GatewayService)


def _schema(spec: dict, schema: dict) -> dict:
    if "$ref" in schema:
        return spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_every_route_of_the_service_is_in_the_document_under_its_template(spec):
    routes = list(api_routes(GatewayService))
    assert len(routes) > 50
    for name, route in routes:
        path = PATH_PARAM.sub(r"{\2}", route.url)
        assert path == route_template(route.url)
        assert route.method.lower() in spec["paths"][path], f"{route.method} {path} is not documented"
        assert spec["paths"][path][route.method.lower()]["operationId"] == name
    assert sum(1 for _ in _operations(spec)) == len(routes)


def test_every_route_has_a_catalogue_entry_and_the_catalogue_names_no_missing_route():
    assert {name for name, _ in api_routes(GatewayService)} == set(OPERATIONS)


def test_request_bodies_refuse_unknown_fields_and_leave_out_path_and_server_owned_fields(spec):
    bodies = 0
    for path, method, operation in _operations(spec):
        if "requestBody" not in operation:
            continue
        bodies += 1
        schema = _schema(spec, operation["requestBody"]["content"]["application/json"]["schema"])
        assert schema["additionalProperties"] is False, f"{method} {path}"
        in_path = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
        assert not in_path & set(schema["properties"]), f"{method} {path} takes path ids in its body"
        assert not SERVER_OWNED & set(schema["properties"]), f"{method} {path} takes a server-owned field"
    assert bodies >= 30


def test_nested_schemas_are_closed_too(spec):
    for name, schema in spec["components"]["schemas"].items():
        if name != "Problem":
            assert schema["additionalProperties"] is False, name


def test_only_the_docs_are_public_and_health_and_metrics_are_not_api_operations(spec):
    public = {op["operationId"] for _, _, op in _operations(spec) if op.get("security") == []}
    assert public == {"openapi_document", "api_docs"}
    assert not {"/health/live", "/health/ready", "/metrics"} & set(spec["paths"])
    assert spec["security"] == [{"bearer": []}, {"apiKey": []}]


LISTS = {"list_initiatives", "initiative_history", "report_initiatives", "list_memberships", "contact_directory",
         "list_subscriptions", "get_feed", "list_endpoints", "endpoint_delivery_log", "list_grants", "grant_audit",
         "find_actors", "report_lessons"}


def test_every_list_is_paged_with_a_capped_limit(spec):
    paged = [op for _, _, op in _operations(spec) if "next_cursor" in str(op["responses"])]
    assert {op["operationId"] for op in paged} == LISTS
    for op in paged:
        params = {p["name"]: p for p in op["parameters"] if p["in"] == "query"}
        assert params["limit"]["schema"]["maximum"] == 100, op["operationId"]
        assert "cursor" in params, op["operationId"]


def test_initiative_lists_filter_by_district_theme_and_phase(spec):
    params = {p["name"]: p for p in spec["paths"]["/initiatives"]["get"]["parameters"]}
    assert {"district", "theme", "phase"} <= set(params)
    assert "nordjylland" in params["district"]["schema"]["enum"]


def test_errors_are_problem_documents_and_throttling_says_when_to_retry(spec):
    responses = spec["components"]["responses"]
    for status in ("400", "401", "403", "404", "422", "429", "503"):
        content = responses[f"Problem{status}"]["content"]
        assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
    assert "Retry-After" in responses["Problem429"]["headers"]
    assert "Retry-After" in responses["Problem503"]["headers"]
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "request_id"} <= set(problem["required"])


def test_versioned_commands_take_if_match_and_creating_requests_an_idempotency_key(spec):
    advance = spec["paths"]["/initiatives/{initiative_id}/phase-transitions"]["post"]
    headers = {p["name"] for p in advance["parameters"] if p["in"] == "header"}
    assert headers == {"If-Match", "Idempotency-Key"}
    assert "412" in advance["responses"]
    for _, method, op in _operations(spec):
        names = {p["name"] for p in op["parameters"]}
        assert ("Idempotency-Key" in names) == (method == "post" and op.get("security") != [])
        assert ("If-Match" in names) == OPERATIONS[op["operationId"]].versioned
    versioned = {op["operationId"] for _, _, op in _operations(spec)
                 if any(p["name"] == "If-Match" for p in op["parameters"])}
    assert {"update_actor", "give_consent", "withdraw_consent", "join_initiative", "leave_initiative",
            "join_platform", "leave_platform"} <= versioned
    assert not versioned & {"register_actor", "erase_actor", "create_initiative"}


def test_creating_operations_name_the_new_resource(spec):
    for path, operation in (("/initiatives", "create_initiative"), ("/actors", "register_actor"),
                            ("/webhook-endpoints", "register_endpoint")):
        created = spec["paths"][path]["post"]
        assert created["operationId"] == operation
        assert "Location" in created["responses"]["201"]["headers"], path


def test_a_safety_walk_route_is_an_array_of_lat_lon_pairs(spec):
    body = spec["paths"]["/initiatives/{initiative_id}/safety-walks"]["post"]["requestBody"]
    route = body["content"]["application/json"]["schema"]["properties"]["route"]
    assert route["items"]["type"] == "array"
    assert route["items"]["minItems"] == route["items"]["maxItems"] == 2
    assert route["items"]["items"]["type"] == "number"


def test_reality_check_scores_count_entries_not_characters(spec):
    body = spec["paths"]["/initiatives/{initiative_id}/platforms/{platform_id}/reality-checks"]["post"]
    scores = body["requestBody"]["content"]["application/json"]["schema"]["properties"]["scores"]
    assert scores["minProperties"] == 1
    assert "minLength" not in scores


def test_the_docs_page_lists_every_operation_and_loads_nothing_from_elsewhere(spec):
    page = render_docs(spec)
    for _, _, op in _operations(spec):
        assert f'id="{op["operationId"]}"' in page
    assert "<script" not in page
    assert "src=" not in page
    assert 'href="http' not in page
    assert "Unknown fields are refused" in page
    assert "initiatives.CreateInitiative" in page


def test_docs_api_md_lists_every_route(spec):
    text = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text()
    for path, method, _ in _operations(spec):
        assert f"| {method.upper()} | `{path}` |" in text, f"docs/api.md lacks {method.upper()} {path}"


def test_every_json_success_answer_is_typed_and_has_an_example_that_fits_it(spec):
    """The answers come from samskab_contracts.responses; the examples are made from the
    same schemas, so they validate (an end-to-end test checks real answers the same way)."""
    import jsonschema

    from tests.openapi_answers import success_schema

    typed = 0
    for _, _, op in _operations(spec):
        for status, response in op["responses"].items():
            body = response.get("content", {}).get("application/json") if status.startswith("2") else None
            if body is None:
                continue
            assert {"$ref", "properties", "items", "oneOf"} & set(body["schema"]), op["operationId"]
            _, schema = success_schema(spec, op["operationId"])
            jsonschema.Draft7Validator(schema).validate(body["example"])
            typed += 1
        if "requestBody" in op:
            assert "example" in op["requestBody"]["content"]["application/json"], op["operationId"]
    assert typed == 95


def test_every_tag_is_declared_with_a_description(spec):
    declared = {tag["name"]: tag for tag in spec["tags"]}
    used = {tag for _, _, op in _operations(spec) for tag in op["tags"]}
    assert used == set(declared)
    assert all(tag["description"] for tag in declared.values())
