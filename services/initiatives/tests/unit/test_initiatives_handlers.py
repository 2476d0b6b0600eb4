"""Handlers against the in-memory aggregate store: envelopes, versions, errors."""
from __future__ import annotations

import pytest
from initiatives_samples import NOW, spec, through_gate

from initiatives.handlers import commands as h
from initiatives.handlers import events as ev
from initiatives.handlers import queries as q
from samskab_contracts.events.actors import ActorJoined, ActorLeft
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.aggregate_store import ConflictError
from samskab_infra.context import SYSTEM, Context, Principal
from samskab_infra.errors import Conflict, DomainRuleViolation, NotFound, ValidationFailed

pytestmark = pytest.mark.unit

ANCHOR = Principal.of(subject="jsn@politi.dk", role="anchor_person", district="nordjylland")
CTX = Context(correlation_id="corr-1", causation_id="cause-1", principal=ANCHOR, now=NOW)


@pytest.fixture
def store():
    return InMemoryAggregateStore()


def create(store) -> str:
    return h.create_initiative(store, spec(), CTX)["initiative_id"]


def test_create_emits_initiative_created_in_an_envelope(store):
    result = h.create_initiative(store, spec(), CTX)
    [envelope] = store.published
    assert envelope.type == "InitiativeCreated" and envelope.producer == "initiatives"
    assert envelope.correlation_id == "corr-1" and envelope.causation_id == "cause-1"
    assert envelope.district == "nordjylland" and envelope.occurred_at == NOW
    assert envelope.data["initiative_id"] == result["initiative_id"]
    assert envelope.data["by"] == "jsn@politi.dk" and envelope.data["at"] == NOW
    assert result["events"] == ["InitiativeCreated"] and result["initiative"]["version"] == 1


def test_ids_are_server_owned(store):
    with pytest.raises(ValidationFailed) as info:
        h.create_initiative(store, spec(initiative_id="mine"), CTX)
    assert "initiative_id" in info.value.details
    with pytest.raises(ValidationFailed):
        h.create_initiative(store, spec(phase="closing"), CTX)
    assert store.published == []


def test_oversized_text_is_rejected_by_the_schema_naming_the_field(store):
    with pytest.raises(ValidationFailed) as info:
        h.create_initiative(store, spec(title="x" * 201), CTX)
    assert "title" in info.value.details
    initiative_id = create(store)
    with pytest.raises(ValidationFailed) as info:
        h.advance_phase(store, {"initiative_id": initiative_id, "to_phase": "mapping",
                                "reason": "r" * 5001}, CTX)
    assert "reason" in info.value.details


def test_without_ctx_now_the_current_utc_time_is_used(store):
    result = h.create_initiative(store, spec(), Context(correlation_id="c", principal=ANCHOR))
    assert result["initiative"]["created_at"].endswith("Z")


def test_a_rule_violation_stores_nothing(store):
    initiative_id = create(store)
    store.published.clear()
    with pytest.raises(DomainRuleViolation) as info:
        h.advance_phase(store, {"initiative_id": initiative_id, "to_phase": "mapping", "reason": "go"}, CTX)
    assert info.value.code == "phase.gate.anchor_person_required"
    assert store.published == [] and store.get(initiative_id)["version"] == 1


def test_commands_bump_the_version_and_return_the_view(store):
    initiative_id = create(store)
    result = h.assign_anchor_person(store, {"initiative_id": initiative_id,
                                            "anchor_person": {"person_id": "jsn@politi.dk"}}, CTX)
    assert result["events"] == ["AnchorPersonAssigned"]
    view = result["initiative"]
    assert view["version"] == 2 and view["anchor_person"]["person_id"] == "jsn@politi.dk"
    assert not any(key.startswith("_") for key in view)
    assert view["phase_label"] == {"da": "Opstart", "en": "Start-up"}


