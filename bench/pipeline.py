"""Pipeline benchmark: the walking skeleton end to end, where its time goes, and a naive
nameko peer measured in the same run on the same broker and store.

Prints, in one run (every process started here and stopped by PID at the end):
  1. raw kombu publish+consume msgs/s (publisher confirms, persistent) and raw store inserts/s;
  2. ours, closed loop: ``--commands`` POST /initiatives from ``--clients`` callers (the gateway's
     rate limit lifted for the run), accepted/s and end to end events/s (every InitiativeCreated
     handled by reporting), CPU-ms per command for every process (RabbitMQ and the store too),
     store operations per command by service and operation, each service's peak resident memory;
  3. ours, open loop: ``--rate`` commands/s for ``--seconds`` s, lag from "201 received" to
     "projection written" p50/p99;
  4. the naive peer (bench/peer: nameko-examples style, no outbox, no de-duplication) on the
     same closed loop, and the ratios. Both systems run side by side and their closed loops
     take turns ``--rounds`` times; the round with the median CPU per command is shown (with
     every round's), so a change in this shared machine's speed falls on both alike.
Progress is observed without touching the store: reporting logs "handled <type>" with the
correlation id the driver sent as X-Request-Id (bench/measure.py). Any failed request makes
the run exit 1 without printing a rate. The "today" column is issue 16's measurement before
this work; the targets are issue 16's.

  python bench/pipeline.py [--commands 1000] [--clients 8] [--rate 50] [--seconds 60]
                           [--messages 5000] [--inserts 3000] [--rounds 3] [--skip-peer] [--skip-lag]
                           [--flat 100000] [--profile DIR]
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
for part in ("lib", "dev", "services/initiatives", "services/actors", "services/notifications",
             "services/reporting", "gateway", "."):
    sys.path.insert(0, str(ROOT / part))

import requests  # noqa: E402
from kombu import Connection, Exchange, Queue  # noqa: E402

from bench.measure import (  # noqa: E402
    CpuMeter,
    HandledLog,
    broker_pid,
    memory_kb,
    percentile,
    store_operations_by_kind,
)
from bench.preload import fill  # noqa: E402
from bench.profiling import print_profile, sampling  # noqa: E402
from reporting.adapters.rollup_cache import refresh_after  # noqa: E402
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.mongo import make_client  # noqa: E402
from tests.harness import RABBIT_API, RABBIT_AUTH, wait_until  # noqa: E402
from tests.system import System, create_vhost, delete_vhost  # noqa: E402

BODY = {"challenge": {"text": "Indbrud"}, "themes": ["burglary_prevention"], "district": "nordjylland"}
TODAY = {"events_per_s": 52.0, "accepted_per_s": 87.0, "cpu_ms": 35.0, "store_ops": 18.0, "lag_p99_ms": 68.0}
"""Issue 16's measurement before this work (1,000 commands, 8 clients; lag at 20 commands/s)."""


class RequestFailed(RuntimeError):
    pass


@dataclass
class LoadResult:
    accepted: dict[str, float] = field(default_factory=dict)
    """X-Request-Id → when its 201 arrived (epoch s)."""
    failures: list[str] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0


def bench_broker(messages: int) -> float:
    vhost = create_vhost()
    try:
        with Connection(f"amqp://guest:guest@127.0.0.1:5672/{vhost}",
                        transport_options={"confirm_publish": True}) as connection:
            exchange = Exchange("bench", type="direct", durable=True)
            queue = Queue("bench", exchange, routing_key="bench", durable=True)
            queue(connection.channel()).declare()
            body = {"event_id": str(uuid.uuid4()), "type": "Bench", "data": {"x": "y" * 200}}
            received = 0

            def on_message(_body, message):
                nonlocal received
                received += 1
                message.ack()

            started = time.perf_counter()
            producer = connection.Producer()
            for _ in range(messages):
                producer.publish(body, exchange=exchange, routing_key="bench", delivery_mode=2,
                                 serializer="json")
            with Connection(f"amqp://guest:guest@127.0.0.1:5672/{vhost}") as consumer_connection:
                with consumer_connection.Consumer(queue, callbacks=[on_message], prefetch_count=200):
                    while received < messages:
                        consumer_connection.drain_events(timeout=10)
            return messages / (time.perf_counter() - started)
    finally:
        delete_vhost(vhost)


