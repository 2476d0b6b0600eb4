"""Reporting benchmark: rebuild throughput and national roll-up latency.

Synthetic histories (samskab_dev.synthetic: the contracts' example shapes, about 100
events per initiative from start-up to closure) for 12 districts. Measured, in one run:

  1. In memory, at full scale by default (12 x 1,000 initiatives x 100 events = 1.2 M):
     generating the events (reported apart), the rebuild (group + fold + derive: the
     pure projection the store-backed rebuild runs), events/s and peak memory; then
     the national roll-up over every initiative model, p50/p99 of --queries runs.
  2. Against the store (the embedded nx-27017, or TEST_MONGO_URI), at a smaller scale
     (default 12 x 100 x 100 = 120,000 events): loading the event log, then the real
     ``reporting.rebuild`` (read the log, write a new generation with its summaries, switch
     the pointer) with no grace wait (no service runs here), events/s beside today's figure
     and the target, where its time went (read / fold / write), the store operations it
     sent (samskab_store_operations_total) and the CPU seconds of this process and of the
     store; then the national roll-up query, p50/p99, four ways:
       before   - as the service answered before the compact summaries: read every model's
                  roll-up fields, roll up, suppress;
       compute  - the figures computed afresh: read every summary, tally, suppress (what a
                  cache miss or the refresh timer costs);
       stored   - the stored figures read by a process that has none yet, then suppressed;
       cached   - as the service answers: one small read (the scope's revision), suppress.

  python bench/reporting.py [--initiatives 1000] [--events 100] [--store-initiatives 100]
                            [--queries 10] [--skip-memory] [--skip-queries] [--store-floor]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
import uuid
import zlib
from pathlib import Path

import bson

ROOT = Path(__file__).resolve().parents[1]
for part in ("lib", "dev", "services/reporting", "."):
    sys.path.insert(0, str(ROOT / part))

from bench.measure import cpu_seconds  # noqa: E402
from reporting.adapters import event_log, rebuilder  # noqa: E402
from reporting.adapters.read_models import MongoReadModels  # noqa: E402
from reporting.adapters.rebuilder import rebuild  # noqa: E402
from reporting.adapters.rollup_cache import FiguresMemo  # noqa: E402
from reporting.domain.figures import scope_figures  # noqa: E402
from reporting.domain.projections import state  # noqa: E402
from reporting.domain.projections.summary import summarise  # noqa: E402
from reporting.domain.rollup import ROLLUP_FIELDS, present, rollup  # noqa: E402
from reporting.handlers.queries import get_rollup  # noqa: E402
from samskab_contracts.districts import DISTRICTS  # noqa: E402
from samskab_dev import synthetic  # noqa: E402
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.context import Context, Principal  # noqa: E402
from samskab_infra.metrics import STORE_OPERATIONS  # noqa: E402
from samskab_infra.mongo import make_client  # noqa: E402

REBUILD_TODAY = 2536
"""Events/s of the store-backed rebuild before issue 16 (one document write at a time)."""
REBUILD_TARGET = 10_000
REBUILD_SERVICE = "bench-reporting-rebuild"
"""The ``service`` label the rebuild's own store client counts its operations under."""
NATIONAL = Context(correlation_id="bench", principal=Principal.of("nfc@politi.dk", "national_centre"))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def latencies(run, queries: int) -> tuple[float, float]:
    run()  # warm-up
    timings = []
    for _ in range(queries):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 50), percentile(timings, 99)


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def bench_memory(initiatives: int, events: int, queries: int) -> None:
    generating = grouping = 0.0
    batches: dict[str, dict[str, list[dict]]] = {state.INITIATIVES: {}, state.ACTORS: {}}
    total = 0
    for number, district in enumerate(DISTRICTS):
        started = time.perf_counter()
        envelopes = list(synthetic.history(initiatives, events, seed=number, districts=(district,)))
        generating += time.perf_counter() - started
        started = time.perf_counter()
        for collection, docs in state.group(envelopes).items():
            for doc_id, batch in docs.items():
                batches[collection].setdefault(doc_id, []).extend(batch)
        grouping += time.perf_counter() - started
        total += len(envelopes)
        del envelopes
    gc.collect()
    started = time.perf_counter()
    models = {c: {i: state.fold(c, None, b) for i, b in docs.items()} for c, docs in batches.items()}
    folding = time.perf_counter() - started
    del batches
    seconds = grouping + folding
    print(f"in memory: {total:,} events, {len(models[state.INITIATIVES]):,} initiatives, "
          f"{len(models[state.ACTORS]):,} actors")
    print(f"  generating the events        {generating:8.1f} s   (not part of the rebuild)")
    print(f"  rebuild (group+fold+derive)  {seconds:8.1f} s   {total / seconds:10,.0f} events/s")
    print(f"  peak memory of the process   {peak_rss_gib():8.1f} GiB")
    chosen = list(models[state.INITIATIVES].values())
    p50, p99 = latencies(lambda: rollup(chosen, scope=None), queries)
    print(f"  national roll-up over {len(chosen):,} models: p50 {p50:,.0f} ms, p99 {p99:,.0f} ms "
          f"({queries} runs)")
    summaries = [summarise(m) for m in chosen]
    started = time.perf_counter()
    figures = scope_figures(summaries, None)
    packed = len(zlib.compress(json.dumps(figures, separators=(",", ":")).encode("utf-8")))
    print(f"  national figures from the summaries {time.perf_counter() - started:8.1f} s   "
          f"({packed / 1024 / 1024:.1f} MiB stored, compressed)")
    p50, p99 = latencies(lambda: present(figures["rollup"]), queries)
    print(f"  national roll-up from the cached figures: p50 {p50:,.0f} ms, p99 {p99:,.0f} ms "
          f"(suppression for one viewer)")


