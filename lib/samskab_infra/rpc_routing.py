"""Thin RPC entrypoints call ``route``: a table maps names to handlers (as in
cosmicpython's bootstrap), and infrastructure errors become domain errors the
gateway understands."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from marshmallow import ValidationError
from nameko.extensions import DependencyProvider
from nameko.web.handlers import HttpRequestHandler

from .aggregate_store import AlreadyExists, ConflictError
from .context import SYSTEM, Context, Principal
from .errors import Conflict, NotFound, ValidationFailed
from .nameko_types import WorkerContext


def route(table: Mapping[str, Callable[..., Any]], name: str, *args: Any) -> Any:
    handler = table.get(name)
    if handler is None:
        raise NotFound(f"unknown operation {name!r}", code="operation.unknown")
    try:
        return handler(*args)
    except ValidationError as exc:
        raise ValidationFailed("the request body is invalid", details=exc.normalized_messages()) from None
    except ConflictError as exc:
        raise Conflict(str(exc), code="version.conflict",
                       details={"expected_version": exc.expected, "version": exc.actual}) from None
    except AlreadyExists as exc:
        raise Conflict(f"{exc} already exists", code="already_exists") from None


class HandlerContext(DependencyProvider):
    """Builds the handler ``Context`` from the worker: correlation and causation ids
    (set by the gateway or by the consumed event), the command id (set by the gateway
    from an Idempotency-Key) and the calling principal. RPC calls
    without a principal never get this far (samskab_infra.rpc); a public HTTP route has
    an anonymous caller with no grants; only the service's own event handlers and timers
    work as the system."""

    def get_dependency(self, worker_ctx: WorkerContext) -> Context:
        data = worker_ctx.data
        if data.get("principal"):
            principal = Principal.from_dict(data["principal"])
        elif isinstance(worker_ctx.entrypoint, HttpRequestHandler):
            principal = ANONYMOUS
        else:
            principal = SYSTEM
        return Context(
            correlation_id=data.get("correlation_id") or worker_ctx.call_id,
            causation_id=data.get("causation_id"),
            principal=principal,
            command_id=data.get("command_id") or None,
        )


ANONYMOUS = Principal(subject="anonymous")