def bench_store(uri: str, inserts: int) -> float:
    client = make_client(uri)
    collection = client[f"bench_{uuid.uuid4().hex[:8]}"]["docs"]
    started = time.perf_counter()
    for i in range(inserts):
        collection.insert_one({"_id": f"d{i}", "title": "Tryghed i Gullestrup", "n": i})
    rate = inserts / (time.perf_counter() - started)
    client.drop_database(collection.database.name)
    client.close()
    return rate


def post_initiative(session: requests.Session, url: str, label: str, result: LoadResult) -> None:
    request_id = f"bench-{uuid.uuid4().hex}"
    try:
        response = session.post(f"{url}/initiatives", json={"title": f"Bench {label}", **BODY},
                                headers={"X-Request-Id": request_id}, timeout=60)
    except requests.RequestException as exc:
        result.failures.append(f"{type(exc).__name__}: {exc}")
        return
    if response.status_code != 201:
        result.failures.append(f"{response.status_code}: {response.text[:200]}")
        return
    result.accepted[request_id] = time.time()


def closed_loop(url: str, token: str, commands: int, clients: int) -> LoadResult:
    """``clients`` callers, each sending its next command when the last was answered."""
    result = LoadResult(started=time.time())
    queue = eventlet.queue.LightQueue()
    for i in range(commands):
        queue.put(i)

    def caller(_):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        while True:
            try:
                i = queue.get_nowait()
            except eventlet.queue.Empty:
                break
            post_initiative(session, url, str(i), result)
        session.close()

    pool = eventlet.GreenPool(clients)
    for _ in pool.imap(caller, range(clients)):
        pass
    result.finished = time.time()
    return result


def open_loop(url: str, token: str, rate: float, seconds: float) -> LoadResult:
    """A command every 1/rate s whatever the answers do (a caller per command in flight)."""
    result = LoadResult(started=time.time())
    sessions: list[requests.Session] = []
    free: list[requests.Session] = []

    def send(i: int) -> None:
        session = free.pop() if free else None
        if session is None:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"
            sessions.append(session)
        post_initiative(session, url, f"open {i}", result)
        free.append(session)

    pool = eventlet.GreenPool(1000)
    start = time.monotonic()
    for i in range(int(rate * seconds)):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            eventlet.sleep(delay)
        pool.spawn_n(send, i)
    pool.waitall()
    result.finished = time.time()
    for session in sessions:
        session.close()
    return result


def queues_drained(vhost: str) -> bool:
    queues = requests.get(f"{RABBIT_API}/api/queues/{requests.utils.quote(vhost, safe='')}",
                          auth=RABBIT_AUTH, timeout=10).json()
    return all(q.get("messages", 0) == 0 for q in queues if not q["name"].startswith("amq."))


def wait_handled(log: HandledLog, wanted: set[str], timeout: float) -> float:
    """When the last of ``wanted`` was handled (epoch s); raises on timeout."""
    deadline = time.monotonic() + timeout
    while not wanted.issubset(log.handled):
        if time.monotonic() > deadline:
            raise RequestFailed(f"{len(wanted - set(log.handled))} commands never reached the read model")
        eventlet.sleep(0.05)
        log.poll()
    return max(log.handled[rid] for rid in wanted)


