"""Gateway benchmark: requests/s and p50/p99 latency of a read and a write through the
gateway, next to a bare nameko @http entrypoint calling a bare @rpc echo, at 1 and 8
concurrent clients, all in one run.

The gateway path is: HTTP -> authentication (JWT) -> rate limit -> RPC to initiatives ->
the store -> back; the write also stores its events in the outbox. The echo path has
none of that: it is the floor nameko's HTTP + RPC put under any endpoint here.
Everything (embedded store, a RabbitMQ vhost, the processes on free ports) is started
here and stopped at the end.

Beside each case it prints, from the gateway's and initiatives' own counters read before
and after the case, the store operations per request of each
(``samskab_store_operations_total``), and the CPU-ms per request each process spent
(utime + stime from /proc/<pid>/stat). The summary puts GET and POST at 8 clients next to
the echo, with the ratios measured on 3 December 2026 (0.75x, 0.53x) beside them.
``--profile DIR`` samples the gateway and initiatives with py-spy (``pip install py-spy``)
while the gateway is loaded at the most clients, and prints where their CPU went.

  python bench/gateway.py [--seconds 8] [--rounds 4] [--clients 1,8] [--profile /tmp/gateway-profile]

Each case runs ``--rounds`` times in turn for seconds / rounds, so a change in the load of
this shared machine falls on the echo and the gateway alike.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
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

from bench.measure import cpu_seconds, operations_of  # noqa: E402
from bench.profiling import print_profile, sampling  # noqa: E402
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.context import Principal  # noqa: E402
from samskab_infra.web_server import ExclusiveWebServer  # noqa: E402
from tests.harness import ServiceProcess, free_port, wait_for_rpc, wait_until  # noqa: E402
from tests.system import create_vhost, delete_vhost  # noqa: E402

BEFORE = {"GET": 0.75, "POST": 0.53}
"""The gateway / echo ratios at 8 clients measured on 3 December 2026 (issue 16)."""
TARGET = {"GET": 1.0, "POST": 0.8}

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
    return {"latencies": latencies, "elapsed": time.monotonic() - started, "errors": errors}


def summed(parts: list[dict], deltas: dict) -> dict:
    """The rounds of one case as one result, with its per-request store operations and CPU."""
    latencies = [ms for part in parts for ms in part["latencies"]]
    elapsed = sum(part["elapsed"] for part in parts)
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": percentile(latencies, 50),
            "p99": percentile(latencies, 99), "errors": sum(part["errors"] for part in parts),
            "per_request": per_request(deltas, len(latencies))}


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
        self.metrics_ports = {"gateway": free_port(), "initiatives": free_port()}
        gateway_env = {**base, "WEB_SERVER_ADDRESS": f"127.0.0.1:{self.gateway_port}",
                       "METRICS_PORT": str(self.metrics_ports["gateway"])}
        self.processes = [
            ServiceProcess("initiatives.service:InitiativesService",
                           {**base, "METRICS_PORT": str(self.metrics_ports["initiatives"])}, "initiatives"),
            ServiceProcess("gateway.service:GatewayService", gateway_env, "gateway"),
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
        for port in self.metrics_ports.values():
            wait_until(lambda p=port: _answers(f"http://127.0.0.1:{p}/metrics"), timeout=60,
                       message=f"metrics on {port}")
        return self

    def pid(self, name: str) -> int:
        return next(p.process.pid for p in self.processes if p.name == name)

    def sample(self) -> dict:
        """Store operations and CPU seconds so far of the gateway and initiatives, and the
        CPU seconds of the echo's two processes and of the store."""
        sample: dict[str, float] = {}
        for name, port in self.metrics_ports.items():
            by_command = operations_of(f"http://127.0.0.1:{port}")
            sample[f"ops:{name}"] = sum(by_command.values())
            sample.update({f"ops:{name}:{command}": count for command, count in by_command.items()})
        for name in ("gateway", "initiatives", "echo", "echo-http"):
            sample[f"cpu:{name}"] = cpu_seconds(self.pid(name))
        sample["cpu:store"] = cpu_seconds(self.store.process.pid)
        return sample

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


def per_request(deltas: dict, requests_made: int) -> dict:
    """Store operations and CPU-ms per request from the summed differences of samples."""
    n = max(requests_made, 1)
    return {key: delta / n if key.startswith("ops:") else delta * 1000 / n for key, delta in deltas.items()}


