"""The reporting service in a real container: events in through RabbitMQ, read models out
through the RPC query, InfluenceImbalanceDetected out through the outbox, metrics observed."""
from __future__ import annotations

import uuid

import pytest
from nameko.standalone.rpc import ServiceRpcProxy
from nameko.testing.services import entrypoint_hook
from prometheus_client import REGISTRY
from reporting_feed import bind_queue, drain, imbalance_story, publish, wait_processed

from reporting.adapters.event_log import envelope_of
from reporting.service import ReportingService
from samskab_dev.synthetic import envelope
from samskab_infra.context import Principal
from samskab_infra.errors import NotFound, ValidationFailed
from tests.harness import wait_until

pytestmark = pytest.mark.integration

OPERATOR = Principal.of("op@politi.dk", "district_operator", district="nordjylland")
NATIONAL = Principal.of("nfc@politi.dk", "national_centre")


def rpc(config: dict, principal: Principal) -> ServiceRpcProxy:
    return ServiceRpcProxy("reporting", config, context_data={"principal": principal.to_json()})


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_imbalance_is_projected_queried_and_published_once(container_factory, service_config,
                                                           mongo_client, db_prefix):
    container = container_factory(ReportingService, service_config)
    container.start()
    alerts = bind_queue(service_config["AMQP_URI"], "InfluenceImbalanceDetected.*")
    lag_before = sample("samskab_projection_lag_seconds_count")
    joined_before = sample("samskab_reporting_events_projected_total", type="ActorJoined")

    initiative_id, story, crossing = imbalance_story()
    db = mongo_client[f"{db_prefix}_reporting"]
    publish(service_config["AMQP_URI"], story)  # consumed concurrently, in any order
    wait_processed(db, [e["event_id"] for e in story])
    publish(service_config["AMQP_URI"], [crossing])
    wait_processed(db, [crossing["event_id"]])

    with rpc(service_config, OPERATOR) as reporting:
        view = reporting.query("get_initiative", {"initiative_id": initiative_id})
        listed = reporting.query("list_initiatives", {"district": "nordjylland"})
    influence = view["influence"]
    assert influence["imbalanced"] is True
    assert influence["gini"] == pytest.approx(0.8)  # one of five actors did everything
    assert influence["actor_count"] == {"value": 5, "suppressed": False}
    assert influence["by_kind"] == {"business": {"participation": 1, "share": 1.0}}
    assert listed["items"][0]["influence"] == {"gini": 0.8, "top20_share": 1.0, "imbalanced": True}
    with rpc(service_config, NATIONAL) as reporting:
        national = reporting.query("get_initiative", {"initiative_id": initiative_id})
    assert national["influence"]["by_kind"] == influence["by_kind"]  # exact figures nationwide
    participant = Principal.of("rep@firma.dk", "participant", initiatives=(initiative_id,))
    with rpc(service_config, participant) as reporting:
        outside = reporting.query("get_initiative", {"initiative_id": initiative_id})
    assert outside["influence"]["actor_count"] == {"value": 5, "suppressed": False}  # no citizens
    assert "by_kind" not in outside["influence"]

    published = wait_until(lambda: drain(service_config["AMQP_URI"], alerts), timeout=20,
                           message="InfluenceImbalanceDetected published")
    assert [p["type"] for p in published] == ["InfluenceImbalanceDetected"]
    alert = published[0]
    assert alert["data"]["initiative_id"] == initiative_id and alert["district"] == "nordjylland"
    assert alert["causation_id"] == crossing["event_id"] and alert["producer"] == "reporting"
    assert alert["data"]["gini"] == pytest.approx(0.8) and alert["data"]["actor_count"] == 5

    publish(service_config["AMQP_URI"], [crossing])  # a re-delivered duplicate raises nothing
    assert drain(service_config["AMQP_URI"], alerts, timeout=1.5) == []

    assert sample("samskab_projection_lag_seconds_count") - lag_before == len(story) + 1
    assert sample("samskab_reporting_events_projected_total", type="ActorJoined") - joined_before == 5
    with entrypoint_hook(container, "refresh_business_metrics") as refresh:
        refresh()
    assert sample("samskab_initiatives_by_phase", phase="start_up") == 1
    assert sample("samskab_reporting_read_model_generation") == 1


