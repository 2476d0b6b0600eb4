"""The OpenAPI 3 document, built from GatewayService's routes, the route catalogue
(api_catalogue.py) and the services' own marshmallow schemas (apispec with its
MarshmallowPlugin), so the document cannot drift from what is validated."""
from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import INCLUDE, Schema, fields
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from .api_catalogue import OPERATIONS, TAGS, Operation
from .entrypoints import ApiEntrypoint
from .idempotency import HEADER as IDEMPOTENCY_HEADER
from .idempotency import REPLAYED_HEADER
from .metrics import route_template
from .openapi_examples import example_of
from .openapi_fields import register_field_rules
from .problems import PROBLEM_JSON, TITLES
from .requests_json import SERVER_OWNED_IN_BODY

OPENAPI_VERSION = "3.0.3"
API_VERSION = "1.0.0"
MAX_ID_LENGTH = {"string": 100, "path": 500}
"""Ids in paths: the services' ids are at most 100 characters, feed and delivery ids 500."""
PATH_PARAM = re.compile(r"<(?:([^:<>]+):)?([^<>]+)>")
DESCRIPTION = """One REST/JSON API over the Samskab services: initiatives and the co-creation method,
actors and membership, reports, notifications and webhooks.

* **Authentication**: a bearer token (`Authorization: Bearer <JWT>`) or an API key (`X-API-Key`) on
  every operation except this documentation. (Health and metrics are not part of this API: they
  are served on a separate operations port.) The services decide what each role
  may see and change (403 when not allowed).
* **Errors** are `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail`, `code`
  and `request_id`; validation errors list each field under `errors`.
* **Request bodies** reject unknown fields. Ids in the path are set by the server and must not be sent
  in the body; neither may server-owned fields (ids, status, phase, version, owner, timestamps).
* **Concurrency**: initiatives, actors and memberships carry their version as `ETag`; send it back as
  `If-Match` on an operation that lists that header to change only the version you saw (412 when it
  changed meanwhile). Without `If-Match` the change is made to the current version, whoever wrote
  meanwhile. Other operations refuse `If-Match` (400) rather than ignore it.
* **Retries**: send an `Idempotency-Key` with a POST; a retry with the same key and the same request
  gets the first answer again (for 24 hours), never a second creation, also after a 503: the service
  knows the command by the key and answers its first outcome.
* **Lists** answer `{"items": [...], "next_cursor": ...}`, paged with `limit` (1-100, default 50) and
  `cursor` (the previous page's `next_cursor`, opaque; `null` on the last page).
* **Limits**: requests per caller are rate limited across all gateway replicas (429 `rate_limited` with
  `Retry-After`), and so is a client address after repeated failed authentications (429
  `auth.too_many_failures`); a service that does not
  answer in time gives 503 with `Retry-After` (code `service_unavailable`), and so does every request
  that needs the data store while it cannot be reached (code `store_unavailable`).
"""


class ProblemSchema(Schema):
    """An error (RFC 9457 problem details)."""

    class Meta:
        unknown = INCLUDE

    type = fields.Str(required=True, metadata={"description": "a URI naming the kind of problem"})
    title = fields.Str(required=True)
    status = fields.Int(required=True)
    detail = fields.Str(required=True)
    code = fields.Str(required=True, metadata={"description": "machine-readable code, e.g. phase.gate.x"})
    request_id = fields.Str(required=True, metadata={"description": "the X-Request-Id of the request"})
    errors = fields.Dict(metadata={"description": "field -> messages, for validation errors"})
    details = fields.Dict()


NEXT_CURSOR = {"type": "string", "nullable": True,
               "description": "pass as cursor for the next page; null on the last page"}
OPENAPI_OBJECT = {"type": "object", "required": ["openapi", "info", "paths"], "properties": {
    "openapi": {"type": "string"}, "info": {"type": "object"}, "paths": {"type": "object"},
    "components": {"type": "object"}, "security": {"type": "array", "items": {"type": "object"}},
    "tags": {"type": "array", "items": {"type": "object"}}},
    "description": "an OpenAPI 3.0 document (https://spec.openapis.org/oas/v3.0.3)"}
HEADERS = {
    "ETag": {"description": "the version of the resource; send it as If-Match", "schema": {"type": "string"}},
    "Location": {"description": "where the new resource lives", "schema": {"type": "string"}},
    "Retry-After": {"description": "seconds to wait before retrying", "schema": {"type": "integer"}},
    REPLAYED_HEADER: {"description": "true when this is the stored answer to an earlier request "
                                     "with the same Idempotency-Key", "schema": {"type": "string"}},
}
RETRY_STATUSES = (409, 429, 503)


