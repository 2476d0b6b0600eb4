"""The shared RPC and timer entrypoints with a store that does not answer (nothing listens
on its port) and a real broker: an RPC answers StoreUnavailable instead of a bare pymongo
error (which the gateway could only call a 500), and a timer's failing ticks are counted
and skipped while the service keeps running."""
from __future__ import annotations

import pytest
from nameko.standalone.rpc import ServiceRpcProxy
from prometheus_client import REGISTRY

from samskab_dev.store_runner import free_port
from samskab_infra.context import Principal
from samskab_infra.errors import StoreUnavailable
from samskab_infra.mongo import MongoDatabase
from samskab_infra.rpc import rpc
from samskab_infra.timer import timer
from tests.harness import wait_until

pytestmark = pytest.mark.integration


class AwayStoreService:
    name = "away_store"
    db = MongoDatabase()

    @rpc
    def count(self) -> int:
        return self.db["things"].count_documents({})

    @timer(interval=0.2)
    def sweep(self) -> None:
        self.db["things"].find_one({})


def waits(component: str) -> float:
    return REGISTRY.get_sample_value("samskab_store_outage_waits_total",
                                     {"service": "away_store", "component": component}) or 0.0


def test_rpc_answers_store_unavailable_and_the_timer_skips_ticks_while_the_store_is_away(
        container_factory, rabbit_config):
    config = {**rabbit_config, "MONGO_URI": f"mongodb://127.0.0.1:{free_port()}/", "serializer": "json"}
    container = container_factory(AwayStoreService, config)
    container.start()
    caller = {"principal": Principal.of("operator@politi.dk", "district_operator", "nordjylland").to_json()}
    with ServiceRpcProxy("away_store", config, timeout=30, context_data=caller) as service:
        with pytest.raises(StoreUnavailable) as raised:
            service.count()
    assert raised.value.code == "store_unavailable" and raised.value.details["retry_after"] > 0
    assert waits("rpc") >= 1
    wait_until(lambda: waits("timer") >= 1, timeout=30, interval=0.2, message="a timer tick met the outage")
    assert not container._died.ready(), "the service must keep running through the outage"
    assert REGISTRY.get_sample_value("samskab_store_available", {"service": "away_store"}) == 0
