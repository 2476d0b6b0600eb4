"""The ports ``make run`` will listen on, each with the setting that moves it, and the
preflight that refuses to start anything while one of them is taken (issue 12, failure 6:
a second system must never join the first)."""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from samskab_infra.listening import port_in_use
from samskab_infra.settings import DEFAULT_OPS_HOST

DEFAULT_GATEWAY_ADDRESS = "127.0.0.1:8080"
DEFAULT_STORE_PORT = 27017
STORE_HOST = "127.0.0.1"
# Each process's ops listener (samskab_infra.ops_http: metrics and health) binds OPS_HOST,
# read the same way the processes read it, so the preflight probes the address they will take.
DEFAULT_METRICS_PORTS = {"initiatives": 9101, "actors": 9102, "notifications": 9103, "reporting": 9104,
                         "gateway": 9105}


class LaunchError(Exception):
    """``make run`` must not start; the message says why and what to change."""


@dataclass(frozen=True)
class PlannedPort:
    what: str
    host: str
    port: int
    setting: str
    hint: str = ""

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class PortPlan:
    gateway: PlannedPort
    store: PlannedPort | None
    metrics: dict[str, PlannedPort]

    def all(self) -> list[PlannedPort]:
        return [self.gateway, *([self.store] if self.store else []), *self.metrics.values()]


def metrics_setting(service: str) -> str:
    return f"{service.upper()}_METRICS_PORT"


def _port(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name) or str(default)
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise LaunchError(f"{name} must be a port number (1-65535), got {raw!r}")
    return int(raw)


def _gateway(environ: Mapping[str, str]) -> PlannedPort:
    raw = environ.get("GATEWAY_ADDRESS") or DEFAULT_GATEWAY_ADDRESS
    match = re.fullmatch(r"(?P<host>[^:]+):(?P<port>\d+)", raw)
    if not match or not 0 < int(match["port"]) < 65536:
        raise LaunchError(f"GATEWAY_ADDRESS must be host:port, e.g. {DEFAULT_GATEWAY_ADDRESS}, got {raw!r}")
    return PlannedPort("the gateway (HTTP API)", match["host"], int(match["port"]), "GATEWAY_ADDRESS",
                       "e.g. GATEWAY_ADDRESS=127.0.0.1:8090")


def plan_ports(environ: Mapping[str, str]) -> PortPlan:
    """Every port this ``make run`` will listen on; the store's only when it starts one."""
    store = None
    if not environ.get("MONGO_URI"):
        store = PlannedPort("the embedded store (nx-27017)", STORE_HOST,
                            _port(environ, "SAMSKAB_STORE_PORT", DEFAULT_STORE_PORT), "SAMSKAB_STORE_PORT",
                            "or MONGO_URI to use a store of your own")
    ops_host = environ.get("OPS_HOST") or DEFAULT_OPS_HOST
    metrics = {
        service: PlannedPort(f"metrics and health of {service}", ops_host,
                             _port(environ, metrics_setting(service), default), metrics_setting(service))
        for service, default in DEFAULT_METRICS_PORTS.items()
    }
    plan = PortPlan(_gateway(environ), store, metrics)
    _refuse_duplicates(plan)
    return plan


DEFAULT_WEB_ADDRESS = "127.0.0.1:8081"
DEFAULT_WEB_METRICS_PORT = 9106


def plan_web(environ: Mapping[str, str], plan: PortPlan) -> list[PlannedPort]:
    """The web pages' port and their ops port (samskab_web reads the same settings)."""
    raw = environ.get("WEB_ADDRESS") or DEFAULT_WEB_ADDRESS
    match = re.fullmatch(r"(?P<host>[^:]+):(?P<port>\d+)", raw)
    if not match or not 0 < int(match["port"]) < 65536:
        raise LaunchError(f"WEB_ADDRESS must be host:port, e.g. {DEFAULT_WEB_ADDRESS}, got {raw!r}")
    web = [PlannedPort("the web pages", match["host"], int(match["port"]), "WEB_ADDRESS",
                       "e.g. WEB_ADDRESS=127.0.0.1:8091"),
           PlannedPort("metrics and health of web", plan.metrics["gateway"].host,
                       _port(environ, "WEB_METRICS_PORT", DEFAULT_WEB_METRICS_PORT), "WEB_METRICS_PORT")]
    _refuse_duplicates(plan, web)
    return web


def _refuse_duplicates(plan: PortPlan, extra: list[PlannedPort] = ()) -> None:
    seen: dict[int, PlannedPort] = {}
    for planned in [*plan.all(), *extra]:
        if planned.port in seen:
            raise LaunchError(f"{planned.setting} and {seen[planned.port].setting} both choose port "
                              f"{planned.port}; give each its own")
        seen[planned.port] = planned


def store_users(var_dir: Path) -> list[int]:
    """Live nx-27017 processes whose pid files are in ``var_dir``: another ``make run`` of
    this checkout, on another port, writing the same store files."""
    users = []
    for pid_file in sorted(var_dir.glob("nx-27017-*.pid")):
        try:
            pid = int(pid_file.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and b"nx-27017" in cmdline:
            users.append(pid)
    return users


def preflight(plan: PortPlan, var_dir: Path, extra: list[PlannedPort] = ()) -> None:
    """Raise LaunchError naming every taken port (and the setting that moves it)."""
    problems = [f"  {p.address:<22} {p.what}: set {p.setting}" + (f" ({p.hint})" if p.hint else "")
                for p in [*plan.all(), *extra] if port_in_use(p.host, p.port)]
    if plan.store is not None:
        problems += [f"  {var_dir / 'store'} is the store of another make run (nx-27017, pid {pid}): "
                     "stop it, or set SAMSKAB_VAR_DIR to another directory" for pid in store_users(var_dir)]
    if problems:
        raise LaunchError("these are in use by another process (is another Samskab running?); "
                          "nothing was started:\n" + "\n".join(problems))
