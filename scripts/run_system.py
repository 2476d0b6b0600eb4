"""``make run``: the embedded store (unless MONGO_URI is set), the broker topology,
the four services, the gateway and the web pages, in the foreground. Ctrl-C stops everything.

It refuses to share: before starting anything it checks that every port it will listen
on is free, and it uses only a store it started itself (or the one MONGO_URI names).
When any process it started stops, it says which and why, and stops the rest.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# scripts/ too: it is on the path when this runs as a script, not when a test loads it.
sys.path[:0] = [str(ROOT / "lib"), str(ROOT / "dev"), str(ROOT / "scripts")]

from samskab_infra import quiet_eventlet  # noqa: E402, F401  (before anything imports eventlet)

# isort: split
from launcher.children import Child, Watched, first_stopped  # noqa: E402
from launcher.ports import LaunchError, PlannedPort, PortPlan, plan_ports, plan_web, preflight  # noqa: E402

from samskab_dev.store_runner import EmbeddedStore, StoreStartError  # noqa: E402
from samskab_infra.ops_http import broker_reachable  # noqa: E402
from samskab_infra.settings import DEFAULT_AMQP_URI  # noqa: E402

SERVICES = [
    ("initiatives", "initiatives.service:InitiativesService"),
    ("actors", "actors.service:ActorsService"),
    ("notifications", "notifications.service:NotificationsService"),
    ("reporting", "reporting.service:ReportingService"),
    ("gateway", "gateway.service:GatewayService"),
]
PYTHONPATH = os.pathsep.join(str(ROOT / p) for p in (
    "lib", "dev", "services/initiatives", "services/actors", "services/notifications",
    "services/reporting", "gateway", "web"))
GATEWAY_START_TIMEOUT_S = 120


def var_dir() -> Path:
    return Path(os.environ.get("SAMSKAB_VAR_DIR") or ROOT / "var").resolve()


def _kept_secret(var: Path, setting: str, file_name: str) -> str:
    """The setting's value, else a secret made once and kept in var/ (readable only by us)."""
    if os.environ.get(setting):
        return os.environ[setting]
    path = var / file_name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def jwt_secret(var: Path) -> str:
    return _kept_secret(var, "SAMSKAB_JWT_SECRET", "jwt-secret")


def start_web(plan: PortPlan, web: list[PlannedPort], env: dict[str, str], var: Path) -> Child:
    """The pages' process, once the gateway it calls answers."""
    pages, ops = web
    web_env = {**env, "WEB_ADDRESS": pages.address, "WEB_METRICS_PORT": str(ops.port),
               "WEB_GATEWAY_URL": f"http://{plan.gateway.address}",
               "WEB_SESSION_SECRET": _kept_secret(var, "WEB_SESSION_SECRET", "web-session-secret")}
    return Child([sys.executable, "-m", "samskab_web"], web_env, ROOT)


class StoreWatch:
    """Starts the embedded store again (same port, same data) when it exits. The services
    wait out the outage meanwhile (docs/operations.md#store-outage), so a store that went
    away for a while never takes the whole system down."""

    RETRY_S = 5.0

    def __init__(self, store: EmbeddedStore | None):
        self.store = store
        self.next_try = 0.0

    def check(self) -> None:
        store = self.store
        if store is None or store.process is None or store.process.poll() is None:
            return
        if time.monotonic() < self.next_try:
            return
        print(f"the embedded store stopped (exit code {store.process.returncode}); the services wait "
              "for it; starting it again", file=sys.stderr)
        self.next_try = time.monotonic() + self.RETRY_S
        try:
            store.start()
            print(f"embedded store back on {store.uri}", file=sys.stderr)
        except (OSError, TimeoutError, StoreStartError) as exc:
            print(f"the embedded store did not start ({exc}); trying again in {self.RETRY_S:.0f} s",
                  file=sys.stderr)


