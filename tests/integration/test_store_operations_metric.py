"""The store-operations counter counts what a process really sends to a real store."""
from __future__ import annotations

import uuid

from samskab_infra.metrics import STORE_OPERATIONS
from samskab_infra.mongo import make_client


def _count(service: str, operation: str) -> float:
    return STORE_OPERATIONS.labels(service, operation)._value.get()


def test_every_command_sent_to_the_store_is_counted_by_service_and_operation(mongo_uri):
    service = f"svc{uuid.uuid4().hex[:6]}"
    client = make_client(mongo_uri, service=service)
    try:
        collection = client[f"ops{uuid.uuid4().hex[:8]}"]["docs"]
        collection.insert_one({"_id": "a"})
        collection.insert_many([{"_id": "b"}, {"_id": "c"}])  # one operation, three documents
        collection.find_one({"_id": "a"})
        collection.update_one({"_id": "a"}, {"$set": {"x": 1}})
        assert _count(service, "insert") == 2
        assert _count(service, "find") == 1
        assert _count(service, "update") == 1
        client.drop_database(collection.database.name)
    finally:
        client.close()


def test_a_client_made_without_a_service_name_counts_nothing(mongo_uri):
    before = sum(sample.value for metric in STORE_OPERATIONS.collect() for sample in metric.samples
                 if sample.name.endswith("_total"))
    client = make_client(mongo_uri)
    try:
        client["opsnone"]["docs"].find_one({})
    finally:
        client.close()
    after = sum(sample.value for metric in STORE_OPERATIONS.collect() for sample in metric.samples
                if sample.name.endswith("_total"))
    assert after == before
