"""Backbone benchmark: raw broker, raw store, and the walking skeleton end to end.

Prints, in one run:
  1. raw kombu publish+consume msgs/s (publisher confirms, persistent messages)
  2. raw store inserts/s (pymongo against the embedded nx-27017, or TEST_MONGO_URI)
  3. the skeleton: POST /initiatives through the gateway -> initiatives -> outbox relay ->
     RabbitMQ -> reporting projection; events/s and p50/p99 lag from "command accepted"
     (HTTP 201 received) to "projection visible" (the read model document exists)
and the ratios between them. Everything runs on this machine and stops by itself.

  python bench/pipeline.py [--messages 5000] [--inserts 3000] [--commands 300] [--clients 4]
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
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
for part in ("lib", "dev", "services/initiatives", "services/actors", "services/notifications",
             "services/reporting", "gateway", "."):
    sys.path.insert(0, str(ROOT / part))

import requests  # noqa: E402
from kombu import Connection, Exchange, Queue  # noqa: E402

from samskab_dev.store_runner import EmbeddedStore  # noqa: E402
from samskab_infra.mongo import make_client  # noqa: E402
from tests.system import System, create_vhost, delete_vhost  # noqa: E402


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


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


def bench_skeleton(uri: str, commands: int, clients: int) -> tuple[float, list[float]]:
    system = System(uri).start()
    try:
        token = system.token()
        reporting = make_client(uri)[f"{system.db_prefix}_reporting"]["initiatives"]
        accepted: dict[str, float] = {}

        def create(i: int) -> None:
            response = requests.post(f"{system.url}/initiatives", headers={"Authorization": f"Bearer {token}"},
                                     json={"title": f"Bench {i}", "challenge": {"text": "Indbrud"},
                                           "themes": ["burglary_prevention"], "district": "nordjylland"},
                                     timeout=30)
            response.raise_for_status()
            accepted[response.json()["initiative_id"]] = time.perf_counter()

        visible: dict[str, float] = {}
        started = time.perf_counter()
        pool = eventlet.GreenPool(clients)
        for i in range(commands):
            pool.spawn_n(create, i)
        deadline = time.monotonic() + 300
        while len(visible) < commands and time.monotonic() < deadline:
            missing = [i for i in accepted if i not in visible]
            if missing:
                for doc in reporting.find({"_id": {"$in": missing}}, {"_id": 1}):
                    visible[doc["_id"]] = time.perf_counter()
            eventlet.sleep(0.02)
        pool.waitall()
        elapsed = time.perf_counter() - started
        lags = [visible[i] - accepted[i] for i in visible]
        return len(visible) / elapsed, lags
    finally:
        system.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--inserts", type=int, default=3000)
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    store = None
    uri = os.environ.get("TEST_MONGO_URI")
    if not uri:
        store = EmbeddedStore().start()
        uri = store.uri
    try:
        broker = bench_broker(args.messages)
        inserts = bench_store(uri, args.inserts)
        skeleton, lags = bench_skeleton(uri, args.commands, args.clients)
    finally:
        if store is not None:
            store.stop()
    print(f"\n{'measure':<58}{'figure':>14}")
    print(f"{'raw kombu publish+consume (confirms, persistent) msgs/s':<58}{broker:>14.0f}")
    print(f"{'raw store inserts/s':<58}{inserts:>14.0f}")
    print(f"{'skeleton end-to-end events/s':<58}{skeleton:>14.1f}")
    print(f"{'skeleton lag p50 (accepted -> projection visible) ms':<58}{statistics.median(lags) * 1000:>14.1f}")
    print(f"{'skeleton lag p99 ms':<58}{percentile(lags, 99) * 1000:>14.1f}")
    print(f"{'ratio skeleton / raw broker':<58}{skeleton / broker:>14.3f}")
    print(f"{'ratio skeleton / raw store inserts':<58}{skeleton / inserts:>14.3f}")
    print(f"(commands={args.commands}, clients={args.clients}, messages={args.messages}, "
          f"inserts={args.inserts}; store={'TEST_MONGO_URI' if not store else 'embedded nx-27017'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
