"""The services' RPC entrypoint: nameko's, except that a call naming no principal is
refused (fail closed) instead of running as anybody."""
from __future__ import annotations

import sys

from nameko.rpc import Rpc

from .errors import Unauthorized


class CallerRpc(Rpc):
    def handle_message(self, body, message) -> None:
        if not self.unpack_message_headers(message).get("principal"):
            try:
                raise Unauthorized("the call names no principal", code="auth.no_principal")
            except Unauthorized:
                self.rpc_consumer.handle_result(message, None, sys.exc_info())
            return
        super().handle_message(body, message)


rpc = CallerRpc.decorator
