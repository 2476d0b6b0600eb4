"""What every route group shares: running a command with ETag / If-Match."""
from __future__ import annotations

import re

from samskab_common.errors import ValidationFailed

from ..requests_json import json_body, merged

ETAG = re.compile(r'^(?:W/)?"(\d+)"$')


def etag(version) -> dict:
    return {"ETag": f'W/"{version}"'} if version is not None else {}


def expected_version(request) -> int | None:
    """If-Match carries the version the client last saw (optimistic concurrency)."""
    header = request.headers.get("If-Match")
    if not header:
        return None
    match = ETAG.match(header.strip())
    if not match:
        raise ValidationFailed("If-Match must be an ETag from a previous response",
                               details={"If-Match": ["malformed"]})
    return int(match.group(1))


def command_payload(request, **path) -> dict:
    payload = merged(json_body(request), **path)
    version = expected_version(request)
    if version is not None:
        payload["expected_version"] = version
    return payload