def test_a_stale_expected_version_is_a_conflict(store):
    initiative_id = create(store)
    payload = {"initiative_id": initiative_id, "anchor_person": {"person_id": "jsn@politi.dk"}}
    h.assign_anchor_person(store, {**payload, "expected_version": 1}, CTX)
    with pytest.raises(Conflict) as info:
        h.set_working_group(store, {"initiative_id": initiative_id, "expected_version": 1,
                                    "add": [{"person_id": "lb@politi.dk"}]}, CTX)
    assert info.value.code == "version.conflict"
    assert info.value.details == {"expected_version": 1, "version": 2}
    assert len(store.published) == 2


class BackgroundWriter(InMemoryAggregateStore):
    """Another write (a member joining) lands between the command's read and its save,
    ``times`` times."""

    def __init__(self, times: int) -> None:
        super().__init__()
        self.times = times

    def update(self, aggregate_id, state, expected_version, events, command=None):
        if self.times > 0:
            self.times -= 1
            current = self.documents[aggregate_id]
            self.documents[aggregate_id] = {**current, "version": current["version"] + 1}
        return super().update(aggregate_id, state, expected_version, events, command)


def test_a_background_write_between_load_and_save_is_retried_without_if_match():
    store = BackgroundWriter(times=0)
    initiative_id = create(store)
    store.times = 3
    result = h.assign_anchor_person(store, {"initiative_id": initiative_id,
                                            "anchor_person": {"person_id": "jsn@politi.dk"}}, CTX)
    assert result["initiative"]["version"] == 5 and result["events"] == ["AnchorPersonAssigned"]
    assert [e.type for e in store.published] == ["InitiativeCreated", "AnchorPersonAssigned"]


def test_a_background_write_after_an_if_match_read_is_a_version_conflict():
    store = BackgroundWriter(times=0)
    initiative_id = create(store)
    store.times = 1
    with pytest.raises(Conflict) as info:
        h.assign_anchor_person(store, {"initiative_id": initiative_id, "expected_version": 1,
                                       "anchor_person": {"person_id": "jsn@politi.dk"}}, CTX)
    assert info.value.code == "version.conflict"
    assert [e.type for e in store.published] == ["InitiativeCreated"]


def test_unknown_ids(store):
    with pytest.raises(NotFound) as info:
        q.stored_initiative_view(store, "nope")
    assert info.value.code == "initiative.not_found"
    with pytest.raises(NotFound):
        h.establish_platform(store, {"initiative_id": "nope", "name": "x", "focus_area": "y"}, CTX)
    initiative_id = create(store)
    with pytest.raises(NotFound) as info:
        h.record_measurement(store, {"initiative_id": initiative_id, "goal_id": "g-404",
                                     "date": "2022-01-01", "value": 1}, CTX)
    assert info.value.code == "goal.not_found"


def test_payload_errors_map_fields_to_messages(store):
    initiative_id = create(store)
    with pytest.raises(ValidationFailed) as info:
        h.record_measurement(store, {"initiative_id": initiative_id, "goal_id": "g", "date": "yesterday",
                                     "value": "many", "colour": "red"}, CTX)
    assert set(info.value.details) == {"date", "value", "colour"}
    with pytest.raises(ValidationFailed):
        h.advance_phase(store, ["not", "a", "dict"], CTX)


def _with_platform(store) -> tuple[str, str]:
    initiative_id = create(store)
    h.assign_anchor_person(store, {"initiative_id": initiative_id,
                                   "anchor_person": {"person_id": "jsn@politi.dk"}}, CTX)
    for phase in ("mapping", "analysis", "actor_involvement", "establishment"):
        h.advance_phase(store, {"initiative_id": initiative_id, "to_phase": phase, "reason": "klar",
                                **through_gate(phase)}, CTX)
    result = h.establish_platform(store, {"initiative_id": initiative_id, "name": "Nabohjælp",
                                          "focus_area": "Flere husstande i Nabohjælp"}, CTX)
    return initiative_id, result["platform_id"]