def say(message: str) -> None:
    print(f"make run: {message}", file=sys.stderr, flush=True)


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def start_services(plan: PortPlan, env: dict[str, str]) -> dict[str, Child]:
    children = {}
    for name, target in SERVICES:
        child_env = dict(env)
        if name in plan.metrics:
            child_env["METRICS_PORT"] = str(plan.metrics[name].port)
        if name == "gateway":
            child_env["WEB_SERVER_ADDRESS"] = plan.gateway.address
        children[name] = Child(
            [sys.executable, "-m", "samskab_infra.nameko_run", "run", "--config", str(ROOT / "config.yaml"), target],
            child_env, ROOT)
    return children


def wait_for_gateway(plan: PortPlan, watched: dict[str, Watched]) -> str | None:
    """None once the gateway answers; what stopped if a process stopped first."""
    deadline = time.monotonic() + GATEWAY_START_TIMEOUT_S
    while time.monotonic() < deadline and not answers(plan.gateway.host, plan.gateway.port):
        if stopped := first_stopped(watched):
            return stopped
        time.sleep(0.2)
    return first_stopped(watched)


def main() -> int:
    var = var_dir()
    try:
        plan = plan_ports(os.environ)
        web = plan_web(os.environ, plan)
        var.mkdir(parents=True, exist_ok=True)
        preflight(plan, var, web)
    except LaunchError as exc:
        say(str(exc))
        return 2
    amqp_uri = os.environ.get("AMQP_URI") or DEFAULT_AMQP_URI
    if not broker_reachable(amqp_uri):
        print(f"No RabbitMQ answers at {amqp_uri}.\n"
              "Install and start one, e.g. on Debian:\n"
              "  apt-get install rabbitmq-server && rabbitmq-server -detached\n"
              "or set AMQP_URI to your broker.", file=sys.stderr)
        return 2
    store: EmbeddedStore | None = None
    children: dict[str, Child] = {}

    def shutdown(*_args) -> None:
        for child in children.values():
            child.terminate()
        deadline = time.monotonic() + 15
        for child in children.values():
            child.wait_or_kill(max(0.1, deadline - time.monotonic()))
        if store is not None:
            store.stop()

    signal.signal(signal.SIGTERM, lambda *a: (shutdown(), sys.exit(0)))
    # Ctrl-C must stop everything even where a shell started us with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "AMQP_URI": amqp_uri, "SAMSKAB_JWT_SECRET": jwt_secret(var)}
    try:
        if plan.store is not None:
            try:
                store = EmbeddedStore(port=plan.store.port, data_dir=var / "store", run_dir=var).start()
            except StoreStartError as exc:
                say(f"{exc}\nnothing else was started; to use another port set SAMSKAB_STORE_PORT "
                    "(or MONGO_URI to use a store of your own)")
                return 1
            env["MONGO_URI"] = store.uri
            print(f"embedded store (nx-27017) on {store.uri}, data in {var / 'store'}")
        subprocess.run([sys.executable, "-m", "samskab_dev.topology_cli", "declare"], env=env,
                       check=True, cwd=ROOT)
        children.update(start_services(plan, env))
        watched: dict[str, Watched] = {**children, **({"the embedded store": store} if store else {})}
        if stopped := wait_for_gateway(plan, watched):
            say(f"{stopped}\nstopping everything")
            return 1
        children["web"] = start_web(plan, web, env, var)
        ops = plan.metrics["gateway"].address
        print(f"\nSamskab web: http://{web[0].address}  (health and metrics: http://{web[1].address}/health/ready)")
        print("  the first account: make account EMAIL=you@politi.dk ROLE=district_operator DISTRICT=nordjylland")
        print("  (asks for a password; then sign in at the address above)")
        print(f"Samskab gateway: http://{plan.gateway.address}  (docs: /docs; health and metrics: "
              f"http://{ops}/health/ready, /metrics)")
        print("A development token: make token ROLE=district_operator DISTRICT=nordjylland")
        print("Ctrl-C stops everything.\n", flush=True)
        store_watch = StoreWatch(store)
        while not (stopped := first_stopped(children)):
            store_watch.check()
            time.sleep(0.5)
        say(f"{stopped}\nstopping everything")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        shutdown()


if __name__ == "__main__":
    sys.exit(main())
