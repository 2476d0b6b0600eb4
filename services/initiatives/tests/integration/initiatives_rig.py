"""What the initiatives integration tests share: a tap on the events exchange, an RPC
caller with a principal and a correlation id, and the Hjørring – Fri for Indbrud payloads."""
from __future__ import annotations

import json
import time
import uuid

from kombu import Connection, Queue
from nameko.standalone.rpc import ServiceRpcProxy

from initiatives.domain.mapping import METHOD_GATES
from samskab_infra.context import Principal
from samskab_infra.topology import declare_exchanges, events_exchange

OPERATOR = Principal.of(subject="operator@nordjylland.politi.dk", role="district_operator",
                     district="nordjylland")
ANCHOR = {"person_id": "jsn@politi.dk", "name": "Jeanette Storm Nielsen", "email": "jsn@politi.dk"}

GATE_OVERRIDE = "test set-up: what phases 2-4 record is not what this test is about"


def through_gate(phase: str) -> dict:
    """An advance_phase payload's override of the gates of phases 3-5 (domain/mapping.py),
    for tests that walk the phases without recording the mapping, analysis and involvement."""
    return {"override_reason": GATE_OVERRIDE} if phase in METHOD_GATES else {}


HJOERRING = {
    "title": "Hjørring – Fri for Indbrud",
    "challenge": {"text": "Markant stigning i indbrud i private hjem nord for Limfjorden.",
                  "perspectives": [{"party": "Hjørring Kommune",
                                    "perspective": "Borgerne skal kende deres muligheder."}]},
    "themes": ["burglary_prevention"],
    "district": "nordjylland",
    "municipalities": ["Hjørring"],
    "vision": "Hjørring bliver den mest indbrudssikre kommune i Danmark.",
}


class EventTap:
    """A queue bound to the events exchange with ``#``: it sees every event published
    after it was declared, in publish order."""

    def __init__(self, amqp_uri: str, exchange_name: str) -> None:
        self.connection = Connection(amqp_uri)
        declare_exchanges(self.connection, exchange_name)
        queue = Queue(f"test-tap-{uuid.uuid4().hex[:8]}", exchange=events_exchange(exchange_name),
                      routing_key="#", durable=False, auto_delete=False)
        self.simple = self.connection.SimpleQueue(queue)

    def take(self, count: int, timeout: float = 10.0) -> list[dict]:
        """Exactly the next ``count`` envelopes (fails if fewer arrive in time)."""
        taken: list[dict] = []
        deadline = time.monotonic() + timeout
        while len(taken) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} events, got {[e['type'] for e in taken]}")
            try:
                message = self.simple.get(timeout=min(remaining, 1.0))
            except self.simple.Empty:
                continue
            taken.append(json.loads(message.body))
            message.ack()
        return taken

    def quiet(self, seconds: float = 0.5) -> list[dict]:
        """Whatever arrives within ``seconds`` (an empty list proves nothing was published)."""
        arrived: list[dict] = []
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                message = self.simple.get(timeout=remaining)
            except self.simple.Empty:
                break
            arrived.append(json.loads(message.body))
            message.ack()
        return arrived

    def close(self) -> None:
        """The queue goes with the test's vhost."""
        self.simple.close()
        self.connection.release()


class Caller:
    """RPC into the running initiatives container as one principal; each call carries its
    own correlation id in the context data, as the gateway's would."""

    def __init__(self, config: dict, principal: Principal | None) -> None:
        self.config = config
        self.principal = principal

    def _proxy(self, correlation_id: str | None) -> ServiceRpcProxy:
        data = {"correlation_id": correlation_id or f"test-{uuid.uuid4()}"}
        if self.principal is not None:
            data["principal"] = self.principal.to_json()
        return ServiceRpcProxy("initiatives", self.config, context_data=data, timeout=15)

    def execute(self, command: str, payload: dict, correlation_id: str | None = None) -> dict:
        with self._proxy(correlation_id) as rpc:
            return rpc.execute(command, payload)

    def query(self, name: str, params: dict) -> dict:
        with self._proxy(None) as rpc:
            return rpc.query(name, params)


def types(envelopes: list[dict]) -> list[str]:
    return [e["type"] for e in envelopes]