def test_actor_events_update_the_member_copy_idempotently(store):
    initiative_id, platform_id = _with_platform(store)
    joined = {**ActorJoined.example, "initiative_id": initiative_id, "platform_ids": [platform_id]}
    before = len(store.published)
    assert ev.apply_actor_joined(store, joined, "evt-1", CTX)["applied"] is True
    version = store.get(initiative_id)["version"]
    assert ev.apply_actor_joined(store, joined, "evt-1", CTX)["applied"] is False
    assert store.get(initiative_id)["version"] == version, "a duplicate writes nothing"
    view = q.stored_initiative_view(store, initiative_id)
    assert joined["actor_id"] in view["platforms"][platform_id]["members"]
    assert view["actors"][joined["actor_id"]]["since"] == ActorJoined.example["at"]
    left = {**ActorLeft.example, "initiative_id": initiative_id, "platform_ids": [platform_id]}
    assert ev.apply_actor_left(store, left, "evt-2", CTX)["applied"] is True
    assert q.stored_initiative_view(store, initiative_id)["platforms"][platform_id]["members"] == {}
    assert len(store.published) == before, "membership raises no events of ours"


def test_flagging_overdue_checks_per_initiative_for_the_timer(store):
    initiative_id, platform_id = _with_platform(store)
    h.advance_phase(store, {"initiative_id": initiative_id, "to_phase": "co_creative_development",
                            "reason": "platformen arbejder"}, CTX)
    h.schedule_reality_checks(store, {"initiative_id": initiative_id, "platform_id": platform_id,
                                      "interval_days": 30}, CTX)
    assert h.initiatives_with_overdue_reality_checks(store.find(), NOW) == []
    later = Context(correlation_id="timer-1", principal=SYSTEM,
                    now="2023-03-01T06:00:00Z")
    assert h.initiatives_with_overdue_reality_checks(store.find(), later.now) == [initiative_id]
    assert h.reality_check_due_filter(later.now) == {
        "status": "active", "reality_checks_due_at": {"$lt": "2023-03-01"}}
    result = h.flag_overdue_reality_checks(store, {"initiative_id": initiative_id}, later)
    assert result["flagged_platform_ids"] == [platform_id] and result["events"] == ["RealityCheckOverdue"]
    envelope = store.events_of_type("RealityCheckOverdue")[0]
    assert envelope.correlation_id == "timer-1" and envelope.data["by"] == "system"
    version = store.get(initiative_id)["version"]
    again = h.flag_overdue_reality_checks(store, {"initiative_id": initiative_id}, later)
    assert again["flagged_platform_ids"] == [] and store.get(initiative_id)["version"] == version
    assert h.initiatives_with_overdue_reality_checks(store.find(), later.now) == []


class RacingStore(InMemoryAggregateStore):
    """``find`` ignores the timer's range filter (the fake matches equality only); one
    initiative is changed by someone else whenever the sweep tries to save it."""

    def __init__(self) -> None:
        super().__init__()
        self.contested: set[str] = set()

    def find(self, query=None, **kwargs):
        return super().find(None, **kwargs)

    def update(self, aggregate_id, state, expected_version, events, command=None):
        if aggregate_id in self.contested:
            raise ConflictError(aggregate_id, expected_version, expected_version + 1)
        return super().update(aggregate_id, state, expected_version, events, command)


def test_the_sweep_skips_an_initiative_changed_meanwhile_and_flags_the_rest():
    store = RacingStore()
    ids = []
    for _ in range(2):
        initiative_id, platform_id = _with_platform(store)
        h.advance_phase(store, {"initiative_id": initiative_id, "to_phase": "co_creative_development",
                                "reason": "platformen arbejder"}, CTX)
        h.schedule_reality_checks(store, {"initiative_id": initiative_id, "platform_id": platform_id,
                                          "interval_days": 30}, CTX)
        ids.append((initiative_id, platform_id))
    (contested, contested_platform), (free, free_platform) = ids
    store.contested.add(contested)
    later = Context(correlation_id="timer-2", now="2023-03-01T06:00:00Z")
    assert h.flag_all_overdue_reality_checks(store, later) == {"flagged": {free: [free_platform]}}
    assert [e.data["initiative_id"] for e in store.events_of_type("RealityCheckOverdue")] == [free]
    store.contested.clear()
    assert h.flag_all_overdue_reality_checks(store, later)["flagged"] == {contested: [contested_platform]}


