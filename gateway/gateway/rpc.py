"""RPC to the services with a bounded wait: a service that is down or slow gives
503 with Retry-After, never a hung request."""
from __future__ import annotations

from typing import Any

import eventlet
from nameko.exceptions import UnknownService
from nameko.rpc import RpcProxy

from samskab_infra.errors import ServiceUnavailable
from samskab_infra.nameko_types import WorkerContext

from .settings import load_gateway_settings

RETRY_AFTER_S = 5


class TimedServiceProxy:
    """A service proxy whose calls wait at most ``timeout`` seconds (None: without limit)."""

    def __init__(self, proxy: Any, service: str, timeout: float | None) -> None:
        self._proxy = proxy
        self._service = service
        self._timeout = timeout

    def execute(self, command: str, payload: dict) -> Any:
        return self._call("execute", command, payload)

    def query(self, name: str, params: dict) -> Any:
        return self._call("query", name, params)

    def call(self, method: str, *args: Any) -> Any:
        return self._call(method, *args)

    def _call(self, method: str, *args: Any) -> Any:
        try:
            with eventlet.Timeout(self._timeout):
                reply = getattr(self._proxy, method).call_async(*args)
                return reply.result()
        except eventlet.Timeout:
            raise ServiceUnavailable(f"the {self._service} service did not answer in time",
                                     details={"retry_after": RETRY_AFTER_S}) from None
        except UnknownService:
            raise ServiceUnavailable(f"the {self._service} service is not running",
                                     details={"retry_after": RETRY_AFTER_S}) from None


class TimedRpcProxy(RpcProxy):
    """An RpcProxy whose calls give up after GATEWAY_RPC_TIMEOUT_S (or ``timeout``)."""

    def __init__(self, target_service: str, timeout: float | None = None, **options: Any) -> None:
        super().__init__(target_service, **options)
        self.timeout = timeout

    def setup(self) -> None:
        super().setup()
        if self.timeout is None:
            self.timeout = load_gateway_settings(self.container.config).rpc_timeout_s

    def get_dependency(self, worker_ctx: WorkerContext) -> TimedServiceProxy:
        return TimedServiceProxy(super().get_dependency(worker_ctx), self.target_service, self.timeout)
