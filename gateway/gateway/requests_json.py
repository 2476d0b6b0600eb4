"""Reading request bodies and query strings, with clear errors."""
from __future__ import annotations

import json
from typing import Any

from marshmallow import Schema, ValidationError
from werkzeug.wrappers import Request

from samskab_infra.errors import SamskabError, ValidationFailed
from samskab_infra.schemas import schema_of

MAX_PAGE = 100
"""The hard cap on ``limit`` of every list."""
SERVER_OWNED_IN_BODY = ("expected_version",)
"""Set by the gateway from headers (If-Match), never from the body."""


class UnsupportedMediaType(SamskabError):
    code = "http.415"
    status = 415


def json_body(request: Request) -> dict:
    if request.mimetype not in ("application/json", "application/merge-patch+json"):
        raise UnsupportedMediaType("send the body as application/json")
    try:
        body = json.loads(request.get_data(as_text=False) or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("the body is not valid JSON", details={"body": [str(exc)]}) from None
    except RecursionError:
        raise ValidationFailed("the body is nested too deeply", details={"body": ["nested too deeply"]}) from None
    if not isinstance(body, dict):
        raise ValidationFailed("the body must be a JSON object", details={"body": ["not an object"]})
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # "\ud800" parses, but is no character: no store or mail server can take it
        raise ValidationFailed("the body holds an unpaired surrogate (\\ud800-\\udfff)",
                               details={"body": ["not valid Unicode"]}) from None
    return body


def merged(body: dict, **server_owned: Any) -> dict:
    """The payload sent to a service: the client's body, with path parameters set by
    the server (a client cannot override them)."""
    for key in server_owned:
        if key in body and body[key] != server_owned[key]:
            raise ValidationFailed(f"{key} is taken from the URL", details={key: ["must not be sent"]})
    sent = [key for key in SERVER_OWNED_IN_BODY if key in body]
    if sent:
        raise ValidationFailed("the version is sent as If-Match, not in the body",
                               details={key: ["unknown field; send If-Match instead"] for key in sent})
    return {**body, **server_owned}


def query(request: Request, schema: type[Schema]) -> dict:
    """The query string checked by a schema (unknown parameters are refused); only the
    parameters given, so the service applies its own defaults."""
    try:
        loaded = schema_of(schema).load(request.args.to_dict())
    except ValidationError as exc:
        raise ValidationFailed("the query parameters are invalid", details=exc.normalized_messages()) from None
    return {key: value for key, value in loaded.items() if key in request.args}


def query_params(request: Request, allowed: tuple[str, ...]) -> dict:
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise ValidationFailed("unknown query parameters", details={k: ["unknown parameter"] for k in unknown})
    params: dict[str, Any] = {k: request.args.get(k) for k in allowed if request.args.get(k) not in (None, "")}
    if "limit" in params:
        try:
            limit = int(params["limit"])
        except ValueError:
            raise ValidationFailed("limit must be an integer", details={"limit": ["not an integer"]}) from None
        if not 1 <= limit <= MAX_PAGE:
            raise ValidationFailed(f"limit must be 1..{MAX_PAGE}", details={"limit": ["out of range"]})
        params["limit"] = limit
    return params