def run(seconds: float, client_counts: list[int], profile: str | None = None, rounds: int = 4) -> list[tuple]:
    """Every case ``rounds`` times in turn (seconds / rounds each), so that a change in the
    machine's load (2 shared cores) falls on the echo and the gateway alike."""
    bench = Bench()
    try:
        bench.start()
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
        parts: dict[tuple, list] = {(name, clients): [] for name in cases for clients in client_counts}
        deltas: dict[tuple, dict] = {case: {} for case in parts}
        chunk = seconds / rounds
        for round_ in range(rounds):
            for (name, clients), results in parts.items():
                samplers = []
                if profile and round_ == 0 and name.startswith("gateway") and clients == max(client_counts):
                    Path(profile).mkdir(parents=True, exist_ok=True)
                    samplers = [sampling(bench.pid(process), Path(profile) / f"{name.split()[1]}-{process}.txt",
                                         chunk) for process in ("gateway", "initiatives")]
                before = bench.sample()
                results.append(load(cases[name], clients, chunk))
                after = bench.sample()
                for key in after:
                    deltas[(name, clients)][key] = (deltas[(name, clients)].get(key, 0.0) + after[key]
                                                    - before.get(key, 0.0))
                for sampler in samplers:
                    sampler.wait(timeout=chunk + 30)
        return [(name, clients, summed(results, deltas[(name, clients)])) for (name, clients), results in parts.items()]
    finally:
        bench.stop()


def print_table(rows: list[tuple]) -> None:
    print(f"{'endpoint':36} {'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
          f" {'ops gw':>7} {'ops init':>8} {'cpu gw':>7} {'cpu init':>8} {'cpu store':>9} {'cpu echo':>8}")
    for name, clients, r in rows:
        p = r["per_request"]
        print(f"{name:36} {clients:>7} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
              f"{r['errors']:>7} {p['ops:gateway']:>7.2f} {p['ops:initiatives']:>8.2f} {p['cpu:gateway']:>7.2f} "
              f"{p['cpu:initiatives']:>8.2f} {p['cpu:store']:>9.2f} {p['cpu:echo'] + p['cpu:echo-http']:>8.2f}")
    print("(ops: store operations per request; cpu: CPU-ms per request of the gateway, of initiatives, "
          "of the store, and of the echo's two processes)")


def print_summary(rows: list[tuple], clients: int = 8) -> int:
    """GET and POST at ``clients`` against the echo in this run, with the ratios before; the
    number of targets missed."""
    by_name = {(name.split()[0], name.split()[1]): r for name, c, r in rows if c == clients}
    missed = 0
    print(f"\nat {clients} clients (load average now {os.getloadavg()[0]:.2f}, "
          f"{os.getloadavg()[1]:.2f}, {os.getloadavg()[2]:.2f}):")
    print(f"{'':6} {'gateway req/s':>14} {'echo req/s':>11} {'ratio':>7} {'before':>7} {'target':>7}"
          f" {'ops gw':>7} {'ops init':>8} {'cpu-ms gw':>10} {'cpu-ms init':>12} {'cpu-ms store':>13}")
    for method in ("GET", "POST"):
        ours, echo = by_name.get(("gateway", method)), by_name.get(("echo", method))
        if ours is None or echo is None:
            continue
        ratio = ours["rps"] / echo["rps"]
        missed += ratio < TARGET[method]
        p = ours["per_request"]
        print(f"{method:6} {ours['rps']:>14.1f} {echo['rps']:>11.1f} {ratio:>6.2f}x {BEFORE[method]:>6.2f}x"
              f" {TARGET[method]:>6.2f}x {p['ops:gateway']:>7.2f} {p['ops:initiatives']:>8.2f}"
              f" {p['cpu:gateway']:>10.2f} {p['cpu:initiatives']:>12.2f} {p['cpu:store']:>13.2f}")
    for method in ("GET", "POST"):
        ours = by_name.get(("gateway", method))
        if ours is None:
            continue
        for service in ("gateway", "initiatives"):
            commands = {key.rsplit(":", 1)[1]: v for key, v in ours["per_request"].items()
                        if key.startswith(f"ops:{service}:") and v >= 0.005}
            print(f"  {method} store operations per request in {service}: "
                  + (", ".join(f"{c} {v:.2f}" for c, v in sorted(commands.items(), key=lambda kv: -kv[1]))
                     or "none"))
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="per endpoint and client count")
    parser.add_argument("--rounds", type=int, default=4, help="cases run in turn this many times")
    parser.add_argument("--clients", default="1,8", help="comma-separated client counts")
    parser.add_argument("--profile", help="sample the gateway and initiatives with py-spy into this directory")
    args = parser.parse_args()
    rows = run(args.seconds, [int(c) for c in args.clients.split(",")], args.profile, args.rounds)
    print_table(rows)
    print_summary(rows)
    if args.profile:
        print_profile(args.profile)
    return 1 if any(r["errors"] for _, _, r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
