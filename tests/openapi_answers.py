"""Checks a real answer against the success response schema the OpenAPI document names
for its operation (OpenAPI 3.0 schemas read as JSON Schema: ``nullable`` becomes a null
type, ``$ref`` points into the document's components)."""
from __future__ import annotations

from typing import Any

import jsonschema
import requests


def _as_json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [_as_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _as_json_schema(v) for k, v in node.items() if k not in ("nullable", "example")}
    if "$ref" in out:
        out["$ref"] = out["$ref"].replace("#/components/schemas/", "#/definitions/")
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        if "$ref" in out or "oneOf" in out or "allOf" in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def success_schema(document: dict, operation_id: str) -> tuple[int, dict]:
    """(status, JSON Schema) of the operation's JSON success answer."""
    for operations in document["paths"].values():
        for operation in operations.values():
            if operation["operationId"] != operation_id:
                continue
            status = next(s for s in operation["responses"] if s.startswith("2"))
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            return int(status), {**_as_json_schema(schema),
                                 "definitions": _as_json_schema(document["components"]["schemas"])}
    raise KeyError(operation_id)


def answer_errors(document: dict, operation_id: str, response: requests.Response) -> list[str]:
    """What is wrong with a success answer: its status, or each schema violation (path: message)."""
    status, schema = success_schema(document, operation_id)
    if response.status_code != status:
        return [f"status {response.status_code}, documented {status}"]
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(response.json())]
