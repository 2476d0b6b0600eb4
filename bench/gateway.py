"""Gateway benchmark: requests/s and p50/p99 latency of a read and a write through the
gateway, next to a bare nameko @http entrypoint calling a bare @rpc echo, at 1 and 8
concurrent clients, all in one run.

The gateway path is: HTTP -> authentication (JWT) -> rate limit -> RPC to initiatives ->
the store -> back; the write also stores its events in the outbox. The echo path has
none of that: it is the floor nameko's HTTP + RPC put under any endpoint here.
Everything (embedded store, a RabbitMQ vhost, the processes on free ports) is started
here and stopped at the end.

  python bench/gateway.py [--seconds 5] [--clients 1,8]
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import json  # noqa: E402
import secrets  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
for part in ("lib", "dev", "services/initiatives", "services/actors", "services/notifications",
             "services/reporting", "gateway", "."):
    sys.path.insert(0, str(ROOT / part))

import requests  # noqa: E402
from nameko.rpc import RpcProxy, rpc  # noqa: E402
from nameko.web.handlers import HttpRequestHandler  # noqa: E402

from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.context import Principal  # noqa: E402
from samskab_infra.web_server import ExclusiveWebServer  # noqa: E402
from tests.harness import ServiceProcess, free_port, wait_for_rpc, wait_until  # noqa: E402
from tests.system import create_vhost, delete_vhost  # noqa: E402

BODY = {"title": "Benchmark", "district": "nordjylland", "themes": ["burglary_prevention"],
        "challenge": {"text": "Mange indbrud"}, "municipalities": ["Hjørring"]}


class ExclusiveHttp(HttpRequestHandler):
    """nameko's @http on a port no other process may share, as every listener of ours."""

    server = ExclusiveWebServer()


http = ExclusiveHttp.decorator


class EchoRpc:
    """The bare RPC end of the baseline."""

    name = "bench_echo"

    @rpc
    def echo(self, payload: dict) -> dict:
        return payload


class EchoHttp:
    """The bare HTTP end of the baseline: one RPC per request, like a gateway route."""

    name = "bench_echo_http"
    echo = RpcProxy("bench_echo")

    @http("GET", "/echo")
    def get_echo(self, request):
        return json.dumps(self.echo.echo({"ok": True}))

    @http("POST", "/echo")
    def post_echo(self, request):
        return 201, json.dumps(self.echo.echo(json.loads(request.get_data())))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def load(send, clients: int, seconds: float) -> dict:
    """``clients`` green threads calling ``send`` for ``seconds``; latencies in ms."""
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds

    def client(_):
        nonlocal errors
        session = requests.Session()
        while time.monotonic() < deadline:
            started = time.monotonic()
            ok = send(session)
            latencies.append((time.monotonic() - started) * 1000)
            errors += 0 if ok else 1

    started = time.monotonic()
    pool = eventlet.GreenPool(clients)
    for _ in pool.imap(client, range(clients)):
        pass
    elapsed = time.monotonic() - started
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": percentile(latencies, 50),
            "p99": percentile(latencies, 99), "errors": errors}


class Bench:
    def __init__(self):
        self.store = EmbeddedStore().start()
        self.vhost = create_vhost()
        self.secret = secrets.token_urlsafe(48)
        self.gateway_port, self.echo_port = free_port(), free_port()
        self.prefix = f"b{uuid.uuid4().hex[:8]}"
        base = {"AMQP_URI": f"amqp://guest:guest@127.0.0.1:5672/{self.vhost}", "MONGO_URI": self.store.uri,
                "SAMSKAB_DB_PREFIX": self.prefix, "SAMSKAB_JWT_SECRET": self.secret,
                "SAMSKAB_RELAY_INTERVAL_MS": "50", "GATEWAY_RATE_PER_S": "100000",
                "GATEWAY_RATE_BURST": "100000", "LOG_LEVEL": "WARNING"}
        self.processes = [
            ServiceProcess("initiatives.service:InitiativesService", base, "initiatives"),
            ServiceProcess("gateway.service:GatewayService",
                           {**base, "WEB_SERVER_ADDRESS": f"127.0.0.1:{self.gateway_port}"}, "gateway"),
            ServiceProcess("bench.gateway:EchoRpc", base, "echo"),
            ServiceProcess("bench.gateway:EchoHttp", {**base, "WEB_SERVER_ADDRESS": f"127.0.0.1:{self.echo_port}"},
                           "echo-http"),
        ]

    def start(self) -> Bench:
        for process in self.processes:
            process.start()
        for service in ("initiatives", "bench_echo"):
            wait_for_rpc(self.vhost, service)
        for port in (self.gateway_port, self.echo_port):
            wait_until(lambda p=port: _answers(f"http://127.0.0.1:{p}/openapi.json"), timeout=60,
                       message=f"port {port} serving")
        return self

    def stop(self) -> None:
        for process in self.processes:
            process.stop()
        delete_vhost(self.vhost)
        self.store.stop()

    def token(self) -> str:
        from gateway.auth import issue_token
        from samskab_infra.mongo import make_client
        from tests.system import put_grants

        principal = Principal.of("bench@nordjylland.politi.dk", "district_operator", district="nordjylland")
        put_grants(make_client(self.store.uri)[f"{self.prefix}_gateway"], principal)
        return issue_token(self.secret, principal.subject)


def _answers(url: str) -> bool:
    try:
        requests.get(url, timeout=1)
        return True
    except requests.RequestException:
        return False


def run(seconds: float, client_counts: list[int]) -> list[tuple]:
    bench = Bench().start()
    try:
        gateway, echo = f"http://127.0.0.1:{bench.gateway_port}", f"http://127.0.0.1:{bench.echo_port}"
        auth = {"Authorization": f"Bearer {bench.token()}"}
        created = requests.post(f"{gateway}/initiatives", json=BODY, headers=auth, timeout=30)
        created.raise_for_status()
        read_url = f"{gateway}/initiatives/{created.json()['initiative_id']}"
        cases = {
            "echo GET (nameko @http + @rpc)": lambda s: s.get(f"{echo}/echo", timeout=30).status_code == 200,
            "echo POST (nameko @http + @rpc)": lambda s: s.post(f"{echo}/echo", json=BODY,
                                                                timeout=30).status_code == 201,
            "gateway GET /initiatives/{id}": lambda s: s.get(read_url, headers=auth, timeout=30).status_code == 200,
            "gateway POST /initiatives": lambda s: s.post(f"{gateway}/initiatives", json=BODY, headers=auth,
                                                          timeout=30).status_code == 201,
        }
        for send in cases.values():
            load(send, 2, 1.0)
        rows = []
        for name, send in cases.items():
            for clients in client_counts:
                result = load(send, clients, seconds)
                rows.append((name, clients, result))
        return rows
    finally:
        bench.stop()


def print_table(rows: list[tuple]) -> None:
    print(f"{'endpoint':36} {'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, clients, r in rows:
        print(f"{name:36} {clients:>7} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
              f"{r['errors']:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per endpoint and client count")
    parser.add_argument("--clients", default="1,8", help="comma-separated client counts")
    args = parser.parse_args()
    print_table(run(args.seconds, [int(c) for c in args.clients.split(",")]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
