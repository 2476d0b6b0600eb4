"""The local copy of platform members, kept from the actors service's ActorJoined and
ActorLeft: every event is applied once, however often the broker delivers it."""
from __future__ import annotations

import pytest
from initiatives_rig import ANCHOR, HJOERRING, through_gate
from prometheus_client import REGISTRY as METRICS

from samskab_contracts.events.actors import ActorJoined, ActorLeft
from samskab_infra.envelope import Envelope
from samskab_infra.publisher import ConfirmingPublisher
from tests.harness import wait_until

pytestmark = pytest.mark.integration

KN_LAASETEKNIK = "7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11"


def handled(event_type: str) -> float:
    """Deliveries the initiatives consumer has finished with (applied or recognised)."""
    return sum(METRICS.get_sample_value("samskab_events_consumed_total",
                                        {"consumer": "initiatives", "type": event_type,
                                         "outcome": outcome}) or 0.0
               for outcome in ("ok", "duplicate"))


def established(operator) -> tuple[str, str, str]:
    """An initiative in establishment with two development platforms."""
    initiative_id = operator.execute("create_initiative", HJOERRING)["initiative_id"]
    operator.execute("assign_anchor_person", {"initiative_id": initiative_id, "anchor_person": ANCHOR})
    for phase in ("mapping", "analysis", "actor_involvement", "establishment"):
        operator.execute("advance_phase", {"initiative_id": initiative_id, "to_phase": phase,
                                           "reason": "klar", **through_gate(phase)})
    platforms = [operator.execute("establish_platform", {"initiative_id": initiative_id, "name": name,
                                                         "focus_area": focus})["platform_id"]
                 for name, focus in (("PR-platform", "Information til borgere og presse"),
                                     ("Byggemarkeder", "Rådgivning om indbrudssikring"))]
    return initiative_id, platforms[0], platforms[1]


def deliver_twice(config: dict, envelope: Envelope) -> None:
    """The same envelope (same event id) twice, as a redelivering broker would."""
    before = handled(envelope.type)
    publisher = ConfirmingPublisher(config["AMQP_URI"], "samskab.events")
    try:
        publisher.publish_batch([envelope, envelope])
    finally:
        publisher.close()
    wait_until(lambda: handled(envelope.type) >= before + 2, timeout=15,
               message=f"both deliveries of {envelope.type} handled")


def actors_event(event_cls, initiative_id: str, **data) -> Envelope:
    facts = {"actor_id": KN_LAASETEKNIK, "actor_kind": "business", "district": "nordjylland",
             "initiative_id": initiative_id, "at": "2024-04-10T12:00:00Z"}
    return Envelope.wrap(event_cls(**{**facts, **data}), producer="actors",
                         correlation_id="actors-test", district="nordjylland")


def test_joining_and_leaving_twice_is_applied_once(operator, service_config, store, mongo_client,
                                                    db_prefix):
    initiative_id, pr_platform, byggemarked = established(operator)
    version = store.get(initiative_id)["version"]

    joined = actors_event(ActorJoined, initiative_id, scope="initiative",
                          platform_ids=[pr_platform, byggemarked], role="member",
                          name="KN Låseteknik", department=None, interests=["turnover", "safety"])
    deliver_twice(service_config, joined)
    doc = store.get(initiative_id)
    assert doc["version"] == version + 1
    assert doc["actors"][KN_LAASETEKNIK]["platform_ids"] == [pr_platform, byggemarked]
    assert doc["actors"][KN_LAASETEKNIK]["name"] == "KN Låseteknik"
    for platform_id in (pr_platform, byggemarked):
        assert list(doc["platforms"][platform_id]["members"]) == [KN_LAASETEKNIK]
    assert doc["_applied_events"] == [joined.event_id]

    # Past the consumer's processed-events mark, the aggregate still recognises the event.
    mongo_client[f"{db_prefix}_initiatives"]["processed_events"].delete_many({"event_id": joined.event_id})
    deliver_twice(service_config, joined)
    assert store.get(initiative_id)["version"] == version + 1

    left = actors_event(ActorLeft, initiative_id, scope="platform", platform_ids=[byggemarked],
                        reason_code="goal_reached")
    deliver_twice(service_config, left)
    doc = store.get(initiative_id)
    assert doc["version"] == version + 2
    assert doc["platforms"][byggemarked]["members"] == {}
    assert list(doc["platforms"][pr_platform]["members"]) == [KN_LAASETEKNIK]
    assert doc["actors"][KN_LAASETEKNIK]["platform_ids"] == [pr_platform]

    gone = actors_event(ActorLeft, initiative_id, scope="initiative", platform_ids=[],
                        reason_code=None)
    deliver_twice(service_config, gone)
    view = operator.query("get_initiative", {"initiative_id": initiative_id})
    assert view["version"] == version + 3
    assert view["actors"] == {} and view["actor_count"] == 0
    assert all(p["members"] == {} for p in view["platforms"].values())