@dataclass
class Figures:
    name: str
    commands: int
    accepted_per_s: float
    events_per_s: float
    cpu_ms: dict[str, float]
    store_ops: dict[str, float] = field(default_factory=dict)
    store_ops_by_kind: dict[tuple[str, str], float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    lag_ms: list[float] = field(default_factory=list)
    lag_rate: float = 0.0
    rounds_cpu: list[float] = field(default_factory=list)

    @property
    def cpu_total(self) -> float:
        return sum(self.cpu_ms.values())

    @property
    def ops_total(self) -> float:
        return sum(self.store_ops.values())


def start_ours(uri: str, store_pid: int | None) -> tuple[System, dict[str, int], dict[str, str]]:
    """Our system with the gateway's rate limit lifted: (system, pids to meter, metrics URLs)."""
    # The tests' System reads the access epoch on every request (their fixtures write grants
    # behind the gateway's back); measured here with the default freshness, as deployed.
    system = System(uri, {"GATEWAY_RATE_PER_S": "100000", "GATEWAY_RATE_BURST": "100000",
                          "GATEWAY_ACCESS_FRESHNESS_MS": "100"}).start()
    metrics = {name: f"http://127.0.0.1:{port}" for name, port in system.metrics_ports.items()}
    pids = {name: p.process.pid for name, p in system.processes.items()}
    others = {"store": store_pid, "rabbitmq": broker_pid()}
    return system, {**pids, **{k: v for k, v in others.items() if v}}, metrics


def closed_loop_figures(system: System, token: str, log: HandledLog, meter_pids: dict[str, int],
                        metrics: dict[str, str], commands: int, clients: int) -> Figures:
    """``commands`` through the closed loop, metered from the first request until every
    consumer's queue is empty."""
    kinds_before = store_operations_by_kind(metrics)
    meter = CpuMeter(meter_pids).start()
    run = closed_loop(system.url, token, commands, clients)
    check(run)
    last = wait_handled(log, set(run.accepted), 300)
    wait_until(lambda: queues_drained(system.vhost), timeout=120, message="queues drained")
    cpu = meter.stop()
    kinds_after = store_operations_by_kind(metrics)
    n = commands
    return Figures(
        "ours", n, n / (run.finished - run.started), n / (last - run.started),
        {name: seconds * 1000 / n for name, seconds in cpu.items()},
        per_process(kinds_before, kinds_after, n),
        {key: (value - kinds_before.get(key, 0)) / n for key, value in kinds_after.items()
         if value - kinds_before.get(key, 0) > 0},
    )


def per_process(before: dict[tuple[str, str], float], after: dict[tuple[str, str], float],
                commands: int) -> dict[str, float]:
    """Store operations per command of each process, from the (process, operation) counts."""
    totals: dict[str, float] = {}
    for (name, operation), count in after.items():
        totals[name] = totals.get(name, 0.0) + (count - before.get((name, operation), 0.0)) / commands
    return totals


def warm_up(system: System, token: str, log: HandledLog, commands: int = 30) -> LoadResult:
    warm = closed_loop(system.url, token, commands, 4)
    check(warm)
    wait_handled(log, set(warm.accepted), 120)
    wait_until(lambda: queues_drained(system.vhost), timeout=120, message="queues drained")
    return warm


def profiled_closed_loop(system: System, token: str, log: HandledLog, args: argparse.Namespace,
                         pids: dict[str, int]) -> None:
    """The closed loop once more with every service and the embedded store sampled by py-spy
    (not metered: the sampler slows what it samples)."""
    Path(args.profile).mkdir(parents=True, exist_ok=True)
    seconds = max(5.0, args.commands / 80)
    samplers = [sampling(pid, Path(args.profile) / f"{name}.txt", seconds)
                for name, pid in pids.items() if name != "rabbitmq"]
    run = closed_loop(system.url, token, args.commands, args.clients)
    check(run)
    wait_handled(log, set(run.accepted), 300)
    for sampler in samplers:
        sampler.wait(timeout=seconds + 30)


class Ours:
    """Our system, started once; ``round()`` is one metered closed loop."""

    def __init__(self, uri: str, store_pid: int | None, args: argparse.Namespace) -> None:
        self.args = args
        self.system, self.meter_pids, self.metrics = start_ours(uri, store_pid)
        self.token = self.system.token()
        self.log = HandledLog(self.system.processes["reporting"].log_path, "InitiativeCreated")
        warm_up(self.system, self.token, self.log)

    def round(self) -> Figures:
        return closed_loop_figures(self.system, self.token, self.log, self.meter_pids, self.metrics,
                                   self.args.commands, self.args.clients)

    def finish(self, figures: Figures) -> Figures:
        """The open loop's lag, the profile and the peak memory, added to ``figures``."""
        if self.args.profile:
            profiled_closed_loop(self.system, self.token, self.log, self.args, self.meter_pids)
        if not self.args.skip_lag:
            lagged = open_loop(self.system.url, self.token, self.args.rate, self.args.seconds)
            check(lagged)
            wait_handled(self.log, set(lagged.accepted), 120)
            figures.lag_ms = [(self.log.handled[rid] - at) * 1000 for rid, at in lagged.accepted.items()]
            figures.lag_rate = self.args.rate
        figures.peak_rss_mb = {name: memory_kb(p.process.pid)[1] / 1024
                               for name, p in self.system.processes.items()}
        return figures

    def stop(self) -> None:
        self.system.stop()


class Peer:
    """The naive peer, started once; ``round()`` is one metered closed loop."""

    def __init__(self, uri: str, store_pid: int | None, args: argparse.Namespace) -> None:
        from bench.peer.run import start_peer

        self.args = args
        self.vhost = create_vhost()
        self.peer = start_peer(uri, f"amqp://guest:guest@127.0.0.1:5672/{self.vhost}")
        database, collection = self.peer.read_model
        self.read_model = make_client(uri)[database][collection]
        self.meter_pids = {**self.peer.pids,
                           **{k: v for k, v in {"store": store_pid, "rabbitmq": broker_pid()}.items() if v}}
        warm = closed_loop(self.peer.url, self.peer.token, 30, 4)
        check(warm)
        self.expected = 30
        wait_until(lambda: self.read_model.estimated_document_count() >= self.expected, timeout=60,
                   message="peer warm")
        wait_until(lambda: queues_drained(self.vhost), timeout=60, message="peer queues drained")

    def round(self) -> Figures:
        meter = CpuMeter(self.meter_pids).start()
        run = closed_loop(self.peer.url, self.peer.token, self.args.commands, self.args.clients)
        check(run)
        # The peer writes no log line per event: its read model is counted, coarsely (every
        # 50 ms, one cheap count), which the peer's store figure then includes.
        self.expected += self.args.commands
        wait_until(lambda: self.read_model.estimated_document_count() >= self.expected, timeout=300,
                   interval=0.05, message="peer read model complete")
        last = time.time()
        wait_until(lambda: queues_drained(self.vhost), timeout=120, message="peer queues drained")
        cpu = meter.stop()
        n = self.args.commands
        return Figures("peer", n, n / (run.finished - run.started), n / (last - run.started),
                       {name: seconds * 1000 / n for name, seconds in cpu.items()},
                       peak_rss_mb={name: memory_kb(pid)[1] / 1024 for name, pid in self.peer.pids.items()})

    def stop(self) -> None:
        self.peer.stop()
        delete_vhost(self.vhost)


def median_round(rounds: list[Figures]) -> Figures:
    """The round whose CPU per command is the median (the machine's other load moves single
    rounds; every round's figure is printed too)."""
    ordered = sorted(rounds, key=lambda f: f.cpu_total)
    chosen = ordered[(len(ordered) - 1) // 2]
    chosen.rounds_cpu = [f.cpu_total for f in rounds]
    return chosen


def measure_rounds(uri: str, store_pid: int | None, args: argparse.Namespace) -> tuple[Figures, Figures | None]:
    """Ours and the peer, both running, measured in turn ``--rounds`` times, so that a change
    in this shared machine's speed falls on both alike."""
    ours = Ours(uri, store_pid, args)
    peer = None
    try:
        peer = None if args.skip_peer else Peer(uri, store_pid, args)
        our_rounds, peer_rounds = [], []
        for _ in range(args.rounds):
            our_rounds.append(ours.round())
            if peer is not None:
                peer_rounds.append(peer.round())
        if peer is not None:
            peer.stop()
            peer_figures = median_round(peer_rounds)
            peer = None
        else:
            peer_figures = None
        return ours.finish(median_round(our_rounds)), peer_figures
    finally:
        if peer is not None:
            peer.stop()
        ours.stop()


def recomputed(reporting_db, stored: int) -> float | None:
    """The cost of the national figures' last computation, once they count ``stored``."""
    for name in reporting_db.list_collection_names():
        if name.startswith("rollups"):
            header = reporting_db[name].find_one({"_id": "stored:national"})
            if header and header.get("initiatives", 0) >= stored:
                return float(header.get("cost_s", 0.0)) or 0.001
    return None


def measure_flat(uri: str, store_pid: int | None, args: argparse.Namespace) -> dict[int, Figures]:
    """CPU per command with 1,000 and with ``--flat`` initiatives stored, each in a system
    of its own on the same store (bench/preload.py fills them); ``--rounds`` closed loops
    each, the median shown."""
    results: dict[int, Figures] = {}
    for stored in (1000, args.flat):
        system, meter_pids, metrics = start_ours(uri, store_pid)
        try:
            token = system.token()
            log = HandledLog(system.processes["reporting"].log_path, "InitiativeCreated")
            seeds = min(200, stored)
            warm_up(system, token, log, seeds)
            client = make_client(uri)
            databases = [client[name] for name in client.list_database_names()
                         if name.startswith(f"{system.db_prefix}_")]
            seed_ids = {doc["_id"] for doc in client[f"{system.db_prefix}_initiatives"]["initiatives"].find(
                {}, {"_id": 1})}
            started = time.monotonic()
            print(f"storing {stored} initiatives ({len(seed_ids)} through the API, the rest copied):")
            fill(databases, seed_ids, stored // len(seed_ids) - 1)
            print(f"  done in {time.monotonic() - started:.0f} s")
            warm_up(system, token, log)
            # Measured in the steady state: once the timer has recomputed the national figures
            # at the new size (a one-off after the copies, which raised no revision); what that
            # recomputation costs, and how often it recurs, is printed apart.
            reporting_db, size = client[f"{system.db_prefix}_reporting"], stored
            cost = wait_until(lambda: recomputed(reporting_db, size), timeout=300,  # noqa: B023 - used at once
                              interval=1.0, message="national figures recomputed at the new size")
            print(f"  the national figures at {stored:,} initiatives took {cost:.2f} s to compute "
                  f"(recomputed at most every {refresh_after(cost):.0f} s while events flow, not in what follows)")
            client.close()
            results[stored] = median_round([
                closed_loop_figures(system, token, log, meter_pids, metrics, args.commands, args.clients)
                for _ in range(args.rounds)])
        finally:
            system.stop()
    return results


def check(result: LoadResult) -> None:
    if result.failures:
        raise RequestFailed(f"{len(result.failures)} requests failed, first: {result.failures[0]}")


def report(ours: Figures, peer: Figures | None, broker: float, inserts: float) -> None:
    row = "{:<62}{:>12}{:>12}{:>14}"
    print()
    print(row.format("measure", "today", "now", "target"))
    print(row.format("end to end events/s (closed loop)", f"{TODAY['events_per_s']:.0f}",
                     f"{ours.events_per_s:.1f}", ">= 150"))
    print(row.format("accepted commands/s", f"{TODAY['accepted_per_s']:.0f}", f"{ours.accepted_per_s:.1f}", ""))
    print(row.format("CPU-ms per command, every process", f"{TODAY['cpu_ms']:.1f}", f"{ours.cpu_total:.1f}",
                     "<= 12 (17)"))
    if len(ours.rounds_cpu) > 1:
        print(row.format("  each round", "", " ".join(f"{c:.1f}" for c in ours.rounds_cpu), ""))
    print(row.format("store operations per command, every service", f"{TODAY['store_ops']:.0f}",
                     f"{ours.ops_total:.1f}", "<= 6"))
    if ours.lag_ms:
        print(row.format(f"lag p50 ms at {ours.lag_rate:.0f} commands/s open loop", "34 (20/s)",
                         f"{statistics.median(ours.lag_ms):.1f}", ""))
        print(row.format(f"lag p99 ms at {ours.lag_rate:.0f} commands/s open loop", "68 (20/s)",
                         f"{percentile(ours.lag_ms, 99):.1f}", "<= 100"))
    print(row.format("largest peak resident memory of a service, MB", "",
                     f"{max(ours.peak_rss_mb.values()):.0f}", "< 200"))
    if peer is not None:
        print(row.format("naive peer: end to end events/s", "", f"{peer.events_per_s:.1f}", ""))
        print(row.format("naive peer: CPU-ms per command", "", f"{peer.cpu_total:.1f}", ""))
        if len(peer.rounds_cpu) > 1:
            print(row.format("  each round", "", " ".join(f"{c:.1f}" for c in peer.rounds_cpu), ""))
        print(row.format("ours / peer, events/s", "", f"{ours.events_per_s / peer.events_per_s:.2f}x", ">= 1.0x"))
        print(row.format("peer / ours, CPU-ms per command", "", f"{peer.cpu_total / ours.cpu_total:.2f}x", ""))
    print(row.format("raw kombu publish+consume msgs/s", "1152", f"{broker:.0f}", ""))
    print(row.format("raw store inserts/s", "", f"{inserts:.0f}", ""))
    print(row.format("ours / raw broker", "0.045", f"{ours.events_per_s / broker:.3f}", ""))
    print()
    print("where the time goes (CPU-ms per command):")
    names = sorted(set(ours.cpu_ms) | set(peer.cpu_ms if peer else {}), key=lambda n: -ours.cpu_ms.get(n, 0))
    for name in names:
        peer_part = f"   peer {peer.cpu_ms[name]:6.2f}" if peer and name in peer.cpu_ms else ""
        print(f"  {name:<16} ours {ours.cpu_ms.get(name, 0):6.2f}{peer_part}")
    if peer:
        for name in sorted(set(peer.cpu_ms) - set(ours.cpu_ms)):
            print(f"  {name:<16} ours   ----   peer {peer.cpu_ms[name]:6.2f}")
    print("store operations per command, by service and operation:")
    for (service, operation), count in sorted(ours.store_ops_by_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {service:<16}{operation:<16}{count:6.2f}")
    print("peak resident memory, MB: " + megabytes(ours.peak_rss_mb))
    if peer:
        print("peer peak resident memory, MB: " + megabytes(peer.peak_rss_mb))
    load = os.getloadavg()
    print(f"(load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; RabbitMQ is shared with anything else "
          "using it on this machine)")


def report_flat(flat: dict[int, Figures]) -> None:
    small, large = sorted(flat)
    row = "{:<50}{:>16}{:>16}{:>14}"
    print()
    print(row.format("flat cost", f"{small:,} stored", f"{large:,} stored", "target"))
    print(row.format("CPU-ms per command, every process", f"{flat[small].cpu_total:.1f}",
                     f"{flat[large].cpu_total:.1f}", "within 10 %"))
    print(row.format("  change", "", f"{(flat[large].cpu_total / flat[small].cpu_total - 1) * 100:+.1f} %", ""))
    print(row.format("  each round", " ".join(f"{c:.1f}" for c in flat[small].rounds_cpu),
                     " ".join(f"{c:.1f}" for c in flat[large].rounds_cpu), ""))
    print(row.format("store operations per command", f"{flat[small].ops_total:.1f}",
                     f"{flat[large].ops_total:.1f}", ""))
    print(row.format("end to end events/s", f"{flat[small].events_per_s:.1f}", f"{flat[large].events_per_s:.1f}",
                     ""))
    for name in sorted(flat[small].cpu_ms, key=lambda n: -flat[small].cpu_ms[n]):
        print(f"  {name:<16}{flat[small].cpu_ms[name]:8.2f}{flat[large].cpu_ms.get(name, 0):8.2f}")


def megabytes(by_process: dict[str, float]) -> str:
    return ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(by_process.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=50.0, help="open loop commands/s")
    parser.add_argument("--seconds", type=float, default=60.0, help="open loop duration")
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--inserts", type=int, default=3000)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--rounds", type=int, default=3,
                        help="closed loops of ours and the peer in turn; the median round is shown")
    parser.add_argument("--flat", type=int, default=0, metavar="N",
                        help="also measure CPU per command with 1,000 and with N initiatives stored")
    parser.add_argument("--skip-lag", action="store_true")
    parser.add_argument("--profile", metavar="DIR",
                        help="after the metered closed loop, sample every service with py-spy into DIR")
    args = parser.parse_args()
    store = None
    uri = os.environ.get("TEST_MONGO_URI")
    if not uri:
        store = EmbeddedStore().start()
        uri = store.uri
    store_pid = store.process.pid if store is not None and store.process is not None else None
    try:
        broker = bench_broker(args.messages)
        inserts = bench_store(uri, args.inserts)
        ours, peer = measure_rounds(uri, store_pid, args)
        flat = measure_flat(uri, store_pid, args) if args.flat else {}
    except RequestFailed as exc:
        print(f"benchmark failed, no rate printed: {exc}", file=sys.stderr)
        return 1
    finally:
        if store is not None:
            store.stop()
    report(ours, peer, broker, inserts)
    if flat:
        report_flat(flat)
    if args.profile:
        print_profile(args.profile)
    print(f"(commands={args.commands}, clients={args.clients}, open loop {args.rate}/s for {args.seconds} s; "
          f"store={'TEST_MONGO_URI' if not store else 'embedded nx-27017'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