def mean_kib(collection) -> float:
    docs = list(collection.find({}).limit(50))
    return sum(len(bson.encode(d)) for d in docs) / max(1, len(docs)) / 1024


def process_cpu_s(pid: int | None) -> float | None:
    """CPU seconds (user + system) a process has used so far, from /proc; None when unknown."""
    if pid is None:
        return None
    try:
        return cpu_seconds(pid)
    except OSError:
        return None


def store_operations(service: str) -> dict[str, float]:
    return {sample.labels["operation"]: sample.value for metric in STORE_OPERATIONS.collect()
            for sample in metric.samples
            if sample.name.endswith("_total") and sample.labels["service"] == service}


def measured_rebuild(uri: str, db_name: str, store_pid: int | None):
    """The rebuild on a client of its own (its store operations counted apart), with the CPU
    seconds of this process and of the store while it ran."""
    client = make_client(uri, service=REBUILD_SERVICE)
    try:
        before_ops, before_cpu = store_operations(REBUILD_SERVICE), time.process_time()
        before_store = process_cpu_s(store_pid)
        result = rebuild(client[db_name], grace_s=0.0, retire_wait_s=0.0)
        cpu = time.process_time() - before_cpu
        after_store = process_cpu_s(store_pid)
        store_cpu = None if before_store is None or after_store is None else after_store - before_store
        after_ops = store_operations(REBUILD_SERVICE)
    finally:
        client.close()
    operations = {name: int(count - before_ops.get(name, 0)) for name, count in after_ops.items()
                  if count > before_ops.get(name, 0)}
    return result, cpu, store_cpu, operations


def print_rebuild(result, cpu: float, store_cpu: float | None, operations: dict[str, int]) -> None:
    t = result.timings
    print(f"  rebuild into generation {result.generation}   {result.seconds:8.1f} s   "
          f"{result.events_per_second:10,.0f} events/s   (today {REBUILD_TODAY:,} /s, target "
          f"≥ {REBUILD_TARGET:,} /s)")
    print(f"    written: {result.documents['initiatives']:,} initiatives (with their summaries), "
          f"{result.documents['actors']:,} actors")
    print(f"    where the time went: read {t['read']:.1f} s (the log fetched, decoded, grouped); "
          f"write phase {t['writing']:.1f} s, in which fold {t['fold']:.1f} s (this process) "
          f"overlapped the inserts {t['write']:.1f} s (the writer thread waiting on the store); "
          f"catch-up {t['catch_up']:.1f} s")
    total = sum(operations.values())
    detail = ", ".join(f"{name} {count}" for name, count in sorted(operations.items(),
                                                                    key=lambda kv: -kv[1]))
    print(f"    store operations: {total:,} ({detail}), {total / max(1, result.events) * 1000:.1f} "
          "per 1,000 events")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    if store_cpu is None:
        print(f"    CPU: this process {cpu:.1f} s (the store's not measured: not started here); "
              f"load average {load}")
        return
    print(f"    CPU: this process {cpu:.1f} s, the store {store_cpu:.1f} s "
          f"({result.events / store_cpu:,.0f} events per store CPU-second: the store works on one "
          f"core, so that is the most the rebuild can reach here); load average {load} on "
          f"{os.cpu_count()} cores")