def test_initiative_view_is_pure_and_usable_for_lists(store):
    create(store)
    [doc] = store.find()
    view = q.initiative_view(doc)
    assert view["title"] == "Hjørring – Fri for Indbrud" and view["version"] == 1
    assert "_id" not in view and "_applied_events" not in view
    assert doc == store.find()[0], "the view does not change the document"


def test_a_goal_on_an_unknown_platform_stores_nothing(store):
    initiative_id, _ = _with_platform(store)
    before = (store.get(initiative_id)["version"], len(store.published))
    with pytest.raises(NotFound) as info:
        h.set_goal(store, {"initiative_id": initiative_id, "platform_id": "p-404", "kind": "effect",
                           "goal_type": "qualitative", "title": "x", "target_level": 3}, CTX)
    assert info.value.code == "platform.not_found"
    assert (store.get(initiative_id)["version"], len(store.published)) == before


def test_a_measurement_for_a_qualitative_goal_names_the_rule(store):
    initiative_id, platform_id = _with_platform(store)
    h.set_baseline(store, {"initiative_id": initiative_id, "platform_id": platform_id,
                           "description": "420 indbrud", "date": "2016-12-31"}, CTX)
    goal_id = h.set_goal(store, {"initiative_id": initiative_id, "platform_id": platform_id, "kind": "effect",
                                 "goal_type": "qualitative", "title": "Tryghed", "target_level": 4},
                         CTX)["goal_id"]
    with pytest.raises(DomainRuleViolation) as info:
        h.record_measurement(store, {"initiative_id": initiative_id, "goal_id": goal_id,
                                     "date": "2022-01-01", "value": 3}, CTX)
    assert info.value.code == "goal.measurement.qualitative_goal"
    with pytest.raises(DomainRuleViolation) as info:
        h.record_assessment(store, {"initiative_id": initiative_id, "goal_id": goal_id,
                                    "date": "2023-02-01", "level": 4, "assessment": "ok"}, CTX)
    assert info.value.code == "goal.assessment.date_in_future"
    assert store.get(initiative_id)["goals"][goal_id]["progress"] == []


def test_person_emails_are_validated_and_carried_in_the_event(store):
    initiative_id = create(store)
    with pytest.raises(ValidationFailed) as info:
        h.assign_coordinator(store, {"initiative_id": initiative_id,
                                     "coordinator": {"person_id": "mk", "email": "not-an-email"}}, CTX)
    assert "coordinator" in info.value.details
    h.assign_coordinator(store, {"initiative_id": initiative_id,
                                 "coordinator": {"person_id": "mk", "email": "mk@hjoerring.dk"}}, CTX)
    assert store.events_of_type("CoordinatorAssigned")[0].data["coordinator"]["email"] == "mk@hjoerring.dk"


def test_membership_events_for_an_unknown_initiative(store):
    with pytest.raises(NotFound):
        ev.apply_actor_joined(store, {**ActorJoined.example, "initiative_id": "nope"}, "evt-1", CTX)


def test_a_repeated_command_id_is_answered_from_the_record_without_running_again(store):
    keyed = Context(correlation_id="corr-1", principal=ANCHOR, now=NOW, command_id="cmd-create")
    created = h.create_initiative(store, spec(), keyed)
    assert h.create_initiative(store, spec(), keyed)["initiative_id"] == created["initiative_id"]
    assert len(store.documents) == 1 and len(store.events_of_type("InitiativeCreated")) == 1

    initiative_id = created["initiative_id"]
    result = {"initiative_id": initiative_id, "title": "Nabohjælp i hver tredje husstand",
              "size": "breakthrough", "date": "2022-12-31"}
    documenting = Context(correlation_id="corr-2", principal=ANCHOR, now=NOW, command_id="cmd-result")
    first = h.document_result(store, result, documenting)
    again = h.document_result(store, result, documenting)
    assert (again["result_id"], again["events"]) == (first["result_id"], ["ResultDocumented"])
    assert again["initiative"]["version"] == first["initiative"]["version"] == 2
    assert len(store.get(initiative_id)["results"]) == 1
    assert len(store.events_of_type("ResultDocumented")) == 1
    assert store.commands[initiative_id][-1]["outcome"] == {"events": ["ResultDocumented"],
                                                            "result_id": first["result_id"]}
