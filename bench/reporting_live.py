"""Reporting's live projection: store operations and CPU per event of ``on_event``.

Synthetic histories (samskab_dev.synthetic) are fed one envelope at a time through
reporting's ``handlers.events.on_event`` on a client counted by
``samskab_store_operations_total`` (the consumer's de-duplication read and mark, shared
plumbing, are not part of it), against the embedded nx-27017 (or TEST_MONGO_URI, whose
CPU is then not measured). Printed: store operations per event in all and by event type
and operation, this process's CPU-ms per event and the store process's.

  python bench/reporting_live.py [--initiatives 10] [--events 60] [--districts fyn,bornholm]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for part in ("lib", "dev", "services/reporting", "."):
    sys.path.insert(0, str(ROOT / part))

import samskab_contracts.events  # noqa: E402, F401  (registers every event type)
from bench.measure import cpu_seconds  # noqa: E402
from reporting.adapters import generations  # noqa: E402
from reporting.adapters.rollup_cache import FiguresMemo  # noqa: E402
from reporting.adapters.stores import ReportingStores, prepare_store  # noqa: E402
from reporting.handlers import events  # noqa: E402
from samskab_dev import synthetic  # noqa: E402
from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.envelope import Envelope  # noqa: E402
from samskab_infra.metrics import STORE_OPERATIONS  # noqa: E402
from samskab_infra.mongo import make_client  # noqa: E402


def operations(service: str) -> Counter:
    return Counter({sample.labels["operation"]: int(sample.value)
                    for metric in STORE_OPERATIONS.collect() for sample in metric.samples
                    if sample.name.endswith("_total") and sample.labels.get("service") == service})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=10, help="per district")
    parser.add_argument("--events", type=int, default=60, help="per initiative")
    parser.add_argument("--districts", default="fyn,bornholm")
    args = parser.parse_args()

    uri = os.environ.get("TEST_MONGO_URI")
    store = None if uri else EmbeddedStore().start()
    try:
        service = f"bench-reporting-{uuid.uuid4().hex[:6]}"
        client = make_client(uri or store.uri, service=service)
        db = client[f"bench{uuid.uuid4().hex[:8]}_reporting"]
        prepare_store(db)
        stores = ReportingStores(db, (), None, generations.PointerCache(), FiguresMemo())
        history = [Envelope(**{name: raw.get(name) for name in Envelope.__dataclass_fields__})
                   for raw in synthetic.history(args.initiatives, args.events, seed=5,
                                                districts=tuple(args.districts.split(",")))]
        by_type: dict[str, Counter] = {}
        counts: Counter = Counter()
        started = operations(service)
        cpu, store_cpu = time.process_time(), cpu_seconds(store.process.pid) if store else 0.0
        for envelope in history:
            before = operations(service)
            events.on_event(stores, envelope)
            by_type.setdefault(envelope.type, Counter()).update(operations(service) - before)
            counts[envelope.type] += 1
        cpu = time.process_time() - cpu
        store_cpu = cpu_seconds(store.process.pid) - store_cpu if store else float("nan")
        total = sum((operations(service) - started).values())
        n = len(history)
        print(f"{n} events: {total / n:.2f} store operations per event; CPU-ms per event: "
              f"this process {cpu * 1000 / n:.2f} (with the counting), store {store_cpu * 1000 / n:.2f}; "
              f"load average {os.getloadavg()[0]:.1f}")
        for event_type, count in counts.most_common():
            ops = by_type[event_type]
            detail = ", ".join(f"{op} {value / count:.2f}" for op, value in sorted(ops.items()))
            print(f"  {event_type:28s} {count:5d}  {sum(ops.values()) / count:5.2f}  ({detail})")
        client.drop_database(db.name)
        client.close()
    finally:
        if store is not None:
            store.stop()


if __name__ == "__main__":
    main()
