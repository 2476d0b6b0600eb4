"""The services' RPC entrypoint: nameko's, with two differences.

- A call naming no principal is refused (fail closed) instead of running as anybody.
- A store outage answers ``StoreUnavailable``: without this a worker that meets an
  unreachable store answers with a bare pymongo error, which the gateway can only report
  as 500. With it the caller gets a machine-readable 503 (code ``store_unavailable``,
  Retry-After) and the outage is counted in
  ``samskab_store_outage_waits_total{component="rpc"}``.
- Replies go out without publisher confirms (one round trip to the broker fewer per call).
  A reply lost with the broker is not a lost command: the caller's timeout answers 503 with
  Retry-After, and the retry, under the same command id, is answered from the outcome the
  save path recorded (samskab_infra.saving).
"""
from __future__ import annotations

import sys
from typing import Any

from nameko.amqp.publish import Publisher
from nameko.constants import (
    AMQP_SSL_CONFIG_KEY,
    AMQP_URI_CONFIG_KEY,
    DEFAULT_SERIALIZER,
    LOGIN_METHOD_CONFIG_KEY,
    SERIALIZER_CONFIG_KEY,
)
from nameko.rpc import Responder, Rpc, RpcConsumer, get_rpc_exchange

from .errors import StoreUnavailable, Unauthorized
from .mongo import MongoConnection
from .nameko_types import ExcInfo, Message, WorkerContext
from .store_outage import STORE_UNAVAILABLE_ERRORS, is_store_unavailable

COMPONENT = "rpc"


class UnconfirmedPublisher(Publisher):
    use_confirms = False


class UnconfirmedResponder(Responder):
    publisher_cls = UnconfirmedPublisher


class ServiceRpcConsumer(RpcConsumer):
    """nameko's RPC consumer, answering through UnconfirmedResponder."""

    def handle_result(self, message: Message, result: Any, exc_info: Any) -> tuple[Any, Any]:
        config = self.container.config
        responder = UnconfirmedResponder(
            config[AMQP_URI_CONFIG_KEY], get_rpc_exchange(config),
            config.get(SERIALIZER_CONFIG_KEY, DEFAULT_SERIALIZER), message,
            ssl=config.get(AMQP_SSL_CONFIG_KEY), login_method=config.get(LOGIN_METHOD_CONFIG_KEY))
        result, exc_info = responder.send_response(result, exc_info)
        self.queue_consumer.ack_message(message)
        return result, exc_info


class ServiceRpc(Rpc):
    connection = MongoConnection()
    rpc_consumer = ServiceRpcConsumer()

    def __init__(self, expected_exceptions: type[BaseException] | tuple[type[BaseException], ...] = (),
                 **kwargs: Any) -> None:
        expected = expected_exceptions if isinstance(expected_exceptions, tuple) else (expected_exceptions,)
        super().__init__(expected_exceptions=expected + STORE_UNAVAILABLE_ERRORS, **kwargs)

    def handle_message(self, body: Any, message: Message) -> None:
        if not self.unpack_message_headers(message).get("principal"):
            try:
                raise Unauthorized("the call names no principal", code="auth.no_principal")
            except Unauthorized:
                self.rpc_consumer.handle_result(message, None, sys.exc_info())
            return
        super().handle_message(body, message)

    def handle_result(self, message: Message, worker_ctx: WorkerContext, result: Any,
                      exc_info: ExcInfo | None) -> tuple[Any, ExcInfo | None]:
        if exc_info is not None and is_store_unavailable(exc_info[1]):
            self.connection.availability.lost(COMPONENT, exc_info[1],
                                              correlation_id=worker_ctx.data.get("correlation_id"))
            error = StoreUnavailable.now()
            exc_info = (StoreUnavailable, error, exc_info[2])
        return super().handle_result(message, worker_ctx, result, exc_info)


rpc = ServiceRpc.decorator