def test_queries_answer_problems_for_bad_input_and_unknown_initiatives(container_factory,
                                                                     service_config):
    container_factory(ReportingService, service_config).start()
    with rpc(service_config, NATIONAL) as reporting:
        with pytest.raises(NotFound):
            reporting.query("get_initiative", {"initiative_id": "nope"})
        with pytest.raises(ValidationFailed) as invalid:
            reporting.query("get_rollup", {"district": "atlantis"})
        empty = reporting.query("get_rollup", {})
    assert "district" in invalid.value.details
    assert empty["initiatives"] == {"value": 0, "suppressed": False}


def test_an_erased_actor_is_named_nowhere_in_the_event_log(container_factory, service_config,
                                                          mongo_client, db_prefix):
    container_factory(ReportingService, service_config).start()
    db = mongo_client[f"{db_prefix}_reporting"]
    _, story, _ = imbalance_story()
    gone, kept = story[1]["data"]["actor_id"], story[2]["data"]["actor_id"]
    erasure = envelope("ActorErased", actor_id=gone, actor_kind="business", district="nordjylland")
    late = {**story[1], "event_id": str(uuid.uuid4())}  # about the erased actor, arriving after
    publish(service_config["AMQP_URI"], story + [erasure])
    wait_processed(db, [e["event_id"] for e in story + [erasure]])
    publish(service_config["AMQP_URI"], [late])
    wait_processed(db, [late["event_id"]])

    logged = {d["_id"]: envelope_of(d)["data"] for d in db["event_log"].find({})}
    assert logged[story[1]["event_id"]]["name"] is None and logged[late["event_id"]]["name"] is None
    assert logged[story[2]["event_id"]]["name"] == story[2]["data"]["name"]
    assert db["actors"].find_one({"_id": gone})["erased"] is True
    assert db["actors"].find_one({"_id": kept})["name"] == story[2]["data"]["name"]


def test_days_paused_are_reported_apart_from_days_active(container_factory, service_config, mongo_client,
                                                         db_prefix):
    container_factory(ReportingService, service_config).start()
    initiative_id = str(uuid.uuid4())
    on = {"initiative_id": initiative_id, "district": "nordjylland"}
    story = [envelope("InitiativeCreated", **on, at="2019-01-01T00:00:00Z", focus_area="Bispehaven"),
             envelope("InitiativeRevised", **on, at="2019-06-01T00:00:00Z", changed_fields=["focus_area"],
                      focus_area="Herredsvang", previous={"focus_area": "Bispehaven"}),
             envelope("InitiativePaused", **on, at="2020-03-12T00:00:00Z"),
             envelope("InitiativeResumed", **on, at="2020-09-01T00:00:00Z", paused_at="2020-03-12T00:00:00Z",
                      days_paused=173.0)]
    publish(service_config["AMQP_URI"], story)  # consumed concurrently, in any order
    wait_processed(mongo_client[f"{db_prefix}_reporting"], [e["event_id"] for e in story])
    with rpc(service_config, OPERATOR) as reporting:
        view = reporting.query("get_initiative", {"initiative_id": initiative_id})
        rolled = reporting.query("get_rollup", {"district": "nordjylland"})
    assert view["focus_area"] == "Herredsvang" and view["paused_since"] is None
    assert view["days_paused"] == 173.0 and view["days_active"] > 365
    assert [p["days"] for p in view["pauses"]] == [173.0]
    assert rolled["days_paused"] == {"value": 173.0, "suppressed": False}
    assert rolled["paused"] == {"value": 0, "suppressed": False}
