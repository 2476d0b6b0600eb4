"""``make run``: the embedded store (unless MONGO_URI is set), the broker topology,
the four services and the gateway, in the foreground. Ctrl-C stops everything."""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "services/common")]

from samskab_common.ops_http import broker_reachable  # noqa: E402
from samskab_common.settings import DEFAULT_AMQP_URI  # noqa: E402
from samskab_common.store_runner import EmbeddedStore, clear_stale_pid_file, die_with_parent  # noqa: E402

SERVICES = [
    ("initiatives", "initiatives.service:InitiativesService", 9101),
    ("actors", "actors.service:ActorsService", 9102),
    ("notifications", "notifications.service:NotificationsService", 9103),
    ("reporting", "reporting.service:ReportingService", 9104),
    ("gateway", "gateway.service:GatewayService", None),
]
PYTHONPATH = os.pathsep.join(str(ROOT / p) for p in (
    "services/common", "services/initiatives", "services/actors", "services/notifications",
    "services/reporting", "gateway"))
VAR = ROOT / "var"


def jwt_secret() -> str:
    if os.environ.get("SAMSKAB_JWT_SECRET"):
        return os.environ["SAMSKAB_JWT_SECRET"]
    path = VAR / "jwt-secret"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


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
        except (OSError, TimeoutError) as exc:
            print(f"the embedded store did not start ({exc}); trying again in {self.RETRY_S:.0f} s",
                  file=sys.stderr)


def main() -> int:
    VAR.mkdir(exist_ok=True)
    amqp_uri = os.environ.get("AMQP_URI") or DEFAULT_AMQP_URI
    if not broker_reachable(amqp_uri):
        print(f"No RabbitMQ answers at {amqp_uri}.\n"
              "Install and start one, e.g. on Debian:\n"
              "  apt-get install rabbitmq-server && rabbitmq-server -detached\n"
              "or set AMQP_URI to your broker.", file=sys.stderr)
        return 2
    store = None
    env = {**os.environ, "PYTHONPATH": PYTHONPATH, "AMQP_URI": amqp_uri,
           "SAMSKAB_JWT_SECRET": jwt_secret()}
    if not os.environ.get("MONGO_URI"):
        port = int(os.environ.get("SAMSKAB_STORE_PORT", "27017"))
        clear_stale_pid_file(VAR / f"nx-27017-{port}.pid")
        store = EmbeddedStore(port=port, data_dir=VAR / "store", run_dir=VAR).start()
        env["MONGO_URI"] = store.uri
        print(f"embedded store (nx-27017) on {store.uri}, data in {VAR / 'store'}")
    children: list[subprocess.Popen] = []

    def shutdown(*_args) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        if store is not None:
            store.stop()

    signal.signal(signal.SIGTERM, lambda *a: (shutdown(), sys.exit(0)))
    # Ctrl-C must stop everything even where a shell started us with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        subprocess.run([sys.executable, "-m", "samskab_common.topology_cli", "declare"], env=env,
                       check=True, cwd=ROOT)
        gateway_address = os.environ.get("GATEWAY_ADDRESS", "127.0.0.1:8080")
        for name, target, metrics_port in SERVICES:
            child_env = dict(env)
            if metrics_port:
                child_env["METRICS_PORT"] = str(metrics_port)
            if name == "gateway":
                child_env["WEB_SERVER_ADDRESS"] = gateway_address
            children.append(subprocess.Popen(
                [sys.executable, "-m", "nameko", "run", "--config", str(ROOT / "config.yaml"), target],
                env=child_env, cwd=ROOT, preexec_fn=die_with_parent))
        print(f"\nSamskab gateway: http://{gateway_address}  (health: /health/ready, docs: /docs)")
        print("A development token: make token ROLE=district_operator DISTRICT=nordjylland")
        print("Ctrl-C stops everything.\n")
        store_watch = StoreWatch(store)
        while all(child.poll() is None for child in children):
            store_watch.check()
            time.sleep(0.5)
        print("a service stopped; shutting down", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        shutdown()


if __name__ == "__main__":
    sys.exit(main())
