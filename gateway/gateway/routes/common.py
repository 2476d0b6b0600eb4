"""What every route group shares: running a command with ETag / If-Match, and
paging lists the services answer whole (lists bounded by one owner: a person's
subscriptions, an actor's memberships); lists that grow without bound page in the
service."""
from __future__ import annotations

import re

from werkzeug.wrappers import Request

from samskab_infra.errors import ValidationFailed

from ..requests_json import MAX_PAGE, json_body, merged

ETAG = re.compile(r'^(?:W/)?"(\d+)"$')
DEFAULT_PAGE = 50


def etag(version: int | None) -> dict:
    return {"ETag": f'W/"{version}"'} if version is not None else {}


def expected_version(request: Request) -> int | None:
    """If-Match carries the version the client last saw (optimistic concurrency)."""
    header = request.headers.get("If-Match")
    if not header:
        return None
    match = ETAG.match(header.strip())
    if not match:
        raise ValidationFailed("If-Match must be an ETag from a previous response",
                               details={"If-Match": ["malformed"]})
    return int(match.group(1))


def command_payload(request: Request, **path: str) -> dict:
    return versioned(request, merged(json_body(request), **path))


def versioned(request: Request, payload: dict) -> dict:
    """The payload with If-Match as ``expected_version``, which the service checks."""
    version = expected_version(request)
    return payload if version is None else {**payload, "expected_version": version}


def page_params(params: dict) -> dict:
    """Query parameters for a service that pages itself, with the gateway's default limit."""
    return {"limit": DEFAULT_PAGE, **params}


def paged(items: list[dict], params: dict, key: str) -> dict:
    """One page of a list a service answers whole, in its order: ``limit`` items
    after the item whose ``key`` equals ``cursor``."""
    limit = min(int(params.get("limit") or DEFAULT_PAGE), MAX_PAGE)
    start = 0
    cursor = params.get("cursor")
    if cursor:
        positions = [i for i, item in enumerate(items) if str(item.get(key)) == cursor]
        if not positions:
            raise ValidationFailed("the cursor is not from this list", details={"cursor": ["unknown cursor"]})
        start = positions[0] + 1
    page = items[start:start + limit]
    more = start + limit < len(items)
    return {"items": page, "next_cursor": str(page[-1][key]) if more and page else None}