def store_floor(db, generation: int, store_pid: int | None) -> None:
    """What the store alone needs for the rebuild's reads and writes: the whole log read as
    raw batches (nothing decoded), then the generation's documents (read back first, not
    timed) inserted into scratch collections in the rebuild's chunks. No rebuild can be
    faster than this against the same store."""
    log = db[event_log.EVENT_LOG]
    started, before = time.perf_counter(), process_cpu_s(store_pid)
    events = sum(len(bson.decode_all(raw)) for raw in log.find_raw_batches(
        {}, sort=[("occurred_at", 1)], batch_size=event_log.HISTORY_BATCH))
    read_s, read_cpu = time.perf_counter() - started, process_cpu_s(store_pid)
    chunks = {"initiatives": rebuilder.CHUNK[state.INITIATIVES],
              "initiative_summaries": rebuilder.CHUNK[state.INITIATIVES],
              "actors": rebuilder.CHUNK[state.ACTORS]}
    written, write_s, write_cpu = 0, 0.0, 0.0
    for base, chunk in chunks.items():
        docs = list(db[f"{base}_g{generation}"].find({}))
        scratch = db[f"floor_{base}"]
        scratch.create_index([("_outbox_pending", 1)])
        started, cpu = time.perf_counter(), process_cpu_s(store_pid)
        for first in range(0, len(docs), chunk):
            scratch.insert_many(docs[first:first + chunk], ordered=False)
        write_s += time.perf_counter() - started
        after = process_cpu_s(store_pid)
        write_cpu += 0.0 if after is None or cpu is None else after - cpu
        written += len(docs)
        scratch.drop()
    line = (f"  the store alone: reading the log {read_s:.1f} s, inserting the {written:,} documents "
            f"{write_s:.1f} s: {events / (read_s + write_s):,.0f} events/s at most")
    if before is not None and read_cpu is not None:
        store_cpu = read_cpu - before + write_cpu
        line += (f" (store CPU {store_cpu:.1f} s: {events / store_cpu:,.0f} events per store "
                 "CPU-second)")
    print(line)


def logged(envelope: dict, log_form: str) -> dict:
    """The event log's entry for an envelope logged when it occurred, long ago: the log's own
    (``text``) or the form before 5 December 2026 (``fields``: the envelope's own fields), which
    the rebuild still reads."""
    if log_form == "fields":
        return {**envelope, "_id": envelope["event_id"], "_logged_at": envelope["occurred_at"]}
    return event_log.entry(envelope, envelope["occurred_at"])


def bench_store(uri: str, initiatives: int, events: int, queries: int,
                store_pid: int | None = None, floor: bool = False, log_form: str = "text") -> None:
    client = make_client(uri)
    db = client[f"bench{uuid.uuid4().hex[:8]}_reporting"]
    try:
        event_log.ensure_indexes(db)
        envelopes = list(synthetic.history(initiatives, events, seed=99))
        started = time.perf_counter()
        for first in range(0, len(envelopes), 1000):  # logged when they occurred, long ago
            db[event_log.EVENT_LOG].insert_many(
                [logged(e, log_form) for e in envelopes[first:first + 1000]], ordered=False)
        loading = time.perf_counter() - started
        print(f"store (nx-27017 or TEST_MONGO_URI): {len(envelopes):,} events "
              f"({len(DISTRICTS)} districts x {initiatives} initiatives x {events} events), "
              f"logged as {log_form}")
        print(f"  loading the event log        {loading:8.1f} s   {len(envelopes) / loading:10,.0f} "
              "events/s (insert_many)")
        del envelopes
        result, cpu, store_cpu, operations = measured_rebuild(uri, db.name, store_pid)
        print_rebuild(result, cpu, store_cpu, operations)
        generation = result.generation
        if floor:
            store_floor(db, generation, store_pid)
        print(f"  stored size: an initiative model {mean_kib(db[f'initiatives_g{generation}']):.0f} "
              f"KiB, its summary {mean_kib(db[f'initiative_summaries_g{generation}']):.1f} KiB")
        models = MongoReadModels(db, generation)
        runs = {
            "before": lambda: rollup(models.initiatives(None, fields=ROLLUP_FIELDS)),
            "compute": lambda: present(scope_figures(models.summaries(None), None)["rollup"]),
            "stored": lambda: get_rollup(MongoReadModels(db, generation, FiguresMemo()), {},
                                         NATIONAL),
            "cached": lambda: get_rollup(models, {}, NATIONAL),
        }
        for name, run in runs.items():
            if not queries:
                break
            p50, p99 = latencies(run, queries)
            print(f"  national roll-up query, {name:<8} p50 {p50:8,.0f} ms, p99 {p99:8,.0f} ms "
                  f"({queries} runs)")
    finally:
        client.drop_database(db.name)
        client.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=1000, help="per district, in memory")
    parser.add_argument("--events", type=int, default=100, help="per initiative")
    parser.add_argument("--store-initiatives", type=int, default=100, help="per district, store")
    parser.add_argument("--queries", type=int, default=10)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-queries", action="store_true",
                        help="the store part stops after the rebuild")
    parser.add_argument("--store-floor", action="store_true",
                        help="also time the store alone doing the rebuild's reads and writes")
    parser.add_argument("--log-form", choices=("text", "fields"), default="text",
                        help="the event log's entries: the envelope as JSON text (today's), or its "
                             "fields (entries logged before 5 December 2026)")
    args = parser.parse_args()
    if not args.skip_memory:
        bench_memory(args.initiatives, args.events, args.queries)
    uri = os.environ.get("TEST_MONGO_URI")
    store = None if uri else EmbeddedStore().start()
    try:
        bench_store(uri or store.uri, args.store_initiatives, args.events,
                    0 if args.skip_queries else args.queries,
                    None if store is None else store.process.pid, args.store_floor, args.log_form)
    finally:
        if store is not None:
            store.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
