"""Measure the naive peer alone: N ``POST /initiatives`` from C concurrent clients.

Prints accepted/s, end-to-end events/s (every read-model document visible), and each
process's CPU time per command (utime+stime from /proc/<pid>/stat, read before and after
the run, so start-up is not counted), its resident memory, and the load average.

  .venv/bin/python bench/peer/measure.py [--commands 500] [--clients 8] [--warmup 20]

The store is an embedded nx-27017 started here (or TEST_MONGO_URI), so its CPU belongs to
this run; RabbitMQ is the machine's shared broker, so its CPU includes whatever else uses it.
Progress is observed only once every command was accepted (one find of the still missing
ids every 50 ms), so the observer does not load the store during the run.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
for part in ("lib", "dev", "."):
    sys.path.insert(0, str(ROOT / part))

import requests  # noqa: E402
from pymongo import MongoClient  # noqa: E402

from bench.peer.run import start_peer  # noqa: E402
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from tests.system import create_vhost, delete_vhost  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
BODY = {"challenge": {"text": "Indbrud"}, "themes": ["burglary_prevention"], "district": "nordjylland"}


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` in seconds (fields 14 and 15 of /proc/<pid>/stat)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def broker_pid() -> int | None:
    found = subprocess.run(["pgrep", "-x", "beam.smp"], capture_output=True, text=True).stdout.split()
    return int(found[0]) if len(found) == 1 else None


@dataclass
class Run:
    accepted: dict[str, float]
    failures: list[str]
    started: float
    all_accepted: float


def post_initiatives(url: str, token: str, commands: int, clients: int, label: str = "Bench") -> Run:
    """``commands`` POSTs from ``clients`` green threads, one keep-alive session each."""
    accepted: dict[str, float] = {}
    failures: list[str] = []
    sessions = [requests.Session() for _ in range(clients)]
    for session in sessions:
        session.headers["Authorization"] = f"Bearer {token}"
    todo = iter(range(commands))

    def client(session: requests.Session) -> None:
        for i in todo:
            try:
                response = session.post(f"{url}/initiatives", json={"title": f"{label} {i}", **BODY}, timeout=30)
            except requests.RequestException as error:
                failures.append(repr(error))
                continue
            if response.status_code == 201:
                accepted[response.json()["initiative_id"]] = time.perf_counter()
            else:
                failures.append(f"{response.status_code} {response.text[:200]}")

    started = time.perf_counter()
    pool = eventlet.GreenPool(clients)
    for session in sessions:
        pool.spawn_n(client, session)
    pool.waitall()
    all_accepted = time.perf_counter()
    for session in sessions:
        session.close()
    return Run(accepted, failures, started, all_accepted)


def wait_visible(collection, ids: list[str], timeout: float = 300.0) -> float:
    """perf_counter time at which the last of ``ids`` was seen in ``collection``."""
    missing = set(ids)
    deadline = time.monotonic() + timeout
    while missing:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(missing)} of {len(ids)} read-model documents never appeared")
        seen = {doc["_id"] for doc in collection.find({"_id": {"$in": list(missing)}}, {"_id": 1})}
        now = time.perf_counter()
        missing -= seen
        if missing:
            eventlet.sleep(0.05)
    return now


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=20, help="commands sent (and awaited) before measuring")
    args = parser.parse_args()

    store = None
    mongo_uri = os.environ.get("TEST_MONGO_URI")
    if not mongo_uri:
        store = EmbeddedStore().start()
        mongo_uri = store.uri
    vhost = create_vhost()
    peer = start_peer(mongo_uri, f"amqp://guest:guest@127.0.0.1:5672/{vhost}")
    client = MongoClient(mongo_uri)
    try:
        database, collection = peer.read_model
        read_model = client[database][collection]
        warmup = post_initiatives(peer.url, peer.token, args.warmup, args.clients, label="Warm-up")
        if warmup.failures:
            print(f"warm-up failed: {warmup.failures[:3]}", file=sys.stderr)
            return 1
        wait_visible(read_model, list(warmup.accepted))

        pids = dict(peer.pids)
        if store is not None:
            pids["store (nx-27017)"] = store.process.pid
        rabbit = broker_pid()
        if rabbit is not None:
            pids["rabbitmq (shared)"] = rabbit
        cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        load_before = os.getloadavg()
        run = post_initiatives(peer.url, peer.token, args.commands, args.clients)
        if run.failures:
            print(f"{len(run.failures)} of {args.commands} requests failed, e.g. {run.failures[:3]}: "
                  "no rate printed", file=sys.stderr)
            return 1
        all_visible = wait_visible(read_model, list(run.accepted))
        cpu = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
        memory = {name: resident_mb(pid) for name, pid in peer.pids.items()}
        load_after = os.getloadavg()
    finally:
        client.close()
        peer.stop()
        delete_vhost(vhost)
        if store is not None:
            store.stop()

    commands = len(run.accepted)
    print(f"\nnaive peer: {commands} POST /initiatives, {args.clients} clients "
          f"(after {args.warmup} warm-up commands); store: {'embedded nx-27017' if store else 'TEST_MONGO_URI'}")
    print(f"{'accepted / s':<40}{commands / (run.all_accepted - run.started):>10.1f}")
    print(f"{'end to end (all read models visible) / s':<40}{commands / (all_visible - run.started):>10.1f}")
    print(f"\n{'process':<22}{'CPU s':>8}{'CPU-ms / command':>18}{'RSS MB':>9}")
    for name in sorted(cpu, key=lambda n: -cpu[n]):
        rss = f"{memory[name]:>9.0f}" if name in memory else f"{'':>9}"
        print(f"{name:<22}{cpu[name]:>8.2f}{cpu[name] * 1000 / commands:>18.2f}{rss}")
    services = sum(cpu[name] for name in peer.pids)
    attributable = services + cpu.get("store (nx-27017)", 0.0)
    print(f"{'the five services':<22}{services:>8.2f}{services * 1000 / commands:>18.2f}")
    print(f"{'services + store':<22}{attributable:>8.2f}{attributable * 1000 / commands:>18.2f}")
    print(f"\nload average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} ({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
