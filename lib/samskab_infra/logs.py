"""JSON-lines logging that carries the correlation id of the current worker."""
from __future__ import annotations

import contextvars
import json
import logging
import sys
from datetime import UTC, datetime

from nameko.extensions import DependencyProvider

from .nameko_types import WorkerContext

correlation_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "correlation_id", default=None
)


class JsonFormatter(logging.Formatter):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Our lines name neither the calling function and line nor the thread or process,
        # so the logging module need not find them out for every record (its documented
        # optimisations). Set here because every process's logging (config.yaml's
        # LOGGING, configure_logging) makes this formatter: walking the stack for the
        # caller was a few per cent of a consumer's CPU at one line per event (issue 16).
        logging._srcfile = None
        logging.logThreads = False
        logging.logProcesses = False
        logging.logMultiprocessing = False

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "correlation_id": getattr(record, "correlation_id", None) or correlation_id_var.get(),
        }
        for key in ("service", "event_id", "event_type"):
            value = getattr(record, key, None)
            if value is not None:
                payload[key] = value
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("amqp", "kombu", "pymongo", "nameko.containers"):
        logging.getLogger(noisy).setLevel("WARNING")


class CorrelationContext(DependencyProvider):
    """Puts the worker's correlation id where the log formatter finds it, and
    gives handlers the id to stamp on the events they cause."""

    def worker_setup(self, worker_ctx: WorkerContext) -> None:
        correlation_id_var.set(worker_ctx.data.get("correlation_id"))

    def worker_teardown(self, worker_ctx: WorkerContext) -> None:
        correlation_id_var.set(None)

    def get_dependency(self, worker_ctx: WorkerContext) -> CorrelationIds:
        return CorrelationIds(
            correlation_id=worker_ctx.data.get("correlation_id") or worker_ctx.call_id,
            causation_id=worker_ctx.data.get("causation_id"),
            actor=worker_ctx.data.get("principal"),
        )


class CorrelationIds:
    def __init__(self, correlation_id: str, causation_id: str | None, actor: str | None) -> None:
        self.correlation_id = correlation_id
        self.causation_id = causation_id
        self.actor = actor
