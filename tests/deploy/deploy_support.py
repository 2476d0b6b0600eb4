"""Helpers for the deploy tests: brokers loaded with the deploy definitions, service fleets.

Imported by the test_deploy_* modules of this folder (pytest puts the folder on
sys.path, as it has no __init__.py).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import requests

from scripts.deploy_definitions import apply, topology_definitions
from tests.harness import RABBIT_API, RABBIT_AUTH, ROOT, ServiceProcess, free_port, queue_consumers, wait_until

DEPLOY = ROOT / "deploy/rabbitmq"
K8S = ROOT / "deploy/k8s"
COMPOSE = ROOT / "deploy/compose"
PROMETHEUS = ROOT / "deploy/prometheus"
GRAFANA = ROOT / "deploy/grafana"
KUBERNETES_VERSIONS = ("1.30", "1.37")

SERVICES = {
    "initiatives": "initiatives.service:InitiativesService",
    "actors": "actors.service:ActorsService",
    "notifications": "notifications.service:NotificationsService",
    "reporting": "reporting.service:ReportingService",
}


def quorum_vhost(documents: Iterable[dict] | None = None, api: str = RABBIT_API,
                 auth: tuple[str, str] = RABBIT_AUTH) -> str:
    """A fresh vhost on the broker loaded with deploy definitions (default: a district's
    topology, quorum queues and their policies)."""
    vhost = f"samskab_deploy_{uuid.uuid4().hex[:10]}"
    apply(api, auth, vhost, list(documents) if documents is not None else [topology_definitions()])
    requests.put(f"{api}/api/permissions/{vhost}/{auth[0]}", auth=auth, timeout=10,
                  json={"configure": ".*", "write": ".*", "read": ".*"}).raise_for_status()
    return vhost


def delete_vhost(vhost: str, api: str = RABBIT_API, auth: tuple[str, str] = RABBIT_AUTH) -> None:
    requests.delete(f"{api}/api/vhosts/{vhost}", auth=auth, timeout=60)


def queue_info(vhost: str, queue: str, api: str = RABBIT_API,
               auth: tuple[str, str] = RABBIT_AUTH) -> dict:
    response = requests.get(f"{api}/api/queues/{requests.utils.quote(vhost, safe='')}/{queue}",
                            auth=auth, timeout=10)
    response.raise_for_status()
    return response.json()


class Fleet:
    """Several ``nameko run`` processes per service: competing consumers on one queue each."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.processes: list[ServiceProcess] = []

    def start(self, service: str, instances: int, extra_env: dict[str, str] | None = None) -> None:
        for number in range(instances):
            process = ServiceProcess(SERVICES[service], {**self.env, **(extra_env or {})},
                                     name=f"{service}-{number + 1}")
            self.processes.append(process.start())

    def wait_consuming(self, vhost: str, instances: dict[str, int], timeout: float = 120) -> None:
        def ready() -> bool:
            for process in self.processes:
                if process.process is not None and process.process.poll() is not None:
                    raise AssertionError(f"{process.name} exited:\n{process.log()[-3000:]}")
            return all(queue_consumers(vhost, f"{service}.events") >= count
                       for service, count in instances.items())

        wait_until(ready, timeout=timeout, interval=0.5, message="every instance consuming")

    def handled_per_instance(self) -> Counter:
        """How many events each process logged as handled (JSON log lines)."""
        counts: Counter = Counter()
        for process in self.processes:
            counts[process.name] += process.log().count('"msg": "handled ')
        return counts

    def logs(self) -> str:
        return "\n".join(f"== {p.name}\n{p.log()[-3000:]}" for p in self.processes)

    def cpu_seconds(self) -> float:
        return sum(cpu_seconds(p.process.pid) for p in self.processes if p.process is not None)

    def stop(self) -> None:
        """SIGTERM to every process first, so they shut down side by side."""
        for process in self.processes:
            if process.process is not None and process.process.poll() is None:
                process.process.send_signal(signal.SIGTERM)
        for process in self.processes:
            process.stop()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class BrokerNode:
    """An extra RabbitMQ node on this machine, booted the way deploy/rabbitmq boots one:
    its rabbitmq.conf, enabled_plugins and a definitions folder (the deploy files plus a
    users file standing in for the secret). Own node name, ports and data folder."""

    SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"

    def __init__(self, name: str, base_dir: Path, definitions: Iterable[Path], users: dict):
        self.node = f"{name}_{uuid.uuid4().hex[:6]}@localhost"
        self.dir = base_dir / name
        self.definitions = list(definitions)
        self.users = users
        self.user, self.password = users["users"][0]["name"], users["users"][0]["password"]
        self.port, self.dist_port = free_port(), free_port()
        self.api_port, self.metrics_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None

    @property
    def amqp_uri(self) -> str:
        return self.uri_for(self.user)

    def uri_for(self, user: str) -> str:
        password = next(u["password"] for u in self.users["users"] if u["name"] == user)
        return f"amqp://{user}:{password}@127.0.0.1:{self.port}/%2F"

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def auth(self) -> tuple[str, str]:
        return self.user, self.password

    def _configure(self) -> None:
        definitions_dir = self.dir / "definitions.d"
        definitions_dir.mkdir(parents=True, exist_ok=True)
        for path in self.definitions:
            shutil.copy(path, definitions_dir / path.name)
        (definitions_dir / "90-users.json").write_text(json.dumps(self.users))
        overrides = {
            "listeners.tcp.default": None,
            "listeners.tcp.local": f"127.0.0.1:{self.port}",
            "management.tcp.port": str(self.api_port), "management.tcp.ip": "127.0.0.1",
            "prometheus.tcp.port": str(self.metrics_port), "prometheus.tcp.ip": "127.0.0.1",
            "definitions.local.path": str(definitions_dir),
        }
        lines = []
        for line in (DEPLOY / "rabbitmq.conf").read_text().splitlines():
            key = line.split("=", 1)[0].strip()
            if key not in overrides:
                lines.append(line)
        lines += [f"{key} = {value}" for key, value in overrides.items() if value is not None]
        (self.dir / "rabbitmq.conf").write_text("\n".join(lines) + "\n")
        shutil.copy(DEPLOY / "enabled_plugins", self.dir / "enabled_plugins")

    def start(self) -> BrokerNode:
        if self.process is None:
            self._configure()
        env = {**os.environ, "RABBITMQ_NODENAME": self.node, "RABBITMQ_DIST_PORT": str(self.dist_port),
               "RABBITMQ_MNESIA_BASE": str(self.dir / "mnesia"), "RABBITMQ_LOG_BASE": str(self.dir / "log"),
               "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.dir / "enabled_plugins"),
               "RABBITMQ_CONFIG_FILE": str(self.dir / "rabbitmq.conf"),
               "RABBITMQ_PID_FILE": str(self.dir / "node.pid"),
               "RABBITMQ_CONF_ENV_FILE": str(self.dir / "rabbitmq-env.conf"),
               "HOME": "/var/lib/rabbitmq"}  # the Erlang cookie rabbitmqctl uses
        (self.dir / "rabbitmq-env.conf").touch()
        log = open(self.dir / "console.log", "ab")
        self.process = subprocess.Popen([self.SERVER], env=env, stdout=log, stderr=subprocess.STDOUT,
                                        cwd=self.dir)
        log.close()
        return self

    def wait_started(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"{self.node} exited:\n{self.console()[-4000:]}")
            result = rabbitmqctl("-n", self.node, "await_startup", "--timeout", "5", check=False)
            if result.returncode == 0:
                return
            time.sleep(0.5)
        raise AssertionError(f"{self.node} did not start in {timeout}s:\n{self.console()[-4000:]}")

    def stop(self) -> None:
        """Stop the node cleanly, then make sure its process is gone (by PID)."""
        if self.process is None or self.process.poll() is not None:
            return
        rabbitmqctl("-n", self.node, "stop", check=False)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def console(self) -> str:
        path = self.dir / "console.log"
        return path.read_text(errors="replace") if path.exists() else ""


def tool(name: str, hint: str) -> str:
    """The path of a command-line tool the deploy checks need; fail with how to install it."""
    import pytest

    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: {hint}")
    return found


def rabbitmqctl(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["rabbitmqctl", *args], capture_output=True, text=True, timeout=120,
                          check=check)


def promql_expressions() -> list[str]:
    """Every PromQL expression of the alert rules and the Grafana dashboard."""
    import yaml

    alerts = yaml.safe_load((ROOT / "deploy/prometheus/alerts.yml").read_text())
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/samskab-overview.json").read_text())
    return ([rule["expr"] for group in alerts["groups"] for rule in group["rules"]]
            + [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]])