def schema_name(schema: Schema | type[Schema]) -> str:
    """Component names carry the owning service (``initiatives.Person``; an answer's
    ``initiatives.InitiativeView``); a schema with fields left out is written inline."""
    if not isinstance(schema, type) and (schema.exclude or schema.only):
        return None  # type: ignore[return-value]  # apispec: None means "write it inline"
    cls = schema if isinstance(schema, type) else type(schema)
    # samskab_contracts.commands.initiatives -> initiatives; gateway.query_schemas -> gateway
    module = cls.__module__
    owner = module.rsplit(".", 1)[-1] if module.startswith("samskab_contracts.") else module.split(".")[0]
    # what is answered (samskab_contracts.responses) is named apart from what is sent
    answer = "View" if module.startswith("samskab_contracts.responses.") else ""
    return f"{owner}.{cls.__name__.removesuffix('Schema')}{answer}"


def api_routes(service_cls: type) -> Iterator[tuple[str, ApiEntrypoint]]:
    """(method name, entrypoint) of every @api route of the service class."""
    for name, method in inspect.getmembers(service_cls, inspect.isfunction):
        for extension in getattr(method, ENTRYPOINT_EXTENSIONS_ATTR, ()):
            if isinstance(extension, ApiEntrypoint):
                yield name, extension


def _path_parameters(url: str) -> list[dict]:
    params = []
    for converter, name in PATH_PARAM.findall(url):
        description = "may contain /" if converter == "path" else ""
        params.append({"in": "path", "name": name, "required": True, "description": description,
                       "schema": {"type": "string", "minLength": 1, "maxLength": MAX_ID_LENGTH[converter or "string"]}})
    return params


def _request_body(op: Operation, path_names: set[str]) -> dict | None:
    if op.body is None:
        return None
    declared = set(op.body._declared_fields)
    left_out = sorted(declared & (path_names | set(SERVER_OWNED_IN_BODY)))
    schema = op.body(exclude=left_out) if left_out else op.body
    required = any(f.required for n, f in op.body._declared_fields.items() if n not in left_out)
    example = example_of(op.body, exclude=set(left_out))
    return {"required": required, "content": {"application/json": {"schema": schema, "example": example}}}


def _page(op: Operation) -> tuple[dict, dict]:
    """``{"items": [...], "next_cursor": ...}`` (plus any lists the page carries beside)."""
    answer = op.answer
    assert answer is not None and not isinstance(answer, tuple), "a page lists one kind of item"
    properties: dict[str, Any] = {"items": {"type": "array", "items": answer}, "next_cursor": NEXT_CURSOR}
    required = ["items", "next_cursor"]
    schema = {"type": "object", "required": required, "additionalProperties": False, "properties": properties}
    example: dict[str, Any] = {"items": [example_of(answer)], "next_cursor": None}
    for key, item in op.page_also:
        properties[key] = {"type": "array", "items": item}
        required.append(key)
        example[key] = [example_of(item)]
    return schema, example


def _json_answer(op: Operation) -> tuple[Any, dict | list]:
    """The JSON success body's schema and an example made from it."""
    if op.answer is None:
        return OPENAPI_OBJECT, {"openapi": OPENAPI_VERSION, "info": {"title": "Samskab API",
                                                                     "version": API_VERSION}, "paths": {}}
    if op.page:
        return _page(op)
    alternatives = op.answer if isinstance(op.answer, tuple) else (op.answer,)
    item = {"oneOf": list(alternatives)} if len(alternatives) > 1 else alternatives[0]
    example = example_of(alternatives[0])
    if op.rows:
        return {"type": "array", "items": item}, [example]
    return item, example


def _success(op: Operation, method: str) -> dict:
    headers = {}
    if op.etag or op.versioned:
        headers["ETag"] = HEADERS["ETag"]
    if op.location:
        headers["Location"] = HEADERS["Location"]
    if method == "post" and not op.public:
        headers[REPLAYED_HEADER] = HEADERS[REPLAYED_HEADER]
    content = {}
    for media in op.media:
        if media == "application/json":
            schema, example = _json_answer(op)
            content[media] = {"schema": schema, "example": example}
        else:
            content[media] = {"schema": {"type": "string"}}
    response = {"description": op.response, "content": content}
    if headers:
        response["headers"] = headers
    return response


def _error_statuses(op: Operation, method: str) -> list[int]:
    if op.public:
        return list(op.errors)
    statuses = [400, 401, 403, 404, 429, 500, 503]
    if method in ("post", "put", "patch", "delete"):
        statuses += [409, 413, 415, 422]
    if op.versioned:
        statuses.append(412)
    return sorted(statuses)


def _responses(op: Operation, method: str) -> dict:
    responses: dict[str, Any] = {str(op.status): _success(op, method)}
    if method == "get" and op.etag:
        responses["304"] = {"description": "not modified: If-None-Match names the current ETag",
                            "headers": {"ETag": HEADERS["ETag"]}}
    for status in _error_statuses(op, method):
        responses[str(status)] = f"Problem{status}"
    return responses


def _parameters(op: Operation, url: str, method: str) -> list[dict]:
    params = _path_parameters(url)
    if op.query is not None:
        params.append({"in": "query", "schema": op.query})
    if op.versioned and method != "get":
        params.append({"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
                       "description": "the ETag you last saw; the change is refused (412) if it is stale"})
    if op.etag and method == "get":
        params.append({"in": "header", "name": "If-None-Match", "required": False,
                       "schema": {"type": "string"}, "description": "answer 304 if the ETag still holds"})
    if method == "post" and not op.public:
        params.append({"in": "header", "name": IDEMPOTENCY_HEADER, "required": False,
                       "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                       "description": "makes retries safe: the same key and request get the first answer"})
    return params


def _operation(name: str, route: ApiEntrypoint, op: Operation) -> dict:
    method = route.method.lower()
    path_names = {n for _, n in PATH_PARAM.findall(route.url)}
    operation = {"operationId": name, "summary": op.summary, "tags": [op.tag],
                 "parameters": _parameters(op, route.url, method), "responses": _responses(op, method)}
    if op.public:
        operation["security"] = []
    body = _request_body(op, path_names)
    if body is not None:
        operation["requestBody"] = body
    answers = f"Answers {op.response} ({op.status})."
    operation["description"] = (f"{answers} Paged: at most 100 items per page; follow next_cursor."
                                if op.page else answers)
    return operation


def _components(spec: APISpec, used_problems: set[str]) -> None:
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    spec.components.security_scheme("apiKey", {"type": "apiKey", "in": "header", "name": "X-API-Key"})
    spec.components.schema("Problem", schema=ProblemSchema)
    for status, title in sorted(TITLES.items()):
        if f"Problem{status}" not in used_problems:
            continue
        response = {"description": title, "content": {PROBLEM_JSON: {"schema": "Problem"}}}
        if status in RETRY_STATUSES:
            response["headers"] = {"Retry-After": HEADERS["Retry-After"]}
        spec.components.response(f"Problem{status}", response)


def undescribed(name: str, route: ApiEntrypoint) -> Operation:
    """A route missing from api_catalogue is still listed (a unit test insists on the catalogue)."""
    return Operation(summary=name.replace("_", " ").capitalize(), tag="Other", response="see the service",
                     public=route.public)


def build_spec(service_cls: type) -> dict:
    plugin = MarshmallowPlugin(schema_name_resolver=schema_name)
    spec = APISpec(title="Samskab API", version=API_VERSION, openapi_version=OPENAPI_VERSION,
                   plugins=[plugin], info={"description": DESCRIPTION}, servers=[{"url": "/"}],
                   security=[{"bearer": []}, {"apiKey": []}])
    for tag, description in TAGS.items():
        spec.tag({"name": tag, "description": description})
    register_field_rules(plugin)
    paths: dict[str, dict] = {}
    for name, route in sorted(api_routes(service_cls), key=lambda item: item[1].url):
        op = OPERATIONS.get(name) or undescribed(name, route)
        paths.setdefault(route_template(route.url), {})[route.method.lower()] = _operation(name, route, op)
    used = {answer for operations in paths.values() for operation in operations.values()
            for answer in operation["responses"].values() if isinstance(answer, str)}
    _components(spec, used)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


@lru_cache(maxsize=4)
def openapi_document(service_cls: type) -> dict:
    """Built once per process: the routes and schemas do not change while it runs."""
    return build_spec(service_cls)


if __name__ == "__main__":
    # scripts/openapi-check lints the document as GET /openapi.json serves it.
    import json
    import sys

    from .service import GatewayService

    json.dump(build_spec(GatewayService), sys.stdout, ensure_ascii=False, indent=1)
